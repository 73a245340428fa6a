using System.Globalization;
using System.Text.Json.Nodes;

namespace TalentMatch.Core.SearchIndex.Elasticsearch;

/// <summary>
/// The index side of the Elasticsearch adapter, as JSON: from the options it produces the index template
/// (analysers and the strict mapping of every <c>{prefix}-v*</c> index), the versioned index names, and the
/// bodies of the requests that create an index behind the alias and move the alias in a reindex.
/// </summary>
internal static class ElasticsearchIndexMapping
{
    public static string IndexName(ElasticsearchSearchIndexOptions options, int version) =>
        $"{options.IndexPrefix}-v{version.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The index template: settings (analysers) and mapping for every <c>{prefix}-v*</c> index.</summary>
    public static JsonObject Template(ElasticsearchSearchIndexOptions options) => new()
    {
        ["index_patterns"] = new JsonArray($"{options.IndexPrefix}-v*"),
        ["priority"] = 100,
        ["version"] = options.MappingVersion,
        ["template"] = new JsonObject
        {
            ["settings"] = new JsonObject
            {
                ["analysis"] = new JsonObject
                {
                    ["normalizer"] = new JsonObject
                    {
                        ["lowercase"] = new JsonObject { ["type"] = "custom", ["filter"] = new JsonArray("lowercase") },
                    },
                },
            },
            ["mappings"] = new JsonObject
            {
                ["dynamic"] = "strict",
                ["properties"] = new JsonObject
                {
                    ["tenant"] = Keyword(),
                    ["kind"] = Keyword(),
                    ["id"] = Keyword(),
                    ["title"] = Text(options),
                    ["text"] = Text(options),
                    ["employers"] = Text(options),
                    ["skills"] = Keyword(),
                    ["skill_paths"] = Keyword(),
                    ["years"] = new JsonObject { ["type"] = "double" },
                    ["location"] = new JsonObject { ["type"] = "keyword", ["normalizer"] = "lowercase" },
                    ["remote"] = Keyword(),
                    ["seniority"] = new JsonObject { ["type"] = "keyword", ["normalizer"] = "lowercase" },
                    ["language"] = new JsonObject { ["type"] = "keyword", ["normalizer"] = "lowercase" },
                    ["group"] = Keyword(),
                    // Stored in _source, never searched: a resume's identity spans (IndexedProfile.Identity).
                    ["identity"] = new JsonObject { ["type"] = "keyword", ["index"] = false, ["doc_values"] = false },
                    ["vector"] = new JsonObject
                    {
                        ["type"] = "dense_vector",
                        ["dims"] = options.Dimensions,
                        ["index"] = true,
                        ["similarity"] = "cosine",
                        ["index_options"] = new JsonObject { ["type"] = "int8_hnsw" },
                    },
                },
            },
        },
    };

    /// <summary>
    /// Body of the <c>_mapping</c> request that brings an existing index up to the template's fields: new
    /// fields (such as <c>employers</c>) are added in place, so writes that carry them are not refused by the
    /// strict mapping; documents written before carry them only once re-indexed. Changing an existing
    /// field's definition is refused by Elasticsearch and needs <see cref="ElasticsearchSearchIndex.ReindexAsync"/>.
    /// </summary>
    public static JsonObject MappingBody(ElasticsearchSearchIndexOptions options) =>
        (JsonObject)Template(options)["template"]!["mappings"]!.DeepClone();

    /// <summary>Body of the request that creates the first index with the alias on it, as the write index.</summary>
    public static JsonObject CreateIndexBody(string alias) => new()
    {
        ["aliases"] = new JsonObject { [alias] = new JsonObject { ["is_write_index"] = true } },
    };

    /// <summary>Body of the <c>_reindex</c> that copies one index into another.</summary>
    public static JsonObject ReindexBody(string fromIndex, string toIndex) => new()
    {
        ["source"] = new JsonObject { ["index"] = fromIndex },
        // Keep each document's version (its revision), or older copies could overwrite it later.
        ["dest"] = new JsonObject { ["index"] = toIndex, ["version_type"] = "external" },
    };

    /// <summary>Body of the <c>_aliases</c> call that moves the alias from one index to another atomically.</summary>
    public static JsonObject SwapAliasBody(string alias, string fromIndex, string toIndex) => new()
    {
        ["actions"] = new JsonArray(
            new JsonObject { ["remove"] = new JsonObject { ["index"] = fromIndex, ["alias"] = alias } },
            new JsonObject { ["add"] = new JsonObject { ["index"] = toIndex, ["alias"] = alias, ["is_write_index"] = true } }),
    };

    private static JsonObject Keyword() => new() { ["type"] = "keyword" };

    private static JsonObject Text(ElasticsearchSearchIndexOptions options) => new()
    {
        ["type"] = "text",
        ["analyzer"] = "english",
        ["fields"] = new JsonObject
        {
            ["cjk"] = new JsonObject { ["type"] = "text", ["analyzer"] = options.ChineseAnalyzer },
        },
    };
}
