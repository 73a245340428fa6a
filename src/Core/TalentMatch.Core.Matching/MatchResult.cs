using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching;

/// <summary>How a requirement came out.</summary>
public enum RequirementStatus
{
    /// <summary>The candidate has the skill or a narrower one (full credit).</summary>
    Matched,
    /// <summary>A broader, sibling or related skill, or too few years of it: part of the credit.</summary>
    Partial,
    /// <summary>Nothing in the candidate's profile satisfies it.</summary>
    Missing,
}

/// <summary>One component of the score, as it was computed for this pair.</summary>
/// <param name="Applicable">False when an input is unknown on the job's side (no years asked, no location): the
/// component then takes no part in the score, and its weight is spread over the others.</param>
/// <param name="Score">0..1; 0 when not applicable.</param>
/// <param name="Weight">The configured weight.</param>
/// <param name="EffectiveWeight">The weight's share among the applicable components (sums to 1 over them).</param>
/// <param name="Contribution">EffectiveWeight × Score: the points this component adds to the overall score.</param>
/// <param name="Detail">Why, in a sentence a recruiter can read.</param>
public sealed record ComponentResult(
    MatchComponent Component,
    bool Applicable,
    double Score,
    double Weight,
    double EffectiveWeight,
    double Contribution,
    string Detail);

/// <summary>The outcome for one skill the job asks for, with the evidence on both sides.</summary>
/// <param name="MatchedBy">The candidate's skill that earned the credit; null when missing.</param>
/// <param name="Relation">How <paramref name="MatchedBy"/> relates to the required skill.</param>
/// <param name="Path">Taxonomy path from the candidate's skill to the required one (ids, both ends included).</param>
/// <param name="Credit">0..1: what this requirement adds to its component.</param>
/// <param name="Detail">The reasoning in words ("TensorFlow: sibling of PyTorch under Deep learning frameworks").</param>
public sealed record RequirementResult(
    string SkillId,
    string SkillName,
    RequirementLevel Level,
    RequirementStatus Status,
    double Credit,
    string? MatchedBy,
    string? MatchedByName,
    MatchRelation? Relation,
    IReadOnlyList<string> Path,
    int? YearsRequired,
    int? CandidateYears,
    string Detail,
    IReadOnlyList<EvidenceSpan> JobEvidence,
    IReadOnlyList<EvidenceSpan> CandidateEvidence)
{
    /// <summary>The job's "any of" group this requirement is in (null: asked for alone). A group counts once, with the credit of its best member.</summary>
    public int? AnyOf { get; init; }
}

/// <summary>A candidate's score against a job, with everything needed to audit it later.</summary>
/// <param name="Score">0..1: the weighted mean of the applicable components.</param>
/// <param name="Components">Every component, applicable or not, in <see cref="MatchComponent"/> order.</param>
/// <param name="Requirements">Every skill the job asks for, required first, in the job's order.</param>
/// <param name="WeightsUsed">The weights after tenant and request overrides.</param>
/// <param name="TaxonomyVersion">The taxonomy the partial credits came from.</param>
public sealed record MatchResult(
    string JobId,
    string CandidateId,
    double Score,
    IReadOnlyList<ComponentResult> Components,
    IReadOnlyList<RequirementResult> Requirements,
    MatchWeights WeightsUsed,
    string TaxonomyVersion);
