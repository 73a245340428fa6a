using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Duplicates;

namespace TalentMatch.Server.Tests;

/// <summary>Unit tests of a merge's decisions that need no database: the request's bounds, the kept candidate, the union of skills.</summary>
public sealed class MergePlanTests
{
    private static readonly Guid Self = Guid.CreateVersion7(), Other = Guid.CreateVersion7(), Third = Guid.CreateVersion7();

    [Fact]
    public void A_request_names_one_to_twenty_other_candidates_once_and_keeps_newest_or_one_of_them()
    {
        Assert.Null(MergePlan.Refusal(Self, [Other], null));
        Assert.Null(MergePlan.Refusal(Self, [Other, Third], "newest"));
        Assert.Null(MergePlan.Refusal(Self, [Other], Self.ToString()));
        Assert.Null(MergePlan.Refusal(Self, [Other], Other.ToString()));
        Assert.Null(MergePlan.Refusal(Self, [.. Enumerable.Range(0, MergePlan.MaxDuplicates).Select(_ => Guid.CreateVersion7())], null));

        Assert.NotNull(MergePlan.Refusal(Self, null, null));
        Assert.NotNull(MergePlan.Refusal(Self, [], null));
        Assert.NotNull(MergePlan.Refusal(Self, [.. Enumerable.Range(0, MergePlan.MaxDuplicates + 1).Select(_ => Guid.CreateVersion7())], null));
        Assert.NotNull(MergePlan.Refusal(Self, [Self], null));
        Assert.NotNull(MergePlan.Refusal(Self, [Other, Other], null));
        Assert.NotNull(MergePlan.Refusal(Self, [Guid.Empty], null));
        Assert.NotNull(MergePlan.Refusal(Self, [Other], "oldest"));
        Assert.NotNull(MergePlan.Refusal(Self, [Other], Third.ToString()));
    }

    [Fact]
    public void Newest_keeps_the_latest_submission_and_ties_go_to_the_later_id()
    {
        var now = DateTimeOffset.UnixEpoch.AddYears(56);
        MergeCandidate[] named = [new(Self, now), new(Other, now.AddDays(30)), new(Third, now.AddDays(-2))];
        Assert.Equal(Other, MergePlan.Kept(named, null));
        Assert.Equal(Other, MergePlan.Kept(named, "newest"));
        Assert.Equal(Third, MergePlan.Kept(named, Third.ToString()));
        Guid earlier = new("01900000-0000-7000-8000-000000000001"), later = new("01900000-0000-7000-8000-000000000002");
        Assert.Equal(later, MergePlan.Kept([new(later, now), new(earlier, now)], null)); // the same instant: the later version 7 id
        Assert.Equal(later, MergePlan.Kept([new(earlier, now), new(later, now)], null));
    }

    [Fact]
    public void The_union_of_skills_keeps_each_versions_evidence()
    {
        var pytorchInFirst = new ExtractedSkill("pytorch", "PyTorch", Proficiency: "expert", Evidence: [new TextSpan(0, 7, "PyTorch")]);
        var pytorchInSecond = new ExtractedSkill("pytorch", "PyTorch", Years: 5, Evidence: [new TextSpan(40, 47, "pytorch")]);
        var cuda = new ExtractedSkill("cuda", "CUDA", Evidence: [new TextSpan(10, 14, "CUDA")]);

        var union = MergePlan.SkillUnion([(Self, [pytorchInFirst]), (Other, [cuda, pytorchInSecond])]);

        Assert.Equal(["pytorch", "cuda"], union.Select(s => s.Id));
        var pytorch = union[0];
        Assert.Equal([Self, Other], pytorch.FoundIn.Select(f => f.VersionId));
        Assert.Equal("expert", pytorch.FoundIn[0].Proficiency);
        Assert.Equal(5, pytorch.FoundIn[1].Years);
        Assert.Equal("pytorch", Assert.Single(pytorch.FoundIn[1].Evidence).Text);
        Assert.Equal([Other], union[1].FoundIn.Select(f => f.VersionId));
    }
}
