using System.Text.Json;
using TalentMatch.Core.Documents;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching.Tests;

/// <summary>
/// Ranking scores every pair in numbers only (<see cref="Matcher.ScoreValue(PreparedJob, CandidateProfile, MatchWeights)"/>)
/// and explains only what it returns (issue #22). The numbers are the explained score's bit for bit, and a ranking is
/// what explaining every pair first gave, on the real resumes and ads.
/// </summary>
public class NumbersFirstRankingTests
{
    private static readonly MatchWeights SkillsOnly = MatchWeights.Default with { Semantic = 0 };

    [Fact]
    public void The_number_of_every_real_pair_is_its_explained_score_bit_for_bit()
    {
        RealPairs.RequireData();
        var compared = 0;
        foreach (var weights in new[] { MatchWeights.Default, SkillsOnly })
        {
            foreach (var job in RealPairs.Jobs)
            {
                var prepared = Matcher.Default.Prepare(job);
                foreach (var candidate in RealPairs.Candidates)
                {
                    var explained = Matcher.Default.Score(job, candidate, weights).Score;
                    Assert.Equal(BitConverter.DoubleToInt64Bits(explained), BitConverter.DoubleToInt64Bits(Matcher.Default.ScoreValue(prepared, candidate, weights)));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(explained), BitConverter.DoubleToInt64Bits(Matcher.Default.ScoreValue(job, candidate, weights)));
                    compared++;
                }
            }
        }

        // Not vacuous: every resume and ad was read, and some pairs score high enough to be announced.
        Assert.Equal(2 * RealPairs.Jobs.Count * RealPairs.Candidates.Count, compared);
        Assert.True(RealPairs.Jobs.Count == 57 && RealPairs.Candidates.Count > 150, $"{RealPairs.Jobs.Count} ads, {RealPairs.Candidates.Count} resumes");
    }

    [Fact]
    public void Rank_returns_what_explaining_every_real_candidate_first_returned()
    {
        RealPairs.RequireData();
        foreach (var job in RealPairs.Jobs)
        {
            // The path before issue #22: every candidate explained, sorted (best first, ties by id), cut.
            var all = RealPairs.Candidates.Select(c => Matcher.Default.Score(job, c)).ToList();
            all.Sort((a, b) => b.Score.CompareTo(a.Score) is var byScore && byScore != 0 ? byScore : string.CompareOrdinal(a.CandidateId, b.CandidateId));
            var expected = all.Take(10).ToList();

            var ranked = Matcher.Default.Rank(job, RealPairs.Candidates, top: 10);

            Assert.Equal(Json(expected), Json(ranked));
        }
    }

    [Fact]
    public void Units_known_before_any_candidate_are_the_units_of_the_evaluated_requirements()
    {
        // An "any of" group whose members the ad lists at different levels, a skill listed twice, a skill alone.
        var job = new JobProfile("j", "ML", [
            new JobRequirement("tensorflow", RequirementLevel.Preferred) { AnyOf = 1 },
            new JobRequirement("python", RequirementLevel.Required),
            new JobRequirement("pytorch", RequirementLevel.Required) { AnyOf = 1 },
            new JobRequirement("python", RequirementLevel.Mentioned),
            new JobRequirement("docker", RequirementLevel.Mentioned),
        ]);
        var prepared = Matcher.Default.Prepare(job);
        var candidate = new CandidateProfile("c", [new CandidateSkill("tensorflow"), new CandidateSkill("docker")]);
        var result = Matcher.Default.Score(job, candidate);

        var units = RequirementUnit.Of(result.Requirements);
        Assert.Equal(units.Select(u => (u.Level, u.Members.Count)), prepared.Units.Select(u => (u.Level, u.Members.Length)));
        Assert.Equal([RequirementLevel.Required, RequirementLevel.Required, RequirementLevel.Mentioned], prepared.Units.Select(u => u.Level));
        // The group (pytorch required, tensorflow preferred) counts once, required, with tensorflow's full credit.
        Assert.Equal(0.5, result.Components[(int)MatchComponent.RequiredSkills].Score);
        Assert.Equal(result.Score, Matcher.Default.ScoreValue(prepared, candidate, MatchWeights.Default));
    }

    [Fact]
    public void Ties_rank_by_candidate_id_and_top_zero_explains_nothing()
    {
        var job = new JobProfile("j", "ML", [new JobRequirement("python", RequirementLevel.Required)]);
        CandidateProfile[] same = [new("b", [new CandidateSkill("python")]), new("a", [new CandidateSkill("python")]), new("c", [])];

        Assert.Equal(["a", "b", "c"], Matcher.Default.Rank(job, same).Select(r => r.CandidateId));
        Assert.Empty(Matcher.Default.Rank(job, same, top: 0));
    }

    [Fact]
    public void A_job_prepared_by_another_matcher_is_refused()
    {
        var other = new Matcher(SkillTaxonomy.LoadDefault());
        var prepared = other.Prepare(new JobProfile("j", "ML", [new JobRequirement("python", RequirementLevel.Required)]));

        Assert.Throws<ArgumentException>(() => Matcher.Default.ScoreValue(prepared, new CandidateProfile("c", []), MatchWeights.Default));
    }

    [Fact]
    public void Without_requirements_facts_or_vectors_nothing_applies_and_both_paths_say_zero()
    {
        var job = new JobProfile("j", null, []);
        var candidate = new CandidateProfile("c", [new CandidateSkill("python")], Location: "Berlin");

        var explained = Matcher.Default.Score(job, candidate);

        Assert.All(explained.Components, c => Assert.False(c.Applicable));
        Assert.Equal(0, explained.Score);
        Assert.Equal(0, Matcher.Default.ScoreValue(job, candidate));
    }

    private static string Json(IEnumerable<MatchResult> results) => JsonSerializer.Serialize(results, JsonSerializerOptions.Web);
}
