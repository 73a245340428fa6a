using System.Text.Json;
using TalentMatch.Cli.Commands;
using TalentMatch.Core.Matching;

namespace TalentMatch.Cli.Tests;

/// <summary>`talentmatch match` and `talentmatch gap`, run in-process through System.CommandLine as the CLI does.</summary>
public sealed class MatchAndGapCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentmatch-match-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Output, string Error) Run(params string[] args) => CliRun.Invoke([MatchCommand.Create(), GapCommand.Create()], args);

    private const string Job = """
        # Senior LLM Training Engineer
        Location: Remote

        ## Requirements
        - 5+ years of experience
        - Strong PyTorch and CUDA
        - Distributed training with DeepSpeed

        ## Nice to have
        - vLLM is a plus
        """;

    private const string Resume = """
        John Smith
        Senior Machine Learning Engineer

        6 years of experience. Skills: Python, PyTorch, ZeRO, TensorFlow.
        """;

    [Fact]
    public void Match_prints_a_score_and_an_explanation_of_every_requirement_with_evidence_and_weights()
    {
        var (exit, output, error) = Run("match", Write("cv.txt", Resume), Write("job.md", Job), "--no-embeddings", "--reference-date", "2025-12-01");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var score = root.GetProperty("score").GetDouble();
        Assert.InRange(score, 0.01, 0.99);
        var requirements = root.GetProperty("requirements").EnumerateArray().ToDictionary(r => r.GetProperty("skillId").GetString()!);
        Assert.Superset(new HashSet<string> { "pytorch", "cuda", "distributed-training", "deepspeed", "vllm" }, requirements.Keys.ToHashSet());
        var levels = root.GetProperty("requirements").EnumerateArray().Select(r => r.GetProperty("level").GetString()).ToList();
        Assert.Equal(levels.OrderBy(l => l == "required" ? 0 : 1), levels); // required first
        Assert.Equal("matched", requirements["pytorch"].GetProperty("status").GetString());
        Assert.Equal("missing", requirements["cuda"].GetProperty("status").GetString());
        Assert.Equal("preferred", requirements["vllm"].GetProperty("level").GetString());
        var distributed = requirements["distributed-training"];
        Assert.Equal("descendant", distributed.GetProperty("relation").GetString());
        Assert.Equal("zero-optimizer", distributed.GetProperty("path")[0].GetString());
        Assert.NotEmpty(distributed.GetProperty("jobEvidence").EnumerateArray());
        Assert.NotEmpty(distributed.GetProperty("candidateEvidence").EnumerateArray());
        var components = root.GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(7, components.Count);
        Assert.False(components.Single(c => c.GetProperty("component").GetString() == "semantic").GetProperty("applicable").GetBoolean());
        Assert.Equal(score, components.Sum(c => c.GetProperty("contribution").GetDouble()), 3);
        Assert.Equal(MatchWeights.Default.RequiredSkills, root.GetProperty("weightsUsed").GetProperty("requiredSkills").GetDouble());
    }

    [Fact]
    public void Match_with_the_real_model_scores_the_semantic_component()
    {
        var (exit, output, error) = Run("match", Write("cv.txt", Resume), Write("job.md", Job), "--reference-date", "2025-12-01");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var semantic = json.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("component").GetString() == "semantic");
        Assert.True(semantic.GetProperty("applicable").GetBoolean());
        Assert.InRange(semantic.GetProperty("score").GetDouble(), 0.05, 1.0);
    }

    [Fact]
    public void A_weight_override_changes_the_score_and_is_reported()
    {
        var cv = Write("cv.txt", Resume);
        var job = Write("job.md", Job);
        var (_, plain, _) = Run("match", cv, job, "--no-embeddings", "--reference-date", "2025-12-01");
        var (exit, weighted, error) = Run("match", cv, job, "--no-embeddings", "--reference-date", "2025-12-01", "--weight", "requiredSkills=0", "--weight", "preferredSkills=0");

        Assert.True(exit == 0, error);
        using var a = JsonDocument.Parse(plain);
        using var b = JsonDocument.Parse(weighted);
        Assert.Equal(0, b.RootElement.GetProperty("weightsUsed").GetProperty("requiredSkills").GetDouble());
        Assert.NotEqual(a.RootElement.GetProperty("score").GetDouble(), b.RootElement.GetProperty("score").GetDouble());
    }

    [Fact]
    public void An_unreadable_document_exits_with_2_and_says_why()
    {
        var (exit, _, error) = Run("match", Write("cv.txt", ""), Write("job.md", Job), "--no-embeddings");

        Assert.Equal(2, exit);
        Assert.Contains("Empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_weight_is_refused()
    {
        var (exit, _, error) = Run("match", Write("cv.txt", Resume), Write("job.md", Job), "--no-embeddings", "--weight", "charm=1");

        Assert.Equal(1, exit);
        Assert.Contains("charm", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Gap_lists_missing_skills_most_important_first_with_resources()
    {
        var (exit, output, error) = Run("gap", Write("cv.txt", Resume), Write("job.md", Job), "--no-embeddings", "--reference-date", "2025-12-01");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var gaps = json.RootElement.GetProperty("gaps").EnumerateArray().ToList();
        Assert.Equal("cuda", gaps[0].GetProperty("skillId").GetString());
        var importances = gaps.Select(g => g.GetProperty("importance").GetDouble()).ToList();
        Assert.Equal(importances.OrderDescending(), importances);
        Assert.Contains(gaps[0].GetProperty("resources").EnumerateArray(), r => r.GetProperty("id").GetString() == "cert-nvidia-dli");
        Assert.DoesNotContain(gaps, g => g.GetProperty("skillId").GetString() == "pytorch");
    }

    [Fact]
    public void Gap_against_a_target_role_needs_no_job_file()
    {
        var (exit, output, error) = Run("gap", Write("cv.txt", Resume), "--role", "role-mlops-engineer", "--no-embeddings");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("role-mlops-engineer", json.RootElement.GetProperty("target").GetString());
        Assert.Contains(json.RootElement.GetProperty("gaps").EnumerateArray(), g => g.GetProperty("skillId").GetString() == "mlops");
    }
}
