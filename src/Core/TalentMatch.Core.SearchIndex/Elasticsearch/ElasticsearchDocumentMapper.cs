using System.Text;
using System.Text.Json.Nodes;
using TalentMatch.Contracts;

namespace TalentMatch.Core.SearchIndex.Elasticsearch;

/// <summary>
/// Profiles to Elasticsearch documents and back: takes an <see cref="IndexedProfile"/> and produces its
/// <c>_source</c> JSON (skills with their ancestors from the options, normalised vector of the options'
/// dimensions), its document id and version, and the NDJSON of a bulk request; reads a <c>_source</c> back
/// into a profile.
/// </summary>
internal sealed class ElasticsearchDocumentMapper(ElasticsearchSearchIndexOptions options)
{
    public JsonObject ToDocument(string tenantId, IndexedProfile profile)
    {
        if (profile.Vector is not null && profile.Vector.Length != options.Dimensions)
        {
            throw new ArgumentException($"The vector has {profile.Vector.Length} dimensions; the index has {options.Dimensions}.", nameof(profile));
        }

        var own = profile.SkillIds.Distinct(StringComparer.Ordinal).ToList();
        var paths = own.Concat(own.SelectMany(options.SkillAncestors)).Distinct(StringComparer.Ordinal).ToList();
        var document = new JsonObject
        {
            ["tenant"] = tenantId,
            ["kind"] = KindName(profile.Kind),
            ["id"] = profile.Id.ToString(),
            ["title"] = profile.Title,
            ["text"] = profile.Text,
            ["employers"] = new JsonArray([.. profile.Employers.Where(e => !string.IsNullOrWhiteSpace(e)).Distinct(StringComparer.Ordinal).Select(e => (JsonNode)e)]),
            ["skills"] = new JsonArray([.. own.Select(s => (JsonNode)s)]),
            ["skill_paths"] = new JsonArray([.. paths.Select(s => (JsonNode)s)]),
            ["years"] = profile.YearsOfExperience,
            ["location"] = SearchCursor.Normalise(profile.Location),
            ["remote"] = profile.Remote?.ToString().ToLowerInvariant(),
            ["seniority"] = SearchCursor.Normalise(profile.Seniority),
            ["language"] = SearchCursor.Normalise(profile.Language),
            ["group"] = profile.DuplicateGroup?.ToString(),
            ["identity"] = profile.Identity,
        };
        if (profile.Vector is not null)
        {
            document["vector"] = new JsonArray([.. Vectors.Normalised(profile.Vector).Select(v => (JsonNode)v)]);
        }

        return document;
    }

    public static IndexedProfile ToProfile(JsonNode source) => new(
        Guid.Parse(source["id"]!.GetValue<string>()),
        Enum.Parse<DocumentKind>(source["kind"]!.GetValue<string>(), ignoreCase: true),
        source["title"]?.GetValue<string>(),
        source["text"]?.GetValue<string>() ?? "",
        source["skills"]?.AsArray().Select(s => s!.GetValue<string>()).ToList() ?? [])
    {
        Vector = source["vector"]?.AsArray().Select(v => v!.GetValue<float>()).ToArray(),
        YearsOfExperience = source["years"]?.GetValue<double>(),
        Employers = source["employers"]?.AsArray().Select(e => e!.GetValue<string>()).ToList() ?? [],
        Location = source["location"]?.GetValue<string>(),
        Remote = source["remote"]?.GetValue<string>() is { } remote ? Enum.Parse<WorkMode>(remote, ignoreCase: true) : null,
        Seniority = source["seniority"]?.GetValue<string>(),
        Language = source["language"]?.GetValue<string>(),
        DuplicateGroup = GroupOf(source),
        Identity = source["identity"]?.GetValue<string>(),
    };

    /// <summary>A document's suspected-duplicate group; null: alone (or written before the field existed).</summary>
    public static Guid? GroupOf(JsonNode source) => source["group"]?.GetValue<string>() is { } group ? Guid.Parse(group) : null;

    public static string DocId(string tenantId, DocumentKind kind, Guid id, bool escape = true)
    {
        var raw = $"{tenantId}|{KindName(kind)}|{id}";
        return escape ? Uri.EscapeDataString(raw) : raw;
    }

    /// <summary>
    /// The document's revision as Elasticsearch's external version (plus one: the revision starts at
    /// 0), compared with external_gte: an equal revision replaces (a repeat), a lower one is refused
    /// with 409 (a late redelivery of older content).
    /// </summary>
    public static string VersionParameters(IndexedProfile profile) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"version={profile.Revision + 1L}&version_type=external_gte");

    public static string BulkBody(IEnumerable<(string Id, JsonObject Document, long Version)> items, string index)
    {
        var body = new StringBuilder();
        foreach (var (id, document, version) in items)
        {
            body.Append(new JsonObject
            {
                ["index"] = new JsonObject { ["_index"] = index, ["_id"] = id, ["version"] = version, ["version_type"] = "external_gte" },
            }.ToJsonString()).Append('\n');
            body.Append(document.ToJsonString()).Append('\n');
        }

        return body.ToString();
    }

    public static string KindName(DocumentKind kind) => kind.ToString().ToLowerInvariant();
}
