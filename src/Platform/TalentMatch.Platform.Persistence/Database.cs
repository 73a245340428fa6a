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

    /// <summary>SQL Server and PostgreSQL: how long one command may run before it fails.</summary>
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
    /// No EF Core retrying execution strategy: a consumer's unit of retry is the whole message, run
    /// again by the bus's retry policy in a new scope with a new context, which is sound whatever the
    /// consumer did (the audit chain and the insight tallies open transactions of their own to hold a
    /// per-tenant lock, which a retrying strategy refuses unless each is wrapped and its change
    /// tracker reset on every attempt). An HTTP request that meets a transient failure fails.
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
                    sql.CommandTimeout((int)options.CommandTimeout.TotalSeconds)));
                break;
            case DatabaseProvider.PostgreSql:
                builder.Services.AddDbContext<TContext, TPostgreSql>(o => o.UseNpgsql(RequireConnectionString(options), npgsql =>
                    npgsql.CommandTimeout((int)options.CommandTimeout.TotalSeconds)));
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
