using System.Text.Json;
using TalentMatch.Contracts;
using TalentMatch.Core.Embeddings;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching.Tests;

/// <summary>
/// Ingestion's reading with semantic linking on (<see cref="ProfileFactory.ReadAsync"/>, the real ONNX model): a linked
/// skill reaches the published shape with its confidence, exact ones without, and a job ad only mentions it.
/// </summary>
public class LinkedReadingTests
{
    // Below the service's calibrated threshold. "TensorFlowe" is a misspelling no alias covers ("Tensor-Flow" became one in taxonomy 1.4.0).
    private static readonly Lazy<SemanticLinker> Linker = new(() => new SemanticLinker(
        SkillTaxonomy.LoadDefault(), new OnnxSentenceEmbeddingGenerator(), new SemanticLinkingOptions { EnglishThreshold = 0.7 }));

    [Fact]
    public async Task A_linked_skill_is_published_with_its_confidence_and_survives_the_json_trip()
    {
        var reading = await ProfileFactory.ReadAsync("Skills: Python, TensorFlowe", DocumentKind.Resume, new DateOnly(2026, 1, 1), Linker.Value, deadline: TestContext.Current.CancellationToken);

        Assert.Null(reading.Skills.Single(s => s.Id == "python").LinkConfidence);
        var linked = reading.Skills.Single(s => s.Id == "tensorflow");
        Assert.InRange(linked.LinkConfidence!.Value, 0.7, 1);
        Assert.Equal("TensorFlowe", Assert.Single(linked.Evidence!).Text);

        var travelled = JsonSerializer.Deserialize<List<ExtractedSkill>>(JsonSerializer.Serialize(reading.Skills, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!;
        Assert.Equal(linked.LinkConfidence, travelled.Single(s => s.Id == "tensorflow").LinkConfidence);
    }

    [Fact]
    public async Task In_a_job_ad_a_linked_skill_is_mentioned_and_the_profile_does_not_require_it()
    {
        var reading = await ProfileFactory.ReadAsync("Requirements: you must have Python, TensorFlowe", DocumentKind.Job, default, Linker.Value, deadline: TestContext.Current.CancellationToken);

        Assert.Equal("mentioned", reading.Skills.Single(s => s.Id == "tensorflow").Level);
        var job = ProfileFactory.Job("j", reading);
        Assert.Equal(RequirementLevel.Mentioned, job.Requirements.Single(r => r.SkillId == "tensorflow").Level);
        Assert.Equal(RequirementLevel.Required, job.Requirements.Single(r => r.SkillId == "python").Level);
    }
}
