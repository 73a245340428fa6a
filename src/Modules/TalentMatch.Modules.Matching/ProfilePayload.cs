using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents;
using TalentMatch.Core.Matching;
using TalentMatch.Core.Skills;

namespace TalentMatch.Modules.Matching;

/// <summary>What matching keeps of a profile (from <see cref="ProfileEmbedded"/>), and how it becomes the matcher's input.</summary>
public sealed record ProfilePayload(string? Title, IReadOnlyList<ExtractedSkill> Skills, ProfileFacts? Facts, float[] Vector)
{
    public static ProfilePayload From(ProfileEmbedded m) => new(m.Title ?? m.Facts?.Title, m.Skills, m.Facts, m.Vector);

    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static ProfilePayload FromJson(string json) =>
        JsonSerializer.Deserialize<ProfilePayload>(json, JsonSerializerOptions.Web)
        ?? throw new InvalidDataException("Empty stored profile.");

    public static string VersionOf(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    public CandidateProfile ToCandidate(Guid id) => new(
        id.ToString(),
        [.. Skills.Select(s => new CandidateSkill(s.Id, Parse<Proficiency>(s.Proficiency), s.Years, Evidence(s)))],
        Facts?.YearsOfExperience,
        Title,
        Parse<Seniority>(Facts?.Seniority),
        Facts?.Location,
        Languages: [],
        Vector: Vector.Length > 0 ? Vector : null);

    public JobProfile ToJob(Guid id) => new(
        id.ToString(),
        Title,
        [.. Skills.Select(s => new JobRequirement(s.Id, Parse<RequirementLevel>(s.Level) ?? RequirementLevel.Mentioned, s.Years, Evidence(s)))],
        Facts?.YearsOfExperience,
        Parse<Seniority>(Facts?.Seniority),
        Facts?.Location,
        Parse<WorkArrangement>(Facts?.WorkArrangement),
        Languages: [],
        Vector: Vector.Length > 0 ? Vector : null);

    private static List<EvidenceSpan> Evidence(ExtractedSkill skill) =>
        [.. (skill.Evidence ?? []).Select(e => new EvidenceSpan(e.Start, e.End, e.Text))];

    private static T? Parse<T>(string? value)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) ? parsed : null;
}
