using System.Globalization;
using System.Numerics.Tensors;
using TalentMatch.Core.Documents;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching;

/// <summary>
/// Scores candidates against a job from components a recruiter can read and weigh (ADR 0004), and explains every
/// score. Pure and thread-safe; the taxonomy relations it needs are computed once per skill and cached.
/// </summary>
public sealed class Matcher
{
    /// <summary>Cosine at or below which the semantic component is 0: what unrelated profiles score with MiniLM.</summary>
    public const double SemanticFloor = 0.2;

    /// <summary>Cosine at or above which the semantic component is 1: near-paraphrase profiles.</summary>
    public const double SemanticCeiling = 0.8;

    /// <summary>Weight of a requirement the job only mentions (not in a requirements or nice-to-have list) within the preferred component.</summary>
    public const double MentionedWeight = 0.5;

    /// <summary>Credit for a component whose candidate-side input is unknown (years or seniority not stated): neither proof nor disproof.</summary>
    public const double UnknownCredit = 0.5;

    private static readonly Lazy<Matcher> DefaultInstance = new(() => new Matcher(SkillTaxonomy.LoadDefault()));

    private readonly SkillRelations _relations;

    public Matcher(SkillTaxonomy taxonomy, PartialCredit? credit = null)
        : this(new SkillRelations(taxonomy, credit))
    {
    }

    public Matcher(SkillRelations relations)
    {
        ArgumentNullException.ThrowIfNull(relations);
        _relations = relations;
    }

    /// <summary>The matcher over the embedded taxonomy with the default partial credits, shared.</summary>
    public static Matcher Default => DefaultInstance.Value;

    public SkillRelations Relations => _relations;

    public SkillTaxonomy Taxonomy => _relations.Taxonomy;

    /// <summary>Scores one candidate against one job, with the full explanation.</summary>
    public MatchResult Score(JobProfile job, CandidateProfile candidate, MatchWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return Score(Prepare(job), candidate, weights ?? MatchWeights.Default);
    }

    /// <summary>
    /// The score <see cref="Score(JobProfile, CandidateProfile, MatchWeights?)"/> explains, to the last bit, without a
    /// word of the explanation: what ranking computes for every retrieved profile before it explains the few it returns.
    /// </summary>
    public double ScoreValue(JobProfile job, CandidateProfile candidate, MatchWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return ScoreValue(Prepare(job), candidate, weights ?? MatchWeights.Default);
    }

