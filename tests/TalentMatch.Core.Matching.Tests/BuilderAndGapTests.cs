using TalentMatch.Core.Documents;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching.Tests;

public class BuilderAndGapTests
{
    private const string ChineseJob = "大模型训练工程师 40-70K·15薪\n任职要求：\n1. 精通PyTorch，3年以上CUDA开发经验；\n2. 熟悉DeepSpeed、Megatron-LM等分布式训练框架；\n3. 熟悉vLLM者优先。";

    private const string Resume = """
        Jane Doe
        Senior Machine Learning Engineer

        Summary: 6 years of experience building deep learning systems.

        Skills: Python, PyTorch, TensorFlow, ZeRO, Docker

        Experience
        Senior Machine Learning Engineer, Acme — Jan 2020 – Present
        • Trained 7B models with PyTorch and ZeRO-3 on 64 GPUs.

        Languages
        English, Mandarin
        """;

    [Fact]
    public void A_job_profile_keeps_required_and_preferred_levels_years_and_evidence()
    {
        var job = ProfileBuilder.Job("j1", ChineseJob);

        var byId = job.Requirements.ToDictionary(r => r.SkillId);
        Assert.Equal(RequirementLevel.Required, byId["pytorch"].Level);
        Assert.Equal(3, byId["cuda"].Years);
        Assert.Equal(RequirementLevel.Preferred, byId["vllm"].Level);
        Assert.All(job.Requirements, r => Assert.All(r.Evidence, e => Assert.Equal(e.Text, ChineseJob[e.Start..e.End])));
    }

    [Fact]
    public void An_ad_without_a_requirements_section_requires_what_it_mentions()
    {
        var job = ProfileBuilder.Job("j2", "We build recommendation systems with Python and Spark and deploy them on Kubernetes.");

        Assert.NotEmpty(job.Requirements);
        Assert.All(job.Requirements, r => Assert.Equal(RequirementLevel.Required, r.Level));
    }

    [Fact]
    public void A_candidate_profile_has_skills_with_evidence_years_title_seniority_and_languages()
    {
        var candidate = ProfileBuilder.Candidate("c1", Resume, new DateOnly(2025, 12, 1));

        Assert.Contains(candidate.Skills, s => s.SkillId == "zero-optimizer" && s.Evidence.Count > 0);
        Assert.Equal(6.0, candidate.YearsOfExperience);
        Assert.Equal(Seniority.Senior, candidate.Seniority);
        Assert.Contains("English", candidate.Languages);
        Assert.Contains("Chinese", candidate.Languages);
    }

    [Fact]
    public void A_chinese_job_and_an_english_resume_meet_on_skill_ids()
    {
        var result = Matcher.Default.Score(ProfileBuilder.Job("j1", ChineseJob), ProfileBuilder.Candidate("c1", Resume, new DateOnly(2025, 12, 1)));

        var pytorch = result.Requirements.Single(r => r.SkillId == "pytorch");
        Assert.Equal(RequirementStatus.Matched, pytorch.Status);
        Assert.Contains("PyTorch", pytorch.JobEvidence[0].Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("PyTorch", pytorch.CandidateEvidence[0].Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(RequirementStatus.Missing, result.Requirements.Single(r => r.SkillId == "cuda").Status);
        Assert.Equal(RequirementStatus.Partial, result.Requirements.Single(r => r.SkillId == "deepspeed").Status); // via ZeRO, related
    }

    [Fact]
    public void Languages_asked_for_are_read_in_english_and_chinese()
    {
        Assert.Equal(["English"], ProfileBuilder.LanguagesAskedFor("Excellent written and spoken English is required."));
        Assert.Equal(["English"], ProfileBuilder.LanguagesAskedFor("英语读写流利"));
        Assert.Empty(ProfileBuilder.LanguagesAskedFor("We write Python and English documentation."));
    }

    [Fact]
    public void Gaps_are_ranked_required_first_by_score_gain_with_learning_resources()
    {
        var job = new JobProfile("j", "LLM inference engineer",
        [
            new JobRequirement("vllm", RequirementLevel.Preferred),
            new JobRequirement("quantization", RequirementLevel.Required),
            new JobRequirement("pytorch", RequirementLevel.Required),
            new JobRequirement("distributed-training", RequirementLevel.Required),
        ]);
        var candidate = new CandidateProfile("c", [new CandidateSkill("pytorch"), new CandidateSkill("distributed-training")]);

        var report = GapAnalyzer.Analyze(candidate, job);

        Assert.Equal(["quantization", "vllm"], report.Gaps.Select(g => g.SkillId));
        Assert.True(report.Gaps[0].Importance > report.Gaps[1].Importance);
        Assert.Contains(report.Gaps[0].Resources, r => r.Id == "course-mit-6-5940" && r.Kind == "course");
        Assert.Contains(report.Gaps[0].Resources, r => r.Kind == "project");
        Assert.Equal(1.0, report.ScoreIfClosed, 6);
        Assert.True(report.Score < report.ScoreIfClosed);
    }

    [Fact]
    public void A_partly_covered_skill_is_a_smaller_gap_than_a_missing_one()
    {
        var job = new JobProfile("j", null,
            [new JobRequirement("pytorch", RequirementLevel.Required), new JobRequirement("cuda", RequirementLevel.Required)]);
        var candidate = new CandidateProfile("c", [new CandidateSkill("tensorflow")]);

        var report = GapAnalyzer.Analyze(candidate, job);

        Assert.Equal(["cuda", "pytorch"], report.Gaps.Select(g => g.SkillId));
        Assert.Equal(RequirementStatus.Partial, report.Gaps[1].Status);
        Assert.Equal("tensorflow", report.Gaps[1].ClosestSkill);
    }

    [Fact]
    public void A_target_role_from_the_taxonomy_is_a_job_profile_of_its_skills()
    {
        var role = ProfileBuilder.Role("role-mlops-engineer");

        Assert.Equal(["mlops", "kubernetes"], role.Requirements.Select(r => r.SkillId));
        Assert.Throws<ArgumentException>(() => ProfileBuilder.Role("pytorch"));
    }
}
