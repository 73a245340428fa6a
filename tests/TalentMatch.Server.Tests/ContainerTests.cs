using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Persistence;
using TalentMatch.Server.Tests.Infrastructure;
using TalentMatch.Tests;
using Testcontainers.MsSql;
using Testcontainers.RabbitMq;

namespace TalentMatch.Server.Tests;

/// <summary>
/// The first end-to-end path on servers started by Testcontainers: SQL Server (the production
/// database, which has no Debian package, so only a container can bring it to a test) and a
/// RabbitMQ container. Where no Docker engine answers, as on the build machines, they skip and
/// say why; PostgreSQL and a packaged RabbitMQ cover the same paths there (FirstPathTests).
/// Elasticsearch's container suite is ElasticsearchContractTests in TalentMatch.Core.SearchIndex.Tests.
/// </summary>
public sealed class ContainerTests
{
    private const string SqlServerImage = "mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04";
    private const string RabbitMqImage = "rabbitmq:4.1-management";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_path_runs_on_SQL_Server_in_a_container()
    {
        DockerEngine.RequireOrSkip("SQL Server");
        await using var sqlServer = new MsSqlBuilder(SqlServerImage).Build();
        await sqlServer.StartAsync(Ct);

        await using var app = TalentMatchApp.Embedded(new()
        {
            ["TalentMatch:Database:Provider"] = nameof(DatabaseProvider.SqlServer),
            ["TalentMatch:Database:ConnectionString"] = sqlServer.GetConnectionString(),
        });
        // The SQL Server migrations are the committed ones a production deployment applies.
        await app.Services.MigrateDatabasesAsync(Ct);
        var (_, client) = await app.CreateTenantClientAsync();

        await Pipeline.RunFirstPathAsync(client, client);
    }

    [Fact]
    public async Task The_first_path_runs_over_a_RabbitMQ_container()
    {
        DockerEngine.RequireOrSkip("RabbitMQ");
        await using var rabbit = new RabbitMqBuilder(RabbitMqImage).Build();
        await rabbit.StartAsync(Ct);

        await using var app = TalentMatchApp.Embedded(new()
        {
            ["TalentMatch:Messaging:Transport"] = nameof(MessageTransport.RabbitMq),
            ["TalentMatch:Messaging:RabbitMqUrl"] = rabbit.GetConnectionString(),
        });
        var (_, client) = await app.CreateTenantClientAsync();

        await Pipeline.RunFirstPathAsync(client, client);
    }
}
