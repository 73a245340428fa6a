using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using TalentMatch.Core.SearchIndex.Elasticsearch;

namespace TalentMatch.Core.SearchIndex.Tests;

/// <summary>
/// A real Elasticsearch for the contract suite: the server named by <c>TALENTMATCH_ELASTICSEARCH_URL</c>, else a
/// Testcontainers container when a Docker engine answers, else none (the tests skip and say why). With
/// <c>CI=true</c> and a URL or Docker available, a failure to start is a failure, not a skip.
/// </summary>
public sealed class ElasticsearchFixture : IAsyncLifetime
{
    public const string Image = "docker.elastic.co/elasticsearch/elasticsearch:9.1.5";
    private IContainer? _container;

    public ElasticsearchSearchIndex? Index { get; private set; }

    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var url = Environment.GetEnvironmentVariable("TALENTMATCH_ELASTICSEARCH_URL");
        if (string.IsNullOrWhiteSpace(url))
        {
            if (!TalentMatch.Tests.DockerEngine.Answers())
            {
                SkipReason = "No Elasticsearch: TALENTMATCH_ELASTICSEARCH_URL is not set and no Docker engine answers (the request-shape tests cover the adapter here).";
                return;
            }

            _container = new ContainerBuilder(Image)
                .WithEnvironment("discovery.type", "single-node")
                .WithEnvironment("xpack.security.enabled", "false")
                .WithEnvironment("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
                .WithPortBinding(9200, assignRandomHostPort: true)
                .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(9200).ForPath("/_cluster/health?wait_for_status=yellow")))
                .Build();
            await _container.StartAsync();
            url = $"http://{_container.Hostname}:{_container.GetMappedPublicPort(9200)}";
        }

        Index = ElasticsearchSearchIndex.Create(new Uri(url), new ElasticsearchSearchIndexOptions
        {
            SkillAncestors = SearchIndexContract.Ancestors,
            Dimensions = SearchIndexContract.Dimensions,
            IndexPrefix = "talentmatch-test-" + Guid.NewGuid().ToString("N")[..8],
        });
        await Index.EnsureIndexAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Index?.Dispose();
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}

/// <summary>The contract suite on Elasticsearch (skipped, with the reason, when none can be reached).</summary>
public sealed class ElasticsearchContractTests(ElasticsearchFixture fixture) : SearchIndexContract, IClassFixture<ElasticsearchFixture>
{
    protected override ISearchIndex Index
    {
        get
        {
            if (fixture.SkipReason is not null)
            {
                Assert.Skip(fixture.SkipReason);
            }

            return fixture.Index!;
        }
    }

    // Paging runs here too (SearchIndexContract.Paging): later pages search the first page's point in time (ADR 0003).
}
