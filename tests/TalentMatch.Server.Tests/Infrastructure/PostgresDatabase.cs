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
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, Pooling = true, MaxPoolSize = 20 }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>
    /// Pooled as production runs, at most 20 connections per process, so that a test's host and the
    /// server processes it starts stay under PostgreSQL's 100. Unpooled, every query authenticated a
    /// new backend: the fault scenario spent most of CI's two cores in PostgreSQL, with connection
    /// timeouts. The test process's pool of this database is cleared before it is dropped.
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
        // Idle pooled connections of this process go now; any still in use are ended by the FORCE.
        await using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
