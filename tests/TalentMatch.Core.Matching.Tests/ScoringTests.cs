using TalentMatch.Core.Documents;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching.Tests;

/// <summary>The scoring rules: taxonomy partial credit, years, seniority, weights, and a complete explanation.</summary>
public class ScoringTests
{
    private static readonly Matcher Matcher = Matcher.Default;

    private static JobProfile Job(params (string Id, RequirementLevel Level)[] requirements) =>
        new("job", "ML Engineer", [.. requirements.Select(r => new JobRequirement(r.Id, r.Level, Evidence: [new EvidenceSpan(0, 5, r.Id)]))]);

    private static CandidateProfile Candidate(string id, params string[] skills) =>
        new(id, [.. skills.Select(s => new CandidateSkill(s, Evidence: [new EvidenceSpan(10, 15, s)]))]);

    private static RequirementResult Only(MatchResult result) => Assert.Single(result.Requirements);

    [Fact]
    public void A_narrower_skill_satisfies_its_ancestor_in_full_and_names_the_path()
    {
        var result = Matcher.Score(Job(("distributed-training", RequirementLevel.Required)), Candidate("c", "zero-optimizer"));

        var requirement = Only(result);
        Assert.Equal(RequirementStatus.Matched, requirement.Status);
        Assert.Equal(1.0, requirement.Credit);
        Assert.Equal("zero-optimizer", requirement.MatchedBy);
        Assert.Equal(MatchRelation.Descendant, requirement.Relation);
        Assert.Equal(["zero-optimizer", "data-parallelism", "distributed-training"], requirement.Path);
    }

