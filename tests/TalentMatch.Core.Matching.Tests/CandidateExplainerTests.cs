using TalentMatch.Contracts;
using TalentMatch.Core.Matching.Explanations;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching.Tests;

public sealed class CandidateExplainerTests
{
    private const string Job = """
        LLM Training Engineer
        Requirements:
        - 3+ years of PyTorch
        - CUDA programming
        - Kubernetes
        Nice to have: vLLM.
        """;

    private const string Resume = "ML engineer. 5 years of PyTorch, wrote CUDA kernels, served models with vLLM. Based in Beijing.";

    private static MatchResult Score()
    {
        var today = new DateOnly(2026, 12, 6);
        var job = ProfileFactory.Job("job-1", ProfileFactory.Read(Job, DocumentKind.Job, today));
        var candidate = ProfileFactory.Candidate("cand-1", ProfileFactory.Read(Resume, DocumentKind.Resume, today));
        return Matcher.Default.Score(job, candidate);
    }

    [Fact]
    public void Met_and_missing_requirements_are_said_plainly_with_the_candidates_own_words_as_evidence()
    {
        var explanation = CandidateExplainer.Explain(Score(), SkillTaxonomy.LoadDefault(), "en");

        Assert.Equal("en", explanation.Language);
        var pytorch = explanation.Requirements.Single(r => r.Skill == "PyTorch");
        Assert.Equal(("met", true), (pytorch.Status, pytorch.Required));
        Assert.Contains(pytorch.YourEvidence, e => e.Contains("PyTorch", StringComparison.Ordinal));
        var kubernetes = explanation.Requirements.Single(r => r.Skill == "Kubernetes");
        Assert.Equal("missing", kubernetes.Status);
        Assert.Empty(kubernetes.YourEvidence);
        Assert.Contains("not found in your resume", kubernetes.Sentence, StringComparison.Ordinal);
        Assert.StartsWith($"This role asks for {explanation.Requirements.Count} skills", explanation.Summary, StringComparison.Ordinal);
        Assert.Contains($"{explanation.Score} out of 100", explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("recommendation", explanation.Oversight, StringComparison.Ordinal);
        Assert.DoesNotContain(explanation.OtherFactors, f => f.Factor is "requiredskills" or "preferredskills");
    }

    [Fact]
    public void In_chinese_every_sentence_and_skill_name_is_chinese()
    {
        var result = Score();
        var explanation = CandidateExplainer.Explain(result, SkillTaxonomy.LoadDefault(), "zh");

        Assert.Equal("zh", explanation.Language);
        Assert.StartsWith("该职位要求", explanation.Summary, StringComparison.Ordinal);
        var cuda = explanation.Requirements.Single(r => r.SkillId == result.Requirements.Single(x => x.SkillName == "CUDA").SkillId);
        Assert.Equal(SkillTaxonomy.LoadDefault().Get(cuda.SkillId).ChineseName, cuda.Skill);
        Assert.Contains("必需", cuda.Sentence, StringComparison.Ordinal);
        Assert.All(explanation.OtherFactors, f => Assert.DoesNotMatch("[A-Za-z]", f.Name));
        Assert.Contains("性别", explanation.NeverUsed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "zh-CN,zh;q=0.9,en;q=0.8", "zh")]
    [InlineData(null, "fr-FR, en-GB;q=0.8", "en")]
    [InlineData(null, null, "en")]
    [InlineData("zh", "en-US", "zh")]
    [InlineData("en", "zh-CN", "en")]
    public void The_language_is_the_query_then_accept_language_then_english(string? lang, string? accept, string expected) =>
        Assert.Equal(expected, CandidateExplainer.LanguageFor(lang, accept));
}
