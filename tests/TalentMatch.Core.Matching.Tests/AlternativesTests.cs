using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching.Tests;

/// <summary>An "any of" group of a job ad is satisfied by its best member, explained as such, and closed by one suggestion.</summary>
public class AlternativesTests
{
    private const string Ad = "ML Engineer\nRequirements:\n- PyTorch or TensorFlow\n- Python\n";

    private static readonly DateOnly Day = new(2025, 12, 1);

    private static MatchResult Score(string resume) =>
        Matcher.Default.Score(ProfileBuilder.Job("j", Ad), ProfileBuilder.Candidate("c", resume, Day), MatchWeights.Default with { Semantic = 0 });

    [Fact]
    public void One_alternative_earns_the_whole_group()
    {
        var result = Score("Jane Doe\nML engineer. Skills: Python, PyTorch.");

        var required = result.Components[(int)MatchComponent.RequiredSkills];
        Assert.Equal(1.0, required.Score);
        Assert.Equal("2 of 2 required skills matched, 0 partly", required.Detail);
        var pytorch = result.Requirements.Single(r => r.SkillId == "pytorch");
        Assert.EndsWith("1 of 2 alternatives: PyTorch", pytorch.Detail, StringComparison.Ordinal);
        Assert.Equal(pytorch.AnyOf, result.Requirements.Single(r => r.SkillId == "tensorflow").AnyOf);
        Assert.NotNull(pytorch.AnyOf);
    }

    [Fact]
    public void Without_the_group_the_same_candidate_would_lose_credit()
    {
        var job = ProfileBuilder.Job("j", Ad);
        var ungrouped = job with { Requirements = [.. job.Requirements.Select(r => r with { AnyOf = null })] };
        var candidate = ProfileBuilder.Candidate("c", "Jane Doe\nML engineer. Skills: Python, PyTorch.", Day);

        var score = Matcher.Default.Score(ungrouped, candidate).Components[(int)MatchComponent.RequiredSkills].Score;

        Assert.True(score < 1.0, $"all three required: {score}");
    }

    [Fact]
    public void A_missing_group_is_one_gap_suggesting_one_member()
    {
        var job = ProfileBuilder.Job("j", Ad);
        var candidate = ProfileBuilder.Candidate("c", "John Roe\nData analyst. Skills: Python, SQL.", Day);

        var report = GapAnalyzer.Analyze(candidate, job);

        var gap = Assert.Single(report.Gaps, g => g.SkillId is "pytorch" or "tensorflow");
        Assert.Equal(RequirementLevel.Required, gap.Level);
        Assert.Contains("one of PyTorch or TensorFlow is enough", gap.Reason, StringComparison.Ordinal);
        var missing = Matcher.Default.Score(job, candidate).Requirements.Single(r => r.SkillId == "tensorflow");
        Assert.EndsWith("none of 2 alternatives (PyTorch or TensorFlow)", missing.Detail, StringComparison.Ordinal);
        // The group is one of two required units (Python the other): closing it is worth half the component.
        var required = Matcher.Default.Score(job, candidate).Components[(int)MatchComponent.RequiredSkills];
        Assert.Equal(required.EffectiveWeight / 2, gap.Importance, 6);
    }
}