    [Fact]
    public void A_sibling_in_a_small_group_earns_partial_credit()
    {
        var result = Matcher.Score(Job(("pytorch", RequirementLevel.Required)), Candidate("c", "tensorflow"));

        var requirement = Only(result);
        Assert.Equal(RequirementStatus.Partial, requirement.Status);
        Assert.Equal(PartialCredit.Default.Sibling, requirement.Credit);
        Assert.Equal(MatchRelation.Sibling, requirement.Relation);
        Assert.Equal(["tensorflow", "deep-learning-frameworks", "pytorch"], requirement.Path);
        Assert.Contains("Deep", requirement.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_broader_skill_earns_the_parent_credit()
    {
        var requirement = Only(Matcher.Score(Job(("pytorch", RequirementLevel.Required)), Candidate("c", "deep-learning-frameworks")));

        Assert.Equal(RequirementStatus.Partial, requirement.Status);
        Assert.Equal(MatchRelation.Ancestor, requirement.Relation);
        Assert.Equal(PartialCredit.Default.Parent, requirement.Credit);
    }

    [Fact]
    public void A_related_skill_earns_the_related_credit()
    {
        var requirement = Only(Matcher.Score(Job(("zero-optimizer", RequirementLevel.Required)), Candidate("c", "deepspeed")));

        Assert.Equal(MatchRelation.Related, requirement.Relation);
        Assert.Equal(PartialCredit.Default.Related, requirement.Credit);
    }

    [Fact]
    public void Siblings_in_a_large_generic_group_earn_nothing()
    {
        // Both sit under "software engineering", which holds well over MaxGroupSize imported products.
        var requirement = Only(Matcher.Score(Job(("git", RequirementLevel.Required)), Candidate("c", "data-structures-algorithms")));

        Assert.Equal(RequirementStatus.Missing, requirement.Status);
        Assert.Equal(0, requirement.Credit);
    }

    [Fact]
    public void A_broad_grouping_earns_nothing_for_one_of_its_many_members()
    {
        // "Programming languages" holds far more than MaxGroupSize members: it does not say the candidate knows Python.
        var requirement = Only(Matcher.Score(Job(("python", RequirementLevel.Required)), Candidate("c", "programming-languages")));

        Assert.Equal(RequirementStatus.Missing, requirement.Status);
    }

    [Fact]
    public void A_missing_skill_is_listed_with_the_job_evidence_and_no_candidate_evidence()
    {
        var result = Matcher.Score(Job(("cuda", RequirementLevel.Required), ("pytorch", RequirementLevel.Required)), Candidate("c", "pytorch"));

        var cuda = result.Requirements.Single(r => r.SkillId == "cuda");
        Assert.Equal(RequirementStatus.Missing, cuda.Status);
        Assert.Null(cuda.MatchedBy);
        Assert.NotEmpty(cuda.JobEvidence);
        Assert.Empty(cuda.CandidateEvidence);
        var pytorch = result.Requirements.Single(r => r.SkillId == "pytorch");
        Assert.Equal(RequirementStatus.Matched, pytorch.Status);
        Assert.NotEmpty(pytorch.CandidateEvidence);
        Assert.Equal(0.5, result.Components[(int)MatchComponent.RequiredSkills].Score, 6);
    }

    [Fact]
    public void Too_few_years_of_a_skill_make_it_partial()
    {
        var job = new JobProfile("j", null, [new JobRequirement("pytorch", RequirementLevel.Required, Years: 4)]);
        var candidate = new CandidateProfile("c", [new CandidateSkill("pytorch", Years: 3)]);

        var requirement = Only(Matcher.Score(job, candidate));

        Assert.Equal(RequirementStatus.Partial, requirement.Status);
        Assert.Equal(0.75, requirement.Credit, 6);
        Assert.Contains("3 of the 4 years", requirement.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6.0, 1.0)]
    [InlineData(5.0, 1.0)]
    [InlineData(2.0, 0.4)]
    [InlineData(null, 0.5)]
    public void Years_of_experience_score_against_the_minimum_without_penalising_more(double? years, double expected)
    {
        var job = Job(("python", RequirementLevel.Required)) with { YearsRequired = 5 };
        var candidate = Candidate("c", "python") with { YearsOfExperience = years };

        var experience = Matcher.Score(job, candidate).Components[(int)MatchComponent.Experience];

        Assert.True(experience.Applicable);
        Assert.Equal(expected, experience.Score, 6);
    }

    [Fact]
    public void Seniority_one_level_below_the_job_scores_less_than_one_above()
    {
        var job = Job(("python", RequirementLevel.Required)) with { Seniority = Seniority.Senior };
        double Score(Seniority s) => Matcher.Score(job, Candidate("c", "python") with { Seniority = s }).Components[(int)MatchComponent.Seniority].Score;

        Assert.Equal(1.0, Score(Seniority.Senior));
        Assert.True(Score(Seniority.Lead) > Score(Seniority.Mid));
        Assert.True(Score(Seniority.Mid) > Score(Seniority.Junior));
    }

    [Fact]
    public void Components_with_unknown_inputs_drop_out_and_their_weight_is_spread_over_the_rest()
    {
        var result = Matcher.Score(Job(("python", RequirementLevel.Required)), Candidate("c", "python"));

        var location = result.Components[(int)MatchComponent.Location];
        Assert.False(location.Applicable);
        Assert.Equal(0, location.EffectiveWeight);
        Assert.Equal(1.0, result.Components.Sum(c => c.EffectiveWeight), 6);
        // Only the required-skills component applies here, and it is fully met.
        Assert.Equal(1.0, result.Score, 6);
    }

    [Fact]
    public void A_remote_job_satisfies_the_location_component_and_an_onsite_one_elsewhere_does_not()
    {
        var candidate = Candidate("c", "python") with { Location = "Tel Aviv, Israel" };
        var remote = Job(("python", RequirementLevel.Required)) with { WorkArrangement = WorkArrangement.Remote };
        var onsite = Job(("python", RequirementLevel.Required)) with { Location = "Beijing", WorkArrangement = WorkArrangement.Onsite };
        var local = onsite with { Location = "Tel Aviv" };

        Assert.Equal(1.0, Matcher.Score(remote, candidate).Components[(int)MatchComponent.Location].Score);
        Assert.True(Matcher.Score(onsite, candidate).Components[(int)MatchComponent.Location].Score < 0.5);
        Assert.Equal(1.0, Matcher.Score(local, candidate).Components[(int)MatchComponent.Location].Score);
    }

    [Fact]
    public void Languages_the_job_asks_for_are_checked_against_the_candidate()
    {
        var job = Job(("python", RequirementLevel.Required)) with { Languages = ["English", "Chinese"] };
        var result = Matcher.Score(job, Candidate("c", "python") with { Languages = ["english"] });

        var languages = result.Components[(int)MatchComponent.Languages];
        Assert.Equal(0.5, languages.Score, 6);
        Assert.Contains("Chinese", languages.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_explanation_lists_every_requirement_once_required_first_and_every_component_with_its_weight()
    {
        var job = new JobProfile("j", "LLM engineer",
        [
            new JobRequirement("vllm", RequirementLevel.Preferred),
            new JobRequirement("pytorch", RequirementLevel.Required),
            new JobRequirement("cuda", RequirementLevel.Required),
            new JobRequirement("pytorch", RequirementLevel.Mentioned),
            new JobRequirement("kubernetes", RequirementLevel.Mentioned),
        ], YearsRequired: 3, Seniority: Seniority.Senior);
        var candidate = Candidate("c", "pytorch", "docker") with { YearsOfExperience = 4 };
        var weights = MatchWeights.Default with { Semantic = 0 };

        var result = Matcher.Score(job, candidate, weights);

        Assert.Equal(["pytorch", "cuda", "vllm", "kubernetes"], result.Requirements.Select(r => r.SkillId));
        Assert.Equal(Enum.GetValues<MatchComponent>(), result.Components.Select(c => c.Component));
        Assert.Same(weights, result.WeightsUsed);
        Assert.All(result.Components, c => Assert.Equal(weights[c.Component], c.Weight));
        Assert.Equal(result.Score, result.Components.Sum(c => c.Contribution), 9);
        Assert.All(result.Components, c => Assert.False(string.IsNullOrWhiteSpace(c.Detail)));
        Assert.Equal(RequirementStatus.Partial, result.Requirements.Single(r => r.SkillId == "kubernetes").Status); // docker is related
    }

    [Fact]
    public void Changing_the_weights_changes_the_ranking()
    {
        var job = new JobProfile("j", null,
            [new JobRequirement("pytorch", RequirementLevel.Required), new JobRequirement("cuda", RequirementLevel.Required)],
            YearsRequired: 8);
        var skilled = Candidate("skilled", "pytorch", "cuda") with { YearsOfExperience = 2 };
        var seasoned = Candidate("seasoned", "pytorch") with { YearsOfExperience = 12 };

        var byDefault = Matcher.Rank(job, [seasoned, skilled]);
        var experienceFirst = Matcher.Rank(job, [seasoned, skilled], MatchWeights.Default with { Experience = 1.0, RequiredSkills = 0.1 });

        Assert.Equal(["skilled", "seasoned"], byDefault.Select(r => r.CandidateId));
        Assert.Equal(["seasoned", "skilled"], experienceFirst.Select(r => r.CandidateId));
    }

    [Fact]
    public void Rank_returns_the_top_n_best_first_with_ties_broken_by_id()
    {
        var job = Job(("pytorch", RequirementLevel.Required), ("cuda", RequirementLevel.Required));
        var candidates = new[] { Candidate("b", "pytorch"), Candidate("a", "pytorch"), Candidate("z", "pytorch", "cuda"), Candidate("n") };

        var top = Matcher.Rank(job, candidates, top: 3);

        Assert.Equal(["z", "a", "b"], top.Select(r => r.CandidateId));
        Assert.True(top[0].Score > top[1].Score);
    }

    [Fact]
    public void Semantic_similarity_comes_from_the_profile_vectors()
    {
        float[] Unit(params float[] v) { var n = MathF.Sqrt(v.Sum(x => x * x)); return [.. v.Select(x => x / n)]; }
        var job = Job(("python", RequirementLevel.Required)) with { Vector = Unit(1, 0, 0) };

        var close = Matcher.Score(job, Candidate("c", "python") with { Vector = Unit(1, 0.1f, 0) }).Components[(int)MatchComponent.Semantic];
        var far = Matcher.Score(job, Candidate("c", "python") with { Vector = Unit(0, 1, 0) }).Components[(int)MatchComponent.Semantic];
        var none = Matcher.Score(job, Candidate("c", "python")).Components[(int)MatchComponent.Semantic];

        Assert.True(close.Score > 0.9);
        Assert.Equal(0, far.Score);
        Assert.False(none.Applicable);
    }

    [Fact]
    public void Tenant_then_request_overrides_apply_in_turn_and_bad_weights_are_refused()
    {
        var weights = MatchWeights.Resolve(new MatchWeightOverrides(Semantic: 0.5, Location: 0), new MatchWeightOverrides(Semantic: 0.1));

        Assert.Equal(0.1, weights.Semantic);
        Assert.Equal(0, weights.Location);
        Assert.Equal(MatchWeights.Default.RequiredSkills, weights.RequiredSkills);
        Assert.Throws<ArgumentException>(() => MatchWeights.Default.With(new MatchWeightOverrides(Experience: -1)));
        Assert.Throws<ArgumentException>(() => MatchWeights.Default.With(new MatchWeightOverrides(0, 0, 0, 0, 0, 0, 0)));
    }
}
