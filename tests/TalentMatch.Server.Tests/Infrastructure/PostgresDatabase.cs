using Npgsql;

namespace TalentMatch.Server.Tests.Infrastructure;

/// <summary>A PostgreSQL database of its own for one test, dropped afterwards.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;

    private PostgresDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>
    /// Unpooled, so that no pooled connection outlives a test and every database can be dropped at
    /// once. Server processes started by tests use it too: with pooled connections (20 per process)
    /// the fault scenario ran ~5× faster but stalled after the broker restart in 2 of 9 runs, a
    /// defect not yet understood (docs/operations.md, "Connections"); until it is, the tests run
    /// the configuration that has passed.
    /// </summary>
    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var server = TestServers.RequirePostgres();
        var name = $"talentmatch_test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new PostgresDatabase(server, name);
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