    /// <summary>
    /// Scores every candidate against the job and returns the best <paramref name="top"/>, best first (ties by
    /// candidate id, so the order is deterministic), each with its explanation. Every candidate is scored in numbers
    /// only; only the returned ones are explained.
    /// </summary>
    public IReadOnlyList<MatchResult> Rank(JobProfile job, IEnumerable<CandidateProfile> candidates, MatchWeights? weights = null, int top = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var prepared = Prepare(job);
        var w = weights ?? MatchWeights.Default;
        w.Validate();
        var scored = new List<(double Score, CandidateProfile Candidate)>();
        foreach (var candidate in candidates)
        {
            scored.Add((ScoreValue(prepared, candidate, w), candidate));
        }

        scored.Sort(static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(a.Candidate.Id, b.Candidate.Id);
        });
        return [.. scored.Take(top).Select(s => Score(prepared, s.Candidate, w))];
    }

    /// <summary>The job with its requirements resolved against the taxonomy: what scoring many candidates shares.</summary>
    public PreparedJob Prepare(JobProfile job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var requirements = new List<PreparedRequirement>(job.Requirements.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // Required first, then preferred, then mentioned; within a level, the job's order. A skill listed twice counts once, at its strongest level.
        foreach (var requirement in job.Requirements.OrderByDescending(r => r.Level))
        {
            if (seen.Add(requirement.SkillId))
            {
                requirements.Add(new PreparedRequirement(requirement, NameOf(requirement.SkillId), _relations.SatisfiersOf(requirement.SkillId)));
            }
        }

        return new PreparedJob(this, job, requirements, PreparedUnit.Of(requirements));
    }

    /// <summary>One pair with its full explanation; the numbers are <see cref="Tally"/>'s, the words are added here.</summary>
    public MatchResult Score(PreparedJob prepared, CandidateProfile candidate, MatchWeights weights)
    {
        var tally = Tally(prepared, candidate, weights, explain: true);
        var job = prepared.Job;
        var requirementResults = new RequirementResult[prepared.Requirements.Count];
        for (var i = 0; i < requirementResults.Length; i++)
        {
            requirementResults[i] = Explain(prepared.Requirements[i], tally.Earned[i]);
        }

        // The counts in the skill components' details, over the same units the credits were summed over.
        var units = RequirementUnits(requirementResults);
        int requiredMatched = 0, requiredPartial = 0, requiredUnits = 0, preferredMatched = 0, preferredUnits = 0;
        foreach (var unit in units)
        {
            if (unit.Level == RequirementLevel.Required)
            {
                requiredUnits++;
                requiredMatched += unit.Status == RequirementStatus.Matched ? 1 : 0;
                requiredPartial += unit.Status == RequirementStatus.Partial ? 1 : 0;
            }
            else
            {
                preferredMatched += unit.Status == RequirementStatus.Matched ? 1 : 0;
                preferredUnits++;
            }
        }

        var details = tally.Details!;
        details[(int)MatchComponent.RequiredSkills] = requiredUnits > 0
            ? Invariant($"{requiredMatched} of {requiredUnits} required skills matched, {requiredPartial} partly")
            : "the job states no required skills";
        details[(int)MatchComponent.PreferredSkills] = preferredUnits > 0
            ? Invariant($"{preferredMatched} of {preferredUnits} preferred or mentioned skills matched")
            : "the job states no preferred skills";

        var components = new ComponentResult[tally.Components.Length];
        for (var c = 0; c < components.Length; c++)
        {
            var (applicable, score) = tally.Components[c];
            var weight = weights[(MatchComponent)c];
            var effective = EffectiveWeight(applicable, weight, tally.WeightSum);
            components[c] = new ComponentResult((MatchComponent)c, applicable, score, weight, effective, effective * score, details[c]!);
        }

        return new MatchResult(job.Id, candidate.Id, tally.Score, components, requirementResults, weights, Taxonomy.Version);
    }

    /// <summary>The score of one pair in numbers only: <see cref="Score(PreparedJob, CandidateProfile, MatchWeights)"/>'s, bit for bit.</summary>
    public double ScoreValue(PreparedJob prepared, CandidateProfile candidate, MatchWeights weights) =>
        Tally(prepared, candidate, weights, explain: false).Score;

    /// <summary>What a pair's score is made of, before any words: each requirement's best satisfier, each component's score.</summary>
    /// <param name="Details">Each component's sentence; null when not explaining (the skill components' are written by the caller).</param>
    private sealed record PairTally(Earned[] Earned, (bool Applicable, double Score)[] Components, string?[]? Details, double WeightSum, double Score);

    /// <summary>
    /// The one place a score is computed. The skill components count units (<see cref="PreparedUnit"/>: a requirement
    /// alone, or an "any of" group as its best member); the others compare the two profiles' facts.
    /// </summary>
    private PairTally Tally(PreparedJob prepared, CandidateProfile candidate, MatchWeights weights, bool explain)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(candidate);
        if (!ReferenceEquals(prepared.Matcher, this))
        {
            throw new ArgumentException("The job was prepared by another matcher (another taxonomy or partial credits).", nameof(prepared));
        }

        var job = prepared.Job;
        var earned = new Earned[prepared.Requirements.Count];
        for (var i = 0; i < earned.Length; i++)
        {
            earned[i] = Best(prepared.Requirements[i], candidate);
        }

        double requiredSum = 0, requiredCount = 0, preferredSum = 0, preferredCount = 0;
        foreach (var unit in prepared.Units)
        {
            var credit = unit.CreditOf(earned);
            if (unit.Level == RequirementLevel.Required)
            {
                requiredSum += credit;
                requiredCount++;
            }
            else
            {
                var w = unit.Level == RequirementLevel.Preferred ? 1.0 : MentionedWeight;
                preferredSum += w * credit;
                preferredCount += w;
            }
        }

        var raw = new (bool Applicable, double Score, string? Detail)[7];
        raw[(int)MatchComponent.RequiredSkills] = requiredCount > 0 ? (true, requiredSum / requiredCount, null) : (false, 0, null);
        raw[(int)MatchComponent.PreferredSkills] = preferredCount > 0 ? (true, preferredSum / preferredCount, null) : (false, 0, null);
        raw[(int)MatchComponent.Semantic] = SemanticScore(job.Vector, candidate.Vector, explain);
        raw[(int)MatchComponent.Experience] = ExperienceScore(job.YearsRequired, candidate.YearsOfExperience, explain);
        raw[(int)MatchComponent.Seniority] = SeniorityScore(job.Seniority, candidate.Seniority, explain);
        raw[(int)MatchComponent.Location] = LocationScore(job, candidate.Location, explain);
        raw[(int)MatchComponent.Languages] = LanguageScore(job.Languages, candidate.Languages, explain);

        double weightSum = 0;
        for (var c = 0; c < raw.Length; c++)
        {
            if (raw[c].Applicable)
            {
                weightSum += weights[(MatchComponent)c];
            }
        }

        var components = new (bool Applicable, double Score)[raw.Length];
        double score = 0;
        for (var c = 0; c < raw.Length; c++)
        {
            components[c] = (raw[c].Applicable, raw[c].Score);
            score += EffectiveWeight(raw[c].Applicable, weights[(MatchComponent)c], weightSum) * raw[c].Score;
        }

        return new PairTally(earned, components, explain ? [.. raw.Select(r => r.Detail)] : null, weightSum, Math.Clamp(score, 0, 1));
    }

    /// <summary>A component's share among the applicable ones (0 when it does not apply).</summary>
    private static double EffectiveWeight(bool applicable, double weight, double weightSum) =>
        applicable && weightSum > 0 ? weight / weightSum : 0;

    /// <summary>The units of the evaluated requirements; each group member's detail says how its group came out.</summary>
    private static List<RequirementUnit> RequirementUnits(RequirementResult[] results)
    {
        var units = RequirementUnit.Of(results);
        foreach (var unit in units.Where(u => u.IsGroup))
        {
            var note = unit.AlternativesNote;
            for (var i = 0; i < results.Length; i++)
            {
                if (unit.Members.Contains(results[i]))
                {
                    results[i] = results[i] with { Detail = $"{results[i].Detail}; {note}" };
                }
            }
        }

        return units;
    }

    /// <summary>What one requirement earned: the candidate's skill that satisfies it best (none: null) and its credit.</summary>
    internal readonly record struct Earned(Satisfier? By, CandidateSkill? Skill, double Credit);

    /// <summary>The candidate's skill that satisfies the requirement best; at equal credit the closer relation.</summary>
    private static Earned Best(PreparedRequirement prepared, CandidateProfile candidate)
    {
        var requirement = prepared.Requirement;
        Satisfier? best = null;
        CandidateSkill? bestSkill = null;
        double bestCredit = 0;
        foreach (var skill in candidate.Skills)
        {
            if (!prepared.Satisfiers.TryGetValue(skill.SkillId, out var satisfier))
            {
                continue;
            }

            var credit = satisfier.Credit * YearsFactor(requirement.Years, skill.Years);
            if (credit > bestCredit || (credit == bestCredit && best is not null && satisfier.Relation < best.Relation))
            {
                best = satisfier;
                bestSkill = skill;
                bestCredit = credit;
            }
        }

        return new Earned(best, bestSkill, bestCredit);
    }

    /// <summary>A requirement's outcome in words, with the evidence on both sides.</summary>
    private RequirementResult Explain(PreparedRequirement prepared, Earned earned)
    {
        var requirement = prepared.Requirement;
        if (earned.By is not { } best || earned.Skill is not { } bestSkill)
        {
            return new RequirementResult(requirement.SkillId, prepared.Name, requirement.Level, RequirementStatus.Missing, 0,
                null, null, null, [], requirement.Years, null, $"{prepared.Name}: not found in the candidate's profile",
                requirement.Evidence, []) { AnyOf = requirement.AnyOf };
        }

        var bestCredit = earned.Credit;
        var status = bestCredit >= 1.0 ? RequirementStatus.Matched : RequirementStatus.Partial;
        var matchedName = NameOf(best.SkillId);
        var detail = best.Relation switch
        {
            MatchRelation.Exact => $"{prepared.Name}: stated",
            MatchRelation.Descendant => $"{prepared.Name}: satisfied by the narrower skill {matchedName} ({PathText(best.Path)})",
            MatchRelation.Ancestor => $"{prepared.Name}: only the broader skill {matchedName} ({PathText(best.Path)})",
            MatchRelation.Sibling => $"{prepared.Name}: the neighbouring skill {matchedName}, both under {NameOf(best.Path[1])}",
            MatchRelation.Related => $"{prepared.Name}: the related skill {matchedName}",
            _ => prepared.Name,
        };
        if (requirement.Years is { } needed && bestSkill.Years is { } has && has < needed)
        {
            detail += Invariant($"; {has} of the {needed} years asked for");
        }

        return new RequirementResult(requirement.SkillId, prepared.Name, requirement.Level, status, bestCredit,
            best.SkillId, matchedName, best.Relation, best.Path, requirement.Years, bestSkill.Years, detail,
            requirement.Evidence, bestSkill.Evidence) { AnyOf = requirement.AnyOf };
    }

    /// <summary>Too few years of a skill halve its credit at worst: the candidate has it, just less of it.</summary>
    private static double YearsFactor(int? required, int? has) =>
        required is > 0 && has is { } h && h < required ? Math.Max(0.5, (double)h / required.Value) : 1.0;

    private static (bool, double, string?) SemanticScore(float[]? job, float[]? candidate, bool explain)
    {
        if (job is null || candidate is null || job.Length != candidate.Length || job.Length == 0)
        {
            return (false, 0, "no profile vector on one side");
        }

        // Vectors are L2-normalised at indexing time, so the dot product is the cosine.
        double cosine = TensorPrimitives.Dot<float>(job, candidate);
        var scaled = Math.Clamp((cosine - SemanticFloor) / (SemanticCeiling - SemanticFloor), 0, 1);
        return (true, scaled, explain ? Invariant($"profile cosine similarity {cosine:0.000}") : null);
    }

    private static (bool, double, string?) ExperienceScore(double? required, double? has, bool explain)
    {
        if (required is not > 0)
        {
            return (false, 0, "the job states no years of experience");
        }

        if (has is null)
        {
            return (true, UnknownCredit, explain ? Invariant($"{required:0.#} years asked for; the resume does not say how many it has") : null);
        }

        // No penalty for more years than asked: that would be a proxy for age.
        var score = Math.Clamp(has.Value / required.Value, 0, 1);
        return (true, score, explain ? Invariant($"{has:0.#} years against {required:0.#} asked for") : null);
    }

    private static (bool, double, string?) SeniorityScore(Seniority? job, Seniority? candidate, bool explain)
    {
        if (job is null or Seniority.Unknown)
        {
            return (false, 0, "the job states no seniority");
        }

        if (candidate is null or Seniority.Unknown)
        {
            return (true, UnknownCredit, explain ? $"the job is {job}; the candidate's seniority is unknown" : null);
        }

        var gap = Rank(candidate.Value) - Rank(job.Value);
        var score = gap switch
        {
            0 => 1.0,
            1 => 0.75,   // one level above: usually still a fit
            -1 => 0.5,   // one level below: a stretch
            2 => 0.4,
            -2 => 0.15,
            _ => 0.0,
        };
        return (true, score, explain ? $"candidate {candidate} for a {job} role" : null);
    }

    /// <summary>Seniority as a ladder; management titles sit beside the senior IC levels they usually follow.</summary>
    internal static int Rank(Seniority seniority) => seniority switch
    {
        Seniority.Intern => 0,
        Seniority.Junior => 1,
        Seniority.Mid => 2,
        Seniority.Senior => 3,
        Seniority.Lead or Seniority.Staff or Seniority.Manager => 4,
        Seniority.Principal or Seniority.Director => 5,
        Seniority.Executive => 6,
        _ => 2,
    };

    private static (bool, double, string?) LocationScore(JobProfile job, string? candidateLocation, bool explain)
    {
        if (job.WorkArrangement == WorkArrangement.Remote)
        {
            return (true, 1.0, "remote role");
        }

        if (string.IsNullOrWhiteSpace(job.Location))
        {
            return (false, 0, "the job states no location");
        }

        if (string.IsNullOrWhiteSpace(candidateLocation))
        {
            return (false, 0, explain ? $"job in {job.Location}; the candidate's location is unknown" : null);
        }

        if (SamePlace(job.Location, candidateLocation))
        {
            return (true, 1.0, explain ? $"job in {job.Location}, candidate in {candidateLocation}" : null);
        }

        // Hybrid roles need fewer days on site than on-site ones; relocation is always possible, so never 0.
        var score = job.WorkArrangement == WorkArrangement.Hybrid ? 0.3 : 0.2;
        return (true, score, explain ? $"job in {job.Location} ({job.WorkArrangement}), candidate in {candidateLocation}" : null);
    }

    /// <summary>
    /// Same place when both normalise to one (<see cref="Locations"/>: "北京" and "Beijing, China"), or when the first
    /// part of either names the other ("Austin" and "Austin, TX").
    /// </summary>
    internal static bool SamePlace(string a, string b)
    {
        if (string.Equals(Locations.Normalise(a), Locations.Normalise(b), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        static string Head(string s) => s.Split([',', '·', '-', '|', '/'], 2)[0].Trim();
        var ha = Head(a);
        var hb = Head(b);
        return ha.Length > 0 && hb.Length > 0 &&
               (a.Contains(hb, StringComparison.OrdinalIgnoreCase) || b.Contains(ha, StringComparison.OrdinalIgnoreCase));
    }

    private static (bool, double, string?) LanguageScore(IReadOnlyList<string> job, IReadOnlyList<string> candidate, bool explain)
    {
        if (job.Count == 0)
        {
            return (false, 0, "the job asks for no particular language");
        }

        if (candidate.Count == 0)
        {
            return (true, UnknownCredit, explain ? $"the job asks for {string.Join(", ", job)}; the candidate's languages are unknown" : null);
        }

        var spoken = job.Where(l => candidate.Contains(l, StringComparer.OrdinalIgnoreCase)).ToList();
        if (!explain)
        {
            return (true, (double)spoken.Count / job.Count, null);
        }

        var missing = job.Except(spoken, StringComparer.OrdinalIgnoreCase).ToList();
        return (true, (double)spoken.Count / job.Count,
            missing.Count == 0 ? $"speaks {string.Join(", ", spoken)}" : $"does not list {string.Join(", ", missing)}");
    }

    private string NameOf(string id) => Taxonomy.TryGet(id, out var skill) ? skill.Name : id;

    private string PathText(IReadOnlyList<string> path) => string.Join(" → ", path.Select(NameOf));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

}
