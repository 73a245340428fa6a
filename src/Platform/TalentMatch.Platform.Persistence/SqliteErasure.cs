using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TalentMatch.Platform.Persistence;

/// <summary>
/// What makes a deleted row really go from the SQLite file (docs/privacy.md). By default SQLite only
/// marks the space of a deleted or shrunk row free: the bytes stay in the page, and the old page
/// stays in the write-ahead log until a checkpoint overwrites it. Erasure needs both gone:
/// <list type="bullet">
/// <item><c>PRAGMA secure_delete=ON</c> on every connection: freed space is overwritten with zeros.
/// The setting is per connection, so an interceptor sets it as each one opens.</item>
/// <item><see cref="CheckpointAsync"/>: a <c>wal_checkpoint(TRUNCATE)</c> copies the current pages
/// into the database file and empties the log, which still holds the pages as they were before the
/// erasure. Run after an erasure completes and when the host stops.</item>
/// </list>
/// </summary>
public static class SqliteErasure
{
    /// <summary>Copies the log into the database and truncates it (no-op on other providers). Best effort: a busy reader makes it partial, the next one finishes.</summary>
    public static async Task CheckpointAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
    }

    /// <summary>Once per host (AddHostedService ignores a second registration of the same type).</summary>
    internal static void Register(IServiceCollection services) => services.AddHostedService<CheckpointOnStop>();

    /// <summary>
    /// Turns secure_delete on for every SQLite connection EF Core opens, sets how durable its commits are
    /// (<see cref="SqliteCommitDurability"/>) and how a locked database is waited for (<see cref="BusyTimeoutPragma"/>): all
    /// three are per connection, and a pooled connection may have served another flow.
    /// </summary>
    internal sealed class SecureDeleteInterceptor : DbConnectionInterceptor
    {
        public static readonly SecureDeleteInterceptor Instance = new();

        /// <summary>
        /// A writer that finds the database locked waits inside SQLite. Without that, Microsoft.Data.Sqlite retries a busy
        /// statement itself after sleeping 150 ms each time (up to the command timeout), so a POST that met a pipeline
        /// commit waited 150, 300, 450 ms for a lock held for a millisecond (issue #22). SqliteBusyWait's handler, set
        /// right after, replaces this timeout's back-off (1, 2, 5 … 100 ms between tries) where it can; this stays where
        /// it cannot. After these 5 s the provider's own retries go on until the command timeout, as before.
        /// </summary>
        internal const string BusyTimeoutPragma = "PRAGMA busy_timeout=5000;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Enable(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Enable(connection);
            return Task.CompletedTask;
        }

        private static void Enable(DbConnection connection)
        {
            if (connection is SqliteConnection sqlite)
            {
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA secure_delete=ON;" + SqliteCommitDurability.Pragma + BusyTimeoutPragma;
                command.ExecuteNonQuery();
                // Replaces busy_timeout's back-off where it can (SqliteBusyWait); busy_timeout stays where it cannot.
                SqliteBusyWait.Set(sqlite, request: SqliteCommitDurability.Durable);
            }
        }
    }

    /// <summary>
    /// On shutdown: checkpoint and truncate the log, then close the pooled connections, so that a
    /// stopped embedded host leaves one database file and no log holding older pages. The
    /// connection strings are read at start: at shutdown the service provider may be going away.
    /// </summary>
    private sealed class CheckpointOnStop(IServiceScopeFactory scopes, IEnumerable<IDatabaseMigrator> databases, ILogger<CheckpointOnStop> logger) : IHostedService
    {
        private readonly HashSet<string> _files = [];

        public Task StartAsync(CancellationToken cancellationToken)
        {
            using var scope = scopes.CreateScope();
            foreach (var database in databases)
            {
                var db = database.Resolve(scope.ServiceProvider);
                if (db.Database.IsSqlite() && db.Database.GetConnectionString() is { } connectionString)
                {
                    _files.Add(connectionString);
                }
            }

            return Task.CompletedTask;
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            foreach (var connectionString in _files)
            {
                try
                {
                    await using var connection = new SqliteConnection(connectionString);
                    await connection.OpenAsync(cancellationToken);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // The host's stop timeout ran out (a busy machine): closing the pools below still lets SQLite
                    // checkpoint as the last connection to each file closes. Throwing here would skip that too.
                    logger.LogWarning("Checkpoint at shutdown cut short by the host's stop timeout; closing the connections instead");
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Checkpoint of {Database} at shutdown failed", connectionString);
                }
            }

            SqliteConnection.ClearAllPools();
        }
    }
}
