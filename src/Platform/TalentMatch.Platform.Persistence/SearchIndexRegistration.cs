using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentMatch.Core.SearchIndex;
using TalentMatch.Core.SearchIndex.Elasticsearch;
using TalentMatch.Core.SearchIndex.Lucene;
using TalentMatch.Core.Skills;

namespace TalentMatch.Platform.Persistence;

/// <summary>
/// The search port the configuration picks (<c>TalentMatch:Search:Engine</c>): registered here, below
/// the modules, because two of them use it (search writes it, matching retrieves through it).
/// </summary>
public static class SearchIndexRegistration
{
    public static bool UsesElasticsearch(IConfiguration configuration) =>
        string.Equals(configuration["TalentMatch:Search:Engine"], "elasticsearch", StringComparison.OrdinalIgnoreCase);

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
        var section = builder.Configuration.GetSection("TalentMatch:Search");
        var engine = section["Engine"] ?? "embedded";
        if (string.Equals(engine, "elasticsearch", StringComparison.OrdinalIgnoreCase))
        {
            var url = section["Elasticsearch:Url"]
                ?? throw new InvalidOperationException("TalentMatch:Search:Elasticsearch:Url is required when TalentMatch:Search:Engine is elasticsearch.");
            builder.Services.AddSingleton<ISearchIndex>(_ => ElasticsearchSearchIndex.Create(new Uri(url), new ElasticsearchSearchIndexOptions
            {
                SkillAncestors = Ancestors,
                IndexPrefix = section["Elasticsearch:IndexPrefix"] ?? ElasticsearchSearchIndexOptions.DefaultIndexPrefix,
            }));
        }
        else if (string.Equals(engine, "embedded", StringComparison.OrdinalIgnoreCase))
        {
            var path = Path.Combine(DataDirectory.Resolve(builder.Configuration), "search", "lucene");
            builder.Services.AddSingleton<ISearchIndex>(_ => new LuceneSearchIndex(path, new LuceneSearchIndexOptions { SkillAncestors = Ancestors }));
        }
        else
        {
            throw new InvalidOperationException($"Unknown TalentMatch:Search:Engine '{engine}': use embedded or elasticsearch.");
        }

        return builder;
    }
}
