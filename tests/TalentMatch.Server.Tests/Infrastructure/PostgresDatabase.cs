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
        ServerProcessConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, MaxPoolSize = 20 }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>
    /// For tests in this process: unpooled, so that no pooled connection outlives the test and
    /// every database can be dropped at once.
    /// </summary>
    public string ConnectionString { get; }

    /// <summary>
    /// For server processes started by a test: pooled as in production (their connections end with
    /// the process), at most 20 per process so that several processes fit PostgreSQL's default 100.
    /// </summary>
    public string ServerProcessConnectionString { get; }

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
