using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TalentMatch.Contracts;
using TalentMatch.Core.Matching;

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

    // The factory the CLI and the benchmark use too: a served profile is the CLI's profile of the same text.
    public CandidateProfile ToCandidate(Guid id) => ProfileFactory.Candidate(id.ToString(), Title, Skills, Facts, Vector);

    public JobProfile ToJob(Guid id) => ProfileFactory.Job(id.ToString(), Title, Skills, Facts, Vector);
}
