using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Platform.Persistence;

public enum DatabaseProvider
{
    /// <summary>A file under the data directory: the embedded default, migrated automatically at start-up.</summary>
    Sqlite,

    /// <summary>The production target.</summary>
    SqlServer,

    /// <summary>The server-grade database CI and these build machines run for real.</summary>
    PostgreSql,
}

public sealed class DatabaseOptions
{
    public const string Section = "TalentMatch:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for SQL Server and PostgreSQL; for SQLite it defaults to <c>talentmatch.db</c> in the data directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// SQL Server and PostgreSQL: how often EF Core retries an operation that failed transiently
    /// (a dropped connection, a failover, a deadlock victim), with exponential back-off of at most
    /// <see cref="MaxRetryDelay"/>. 0 turns retries off.
    /// </summary>
    public int MaxRetryCount { get; set; } = 3;

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>SQL Server and PostgreSQL: how long one command may run before it fails (and may be retried).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public static DatabaseOptions From(IConfiguration configuration) =>
        Settings.Read<DatabaseOptions>(configuration, Section);
}

/// <summary>Applies one DbContext's committed migrations; the <c>migrate</c> command runs every registered one.</summary>
public interface IDatabaseMigrator
{
    string ContextName { get; }

    /// <summary>The context from <paramref name="services"/> (a scope's provider).</summary>
    DbContext Resolve(IServiceProvider services);

    Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken);
}

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers a service's DbContext on the configured provider. Each provider has its own
    /// derived context type because EF Core binds a migration set to one context type: the three
    /// migration folders (Sqlite, SqlServer, PostgreSql) then live side by side in the module.
    /// Callers depend on <typeparamref name="TContext"/> only.
    /// </summary>
    /// <remarks>
    /// The server providers retry transient failures (<see cref="DatabaseOptions.MaxRetryCount"/>).
    /// That is sound because every write is one <c>SaveChanges</c> or one bulk statement, never a
    /// transaction the code opens itself (banned in BannedSymbols.txt): the strategy can repeat the
    /// whole unit. A commit whose acknowledgement was lost and is then repeated fails on its primary
    /// key, and the message is retried into the consumer's processed-message check.
    /// </remarks>
    public static IHostApplicationBuilder AddTalentMatchDbContext<TContext, TSqlite, TSqlServer, TPostgreSql>(this IHostApplicationBuilder builder)
        where TContext : DbContext
        where TSqlite : TContext
        where TSqlServer : TContext
        where TPostgreSql : TContext
    {
        var options = DatabaseOptions.From(builder.Configuration);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = options.ConnectionString
                    ?? $"Data Source={DataDirectory.EnsureOwnerOnlyFile(Path.Combine(DataDirectory.Resolve(builder.Configuration), "talentmatch.db"))}";
                builder.Services.AddDbContext<TContext, TSqlite>(o => o.UseSqlite(sqlite).AddInterceptors(SqliteErasure.SecureDeleteInterceptor.Instance));
                SqliteErasure.Register(builder.Services);
                break;
            case DatabaseProvider.SqlServer:
                builder.Services.AddDbContext<TContext, TSqlServer>(o => o.UseSqlServer(RequireConnectionString(options), sql =>
                {
                    sql.CommandTimeout((int)options.CommandTimeout.TotalSeconds);
                    if (options.MaxRetryCount > 0)
                    {
                        sql.EnableRetryOnFailure(options.MaxRetryCount, options.MaxRetryDelay, null);
                    }
                }));
                break;
            case DatabaseProvider.PostgreSql:
                builder.Services.AddDbContext<TContext, TPostgreSql>(o => o.UseNpgsql(RequireConnectionString(options), npgsql =>
                {
                    npgsql.CommandTimeout((int)options.CommandTimeout.TotalSeconds);
                    if (options.MaxRetryCount > 0)
                    {
                        npgsql.EnableRetryOnFailure(options.MaxRetryCount, options.MaxRetryDelay, null);
                    }
                }));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {options.Provider}.");
        }

        builder.Services.AddSingleton<IDatabaseMigrator, DatabaseMigrator<TContext>>();
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>(typeof(TContext).Name, tags: [HealthTags.Ready]);
        return builder;
    }

    /// <summary>Applies every registered context's migrations (the <c>migrate</c> command; automatic in embedded mode).</summary>
    public static async Task MigrateDatabasesAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        foreach (var migrator in services.GetServices<IDatabaseMigrator>())
        {
            await migrator.MigrateAsync(services, cancellationToken);
        }
    }

    private static string RequireConnectionString(DatabaseOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? throw new InvalidOperationException($"{DatabaseOptions.Section}:ConnectionString is required for {options.Provider}.")
            : options.ConnectionString;

    private sealed class DatabaseMigrator<TContext> : IDatabaseMigrator
        where TContext : DbContext
    {
        public string ContextName => typeof(TContext).Name;

        public DbContext Resolve(IServiceProvider services) => services.GetRequiredService<TContext>();

        public async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            await using var scope = services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            await context.Database.MigrateAsync(cancellationToken);
            if (context.Database.IsSqlite())
            {
                // Write-ahead logging: readers (GET, search's status reads) no longer wait for the
                // writer, and commits are cheaper. The mode is stored in the file, so once is enough;
                // it stays crash-safe (CrashSafetyTests kills the embedded server with SIGKILL).
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
        }
    }
}
