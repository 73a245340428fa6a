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

    /// <summary>Unpooled, so that no pooled connection of the test process outlives a test.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// For server processes a test starts (their pools die with them; the database is dropped
    /// WITH (FORCE)): pooled as production runs, 20 per process, so that three processes stay under
    /// PostgreSQL's 100 connections. Unpooled, every query authenticated a new backend and the
    /// fault scenario spent most of CI's two cores in PostgreSQL, with connection timeouts.
    /// </summary>
    public string PooledConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = true, MaxPoolSize = 20 }.ConnectionString;

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
