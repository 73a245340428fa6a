using System.Collections.Frozen;
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
    /// Scores every candidate against the job and returns the best <paramref name="top"/>, best first (ties by
    /// candidate id, so the order is deterministic), each with its explanation.
    /// </summary>
    public IReadOnlyList<MatchResult> Rank(JobProfile job, IEnumerable<CandidateProfile> candidates, MatchWeights? weights = null, int top = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var prepared = Prepare(job);
        var w = weights ?? MatchWeights.Default;
        w.Validate();
        var results = new List<MatchResult>();
        foreach (var candidate in candidates)
        {
            results.Add(Score(prepared, candidate, w));
        }

        results.Sort(static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(a.CandidateId, b.CandidateId);
        });
        return results.Count > top ? results.GetRange(0, top) : results;
    }

    /// <summary>The job with its requirements resolved against the taxonomy: what scoring many candidates shares.</summary>
    internal PreparedJob Prepare(JobProfile job)
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

        return new PreparedJob(job, requirements);
    }

    internal MatchResult Score(PreparedJob prepared, CandidateProfile candidate, MatchWeights weights)
    {
        var job = prepared.Job;
        var requirementResults = new RequirementResult[prepared.Requirements.Count];
        for (var i = 0; i < prepared.Requirements.Count; i++)
        {
            requirementResults[i] = Evaluate(prepared.Requirements[i], candidate);
        }

        // The skill components count units: a requirement alone, or an "any of" group as its best member.
        var units = RequirementUnits(requirementResults);
        double requiredSum = 0, requiredCount = 0, preferredSum = 0, preferredCount = 0;
        int requiredMatched = 0, requiredPartial = 0, preferredMatched = 0, preferredUnits = 0;
        foreach (var unit in units)
        {
            if (unit.Level == RequirementLevel.Required)
            {
                requiredSum += unit.Credit;
                requiredCount++;
                requiredMatched += unit.Status == RequirementStatus.Matched ? 1 : 0;
                requiredPartial += unit.Status == RequirementStatus.Partial ? 1 : 0;
            }
            else
            {
                var w = unit.Level == RequirementLevel.Preferred ? 1.0 : MentionedWeight;
                preferredSum += w * unit.Credit;
                preferredCount += w;
                preferredMatched += unit.Status == RequirementStatus.Matched ? 1 : 0;
                preferredUnits++;
            }
        }

        var raw = new (bool Applicable, double Score, string Detail)[7];
        raw[(int)MatchComponent.RequiredSkills] = requiredCount > 0
            ? (true, requiredSum / requiredCount, Invariant($"{requiredMatched} of {requiredCount} required skills matched, {requiredPartial} partly"))
            : (false, 0, "the job states no required skills");
        raw[(int)MatchComponent.PreferredSkills] = preferredCount > 0
            ? (true, preferredSum / preferredCount, Invariant($"{preferredMatched} of {preferredUnits} preferred or mentioned skills matched"))
            : (false, 0, "the job states no preferred skills");
        raw[(int)MatchComponent.Semantic] = SemanticScore(job.Vector, candidate.Vector);
        raw[(int)MatchComponent.Experience] = ExperienceScore(job.YearsRequired, candidate.YearsOfExperience);
        raw[(int)MatchComponent.Seniority] = SeniorityScore(job.Seniority, candidate.Seniority);
        raw[(int)MatchComponent.Location] = LocationScore(job, candidate.Location);
        raw[(int)MatchComponent.Languages] = LanguageScore(job.Languages, candidate.Languages);

        double weightSum = 0;
        for (var c = 0; c < raw.Length; c++)
        {
            if (raw[c].Applicable)
            {
                weightSum += weights[(MatchComponent)c];
            }
        }

        var components = new ComponentResult[raw.Length];
        double score = 0;
        for (var c = 0; c < raw.Length; c++)
        {
            var weight = weights[(MatchComponent)c];
            var effective = raw[c].Applicable && weightSum > 0 ? weight / weightSum : 0;
            var contribution = effective * raw[c].Score;
            score += contribution;
            components[c] = new ComponentResult((MatchComponent)c, raw[c].Applicable, raw[c].Score, weight, effective, contribution, raw[c].Detail);
        }

        return new MatchResult(job.Id, candidate.Id, Math.Clamp(score, 0, 1), components, requirementResults, weights, Taxonomy.Version);
    }

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

    private RequirementResult Evaluate(PreparedRequirement prepared, CandidateProfile candidate)
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

        if (best is null || bestSkill is null)
        {
            return new RequirementResult(requirement.SkillId, prepared.Name, requirement.Level, RequirementStatus.Missing, 0,
                null, null, null, [], requirement.Years, null, $"{prepared.Name}: not found in the candidate's profile",
                requirement.Evidence, []) { AnyOf = requirement.AnyOf };
        }

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

    private static (bool, double, string) SemanticScore(float[]? job, float[]? candidate)
    {
        if (job is null || candidate is null || job.Length != candidate.Length || job.Length == 0)
        {
            return (false, 0, "no profile vector on one side");
        }

        // Vectors are L2-normalised at indexing time, so the dot product is the cosine.
        double cosine = TensorPrimitives.Dot<float>(job, candidate);
        var scaled = Math.Clamp((cosine - SemanticFloor) / (SemanticCeiling - SemanticFloor), 0, 1);
        return (true, scaled, Invariant($"profile cosine similarity {cosine:0.000}"));
    }

    private static (bool, double, string) ExperienceScore(double? required, double? has)
    {
        if (required is not > 0)
        {
            return (false, 0, "the job states no years of experience");
        }

        if (has is null)
        {
            return (true, UnknownCredit, Invariant($"{required:0.#} years asked for; the resume does not say how many it has"));
        }

        // No penalty for more years than asked: that would be a proxy for age.
        var score = Math.Clamp(has.Value / required.Value, 0, 1);
        return (true, score, Invariant($"{has:0.#} years against {required:0.#} asked for"));
    }

    private static (bool, double, string) SeniorityScore(Seniority? job, Seniority? candidate)
    {
        if (job is null or Seniority.Unknown)
        {
            return (false, 0, "the job states no seniority");
        }

        if (candidate is null or Seniority.Unknown)
        {
            return (true, UnknownCredit, $"the job is {job}; the candidate's seniority is unknown");
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
        return (true, score, $"candidate {candidate} for a {job} role");
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

    private static (bool, double, string) LocationScore(JobProfile job, string? candidateLocation)
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
            return (false, 0, $"job in {job.Location}; the candidate's location is unknown");
        }

        if (SamePlace(job.Location, candidateLocation))
        {
            return (true, 1.0, $"job in {job.Location}, candidate in {candidateLocation}");
        }

        // Hybrid roles need fewer days on site than on-site ones; relocation is always possible, so never 0.
        var score = job.WorkArrangement == WorkArrangement.Hybrid ? 0.3 : 0.2;
        return (true, score, $"job in {job.Location} ({job.WorkArrangement}), candidate in {candidateLocation}");
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

    private static (bool, double, string) LanguageScore(IReadOnlyList<string> job, IReadOnlyList<string> candidate)
    {
        if (job.Count == 0)
        {
            return (false, 0, "the job asks for no particular language");
        }

        if (candidate.Count == 0)
        {
            return (true, UnknownCredit, $"the job asks for {string.Join(", ", job)}; the candidate's languages are unknown");
        }

        var spoken = job.Where(l => candidate.Contains(l, StringComparer.OrdinalIgnoreCase)).ToList();
        var missing = job.Except(spoken, StringComparer.OrdinalIgnoreCase).ToList();
        return (true, (double)spoken.Count / job.Count,
            missing.Count == 0 ? $"speaks {string.Join(", ", spoken)}" : $"does not list {string.Join(", ", missing)}");
    }

    private string NameOf(string id) => Taxonomy.TryGet(id, out var skill) ? skill.Name : id;

    private string PathText(IReadOnlyList<string> path) => string.Join(" → ", path.Select(NameOf));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    internal sealed record PreparedRequirement(JobRequirement Requirement, string Name, FrozenDictionary<string, Satisfier> Satisfiers);

    internal sealed record PreparedJob(JobProfile Job, IReadOnlyList<PreparedRequirement> Requirements);
}
