using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentMatch.Core.SearchIndex;
using TalentMatch.Core.SearchIndex.Elasticsearch;
using TalentMatch.Core.SearchIndex.Lucene;
using TalentMatch.Core.Skills;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Platform.Persistence;

/// <summary>Which search engine the search port uses.</summary>
public enum SearchEngine
{
    /// <summary>Lucene.Net + USearch on disk under the data directory (one writing process).</summary>
    Embedded,

    /// <summary>An Elasticsearch cluster (<c>TalentMatch:Search:Elasticsearch:Url</c>).</summary>
    Elasticsearch,
}

/// <summary><c>TalentMatch:Search</c>: the engine behind the search port.</summary>
public sealed class SearchOptions : IValidatableObject
{
    public const string Section = "TalentMatch:Search";

    public SearchEngine Engine { get; set; } = SearchEngine.Embedded;

    public ElasticsearchSettings Elasticsearch { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Engine == SearchEngine.Elasticsearch && !Uri.TryCreate(Elasticsearch.Url, UriKind.Absolute, out _))
        {
            yield return new ValidationResult(
                "an absolute URL is required when TalentMatch:Search:Engine is elasticsearch.", ["Elasticsearch:Url"]);
        }
    }

    public sealed class ElasticsearchSettings
    {
        public string? Url { get; set; }

        /// <summary>Prefix of the index names, so that several deployments can share a cluster.</summary>
        public string IndexPrefix { get; set; } = ElasticsearchSearchIndexOptions.DefaultIndexPrefix;
    }
}

/// <summary>
/// The search port the configuration picks (<c>TalentMatch:Search:Engine</c>): registered here, below
/// the modules, because two of them use it (search writes it, matching retrieves through it).
/// </summary>
public static class SearchIndexRegistration
{
    public static bool UsesElasticsearch(IConfiguration configuration) =>
        Settings.Read<SearchOptions>(configuration, SearchOptions.Section).Engine == SearchEngine.Elasticsearch;

    /// <summary>
    /// Registers the search port alone (once per process), for the search module and for modules
    /// that query it (matching).
    /// </summary>
    public static IHostApplicationBuilder AddSearchIndex(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(ISearchIndex)))
        {
            return builder;
        }

        var taxonomy = SkillTaxonomy.LoadDefault();
        IEnumerable<string> Ancestors(string id) => taxonomy.AncestorsOf(id).Select(s => s.Id);
        var options = builder.AddSettings<SearchOptions>(SearchOptions.Section);
        if (options.Engine == SearchEngine.Elasticsearch)
        {
            builder.Services.AddSingleton<ISearchIndex>(_ => ElasticsearchSearchIndex.Create(new Uri(options.Elasticsearch.Url!), new ElasticsearchSearchIndexOptions
            {
                SkillAncestors = Ancestors,
                IndexPrefix = options.Elasticsearch.IndexPrefix,
            }));
        }
        else
        {
            var path = Path.Combine(DataDirectory.Resolve(builder.Configuration), "search", "lucene");
            builder.Services.AddSingleton<ISearchIndex>(_ => new LuceneSearchIndex(path, new LuceneSearchIndexOptions { SkillAncestors = Ancestors }));
        }

        return builder;
    }
}
