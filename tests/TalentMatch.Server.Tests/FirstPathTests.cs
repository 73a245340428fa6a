using TalentMatch.Platform.Persistence;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>The same end-to-end path in every way the system runs.</summary>
public class FirstPathTests
{
    [Fact]
    public async Task A_resume_and_a_job_flow_through_the_embedded_system()
    {
        await using var app = TalentMatchApp.Embedded();
        var (_, client) = await app.CreateTenantClientAsync();

        await Pipeline.RunFirstPathAsync(client, client);
        client.Dispose();

        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "talentmatch.db")), "the embedded database lives in the data directory");
    }

    [Fact]
    public async Task A_resume_and_a_job_flow_through_RabbitMQ_and_PostgreSQL()
    {
        await using var rabbit = await RabbitMqVirtualHost.CreateAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        await using var app = TalentMatchApp.Distributed(rabbit, database);
        // A server database is never migrated implicitly: run the migrate step as an operator would.
        await app.Services.MigrateDatabasesAsync(TestContext.Current.CancellationToken);
        var (_, client) = await app.CreateTenantClientAsync();

        await Pipeline.RunFirstPathAsync(client, client);
        client.Dispose();
    }

    [Fact]
    public async Task The_api_and_the_workers_in_separate_processes_talk_over_RabbitMQ()
    {
        await using var rabbit = await RabbitMqVirtualHost.CreateAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        var dataDirectory = Directory.CreateTempSubdirectory("talentmatch-processes-").FullName;
        var common = ServerProcess.DistributedEnvironment(rabbit, database, dataDirectory);

        try
        {
            var apiOnly = new Dictionary<string, string>(common) { ["TalentMatch__Modules"] = "api" };
            await ServerProcess.RunToCompletionAsync("migrate", apiOnly);
            var key = (await ServerProcess.RunToCompletionAsync("bootstrap acme-corp \"Acme Corp\"", apiOnly)).Trim();
            Assert.StartsWith("tm_", key, StringComparison.Ordinal);

            await using var api = await ServerProcess.StartAsync(apiOnly);
            await using var workers = await ServerProcess.StartAsync(new Dictionary<string, string>(common)
            {
                ["TalentMatch__Modules"] = "ingestion,embedding,search",
            });
            api.Authenticate(key);
            workers.Authenticate(key);

            // The api process stores and publishes; the worker process parses, embeds and indexes;
            // the status coming back to the api process proves the return trip over the broker.
            // Searching in the worker process also proves it validates the key by asking the api.
            await Pipeline.RunFirstPathAsync(api.Client, workers.Client);
            // Not through api.Client: the committed OpenAPI document describes the whole system, and this probe asks
            // a process for an operation of a module it does not run, on purpose.
            using var plain = new HttpClient { BaseAddress = api.BaseAddress };
            using var notHere = await plain.GetAsync("/v1/search/candidates?q=pytorch", TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, notHere.StatusCode); // search runs in the worker process only
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
