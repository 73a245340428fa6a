using TalentMatch.Core.Documents;
using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching;

/// <summary>A skill a candidate has, as the ingestion pipeline extracted it.</summary>
/// <param name="SkillId">Taxonomy id.</param>
/// <param name="Proficiency">Strongest proficiency cue written next to it, if any.</param>
/// <param name="Years">Years stated for the skill ("3 years of PyTorch"), if any.</param>
/// <param name="Evidence">Where the resume says it (offsets into the resume text).</param>
public sealed record CandidateSkill(string SkillId, Proficiency? Proficiency = null, int? Years = null, IReadOnlyList<EvidenceSpan>? Evidence = null)
{
    public IReadOnlyList<EvidenceSpan> Evidence { get; init; } = Evidence ?? [];
}

/// <summary>
/// What matching knows about a candidate: the precomputed profile the search index holds. Unknown facts are null
/// (or empty), never guessed; a component whose inputs are unknown is reported as such rather than scored.
/// </summary>
/// <param name="Languages">Human languages the candidate speaks, English names ("English", "Chinese").</param>
/// <param name="Vector">L2-normalised profile embedding (ADR 0002), or null when not embedded.</param>
public sealed record CandidateProfile(
    string Id,
    IReadOnlyList<CandidateSkill> Skills,
    double? YearsOfExperience = null,
    string? Title = null,
    Seniority? Seniority = null,
    string? Location = null,
    IReadOnlyList<string>? Languages = null,
    float[]? Vector = null)
{
    public IReadOnlyList<string> Languages { get; init; } = Languages ?? [];
}

/// <summary>One skill a job asks for.</summary>
/// <param name="Level">Required or Preferred (Mentioned counts as a weaker preference).</param>
/// <param name="Years">Years of this skill asked for, if stated.</param>
/// <param name="Evidence">Where the job description asks for it.</param>
public sealed record JobRequirement(string SkillId, RequirementLevel Level, int? Years = null, IReadOnlyList<EvidenceSpan>? Evidence = null)
{
    public IReadOnlyList<EvidenceSpan> Evidence { get; init; } = Evidence ?? [];

    /// <summary>The "any of" group the requirement is in ("PyTorch or TensorFlow"): its best member satisfies the group. Null: asked for alone.</summary>
    public int? AnyOf { get; init; }
}

/// <summary>What matching knows about a job: the precomputed profile the search index holds.</summary>
/// <param name="YearsRequired">Minimum years of experience asked for, if stated.</param>
/// <param name="Languages">Human languages the job asks for, English names.</param>
/// <param name="Vector">L2-normalised profile embedding (ADR 0002), or null when not embedded.</param>
public sealed record JobProfile(
    string Id,
    string? Title,
    IReadOnlyList<JobRequirement> Requirements,
    double? YearsRequired = null,
    Seniority? Seniority = null,
    string? Location = null,
    WorkArrangement? WorkArrangement = null,
    IReadOnlyList<string>? Languages = null,
    float[]? Vector = null)
{
    public IReadOnlyList<string> Languages { get; init; } = Languages ?? [];
}
