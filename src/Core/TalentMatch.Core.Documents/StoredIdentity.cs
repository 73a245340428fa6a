using System.Text.Json;
using System.Text.Json.Serialization;

namespace TalentMatch.Core.Documents;

/// <summary>
/// Where a resume identifies its person, as a service keeps it beside its own copy of the resume (matching's profile,
/// the search index) so that an anonymised read does not look for the identity again: the spans
/// <see cref="ResumeParser.FindIdentity"/> finds, of every kind (schools included; a read without schools leaves them
/// out), and the finder's <see cref="Redaction.FinderVersion"/>. Offsets and kinds only, never the words.
/// </summary>
public static class StoredIdentity
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private sealed record Stored(int Version, IReadOnlyList<IdentitySpan> Spans);

    /// <summary>The identity of <paramref name="text"/>, as stored (JSON).</summary>
    public static string Find(string text, CancellationToken cancellationToken) =>
        JsonSerializer.Serialize(new Stored(Redaction.FinderVersion, ResumeParser.FindIdentity(text, new RedactionOptions(Schools: true), cancellationToken)), Json);

    /// <summary>
    /// The stored spans a read uses (without school names unless <paramref name="schools"/>); null when nothing was stored or
    /// another version of the finder stored it: its spans would not be the ones the api shows, so the caller finds them again
    /// or shows less.
    /// </summary>
    public static IReadOnlyList<IdentitySpan>? Read(string? stored, bool schools)
    {
        if (stored is null) return null;
        var read = JsonSerializer.Deserialize<Stored>(stored, Json);
        if (read is null || read.Version != Redaction.FinderVersion) return null;
        return schools ? read.Spans : [.. read.Spans.Where(s => s.Kind != IdentityKind.School)];
    }
}
