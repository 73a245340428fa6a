using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Contracts;
using TalentMatch.Modules.Insights.Persistence;
using TalentMatch.Modules.Matching.Persistence;
using TalentMatch.Modules.Notifications.Persistence;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

public class PersistenceTests
{
    public static TheoryData<Type> ProviderContexts =>
    [
        typeof(SqliteApiDbContext), typeof(SqlServerApiDbContext), typeof(PostgreSqlApiDbContext),
        typeof(SqliteMatchingDbContext), typeof(SqlServerMatchingDbContext), typeof(PostgreSqlMatchingDbContext),
        typeof(SqliteNotificationsDbContext), typeof(SqlServerNotificationsDbContext), typeof(PostgreSqlNotificationsDbContext),
        typeof(SqliteInsightsDbContext), typeof(SqlServerInsightsDbContext), typeof(PostgreSqlInsightsDbContext),
    ];

    [Theory]
    [MemberData(nameof(ProviderContexts))]
    public void Every_provider_has_a_migration_for_the_current_model(Type contextType)
    {
        // Fails when the model changed and `scripts/add-migration.sh` was not run for all providers.
        using var context = CreateDesignTimeContext(contextType);
        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges(), $"{contextType.Name} has model changes without a migration");
    }

    [Fact]
    public async Task The_migrations_apply_to_PostgreSQL_and_documents_round_trip()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var options = new DbContextOptionsBuilder<PostgreSqlApiDbContext>().UseNpgsql(database.ConnectionString).Options;
        await AssertRoundTrip(() => new PostgreSqlApiDbContext(options));
    }

    [Fact]
    public async Task The_migrations_apply_to_SQLite_and_documents_round_trip()
    {
        var file = Path.Combine(Path.GetTempPath(), $"talentmatch-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqliteApiDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;
        try
        {
            await AssertRoundTrip(() => new SqliteApiDbContext(options));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task AssertRoundTrip(Func<ApiDbContext> create)
    {
        var ct = TestContext.Current.CancellationToken;
        var id = Guid.CreateVersion7();
        await using (var db = create())
        {
            await db.Database.MigrateAsync(ct);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
            var job = new Job
            {
                Id = id,
                TenantId = "tenant-a",
                Title = "LLM 训练工程师",
                Text = "精通 PyTorch",
                SubmittedAt = new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero),
            };
            job.MarkParsed([new ExtractedSkill("pytorch", "PyTorch", "required")], "精通 PyTorch");
            db.Jobs.Add(job);
            await db.SaveChangesAsync(ct);
        }

        await using (var db = create())
        {
            var job = await db.Jobs.SingleAsync(j => j.Id == id && j.TenantId == "tenant-a", ct);
            Assert.Equal("LLM 训练工程师", job.Title);
            Assert.Equal(PipelineStatus.Parsed, job.Status);
            Assert.Equal([new ExtractedSkill("pytorch", "PyTorch", "required")], job.Skills);
            Assert.Equal(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero), job.SubmittedAt);
            Assert.False(await db.Jobs.AnyAsync(j => j.Id == id && j.TenantId == "tenant-b", ct));

            // Keyset pagination compares ids in SQL: the provider must translate it.
            Assert.Equal(id, await db.Jobs.Where(j => j.Id.CompareTo(Guid.Empty) > 0).OrderBy(j => j.Id).Select(j => j.Id).FirstAsync(ct));
            Assert.False(await db.Jobs.AnyAsync(j => j.Id.CompareTo(id) > 0, ct));
        }

        // Two pipeline events about the same document at once: the second save must fail (and be
        // retried by the bus) rather than silently overwrite the first.
        await using var first = create();
        await using var second = create();
        var seenByFirst = await first.Jobs.SingleAsync(j => j.Id == id, ct);
        var seenBySecond = await second.Jobs.SingleAsync(j => j.Id == id, ct);
        seenByFirst.MarkIndexed(new DateTimeOffset(2026, 11, 29, 10, 1, 0, TimeSpan.Zero));
        await first.SaveChangesAsync(ct);
        seenBySecond.MarkRejected("empty-document", "raced");
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(ct));
    }

    private static DbContext CreateDesignTimeContext(Type contextType)
    {
        var factoryType = contextType.Assembly.GetTypes()
            .Single(t => t.GetInterfaces().Contains(typeof(IDesignTimeDbContextFactory<>).MakeGenericType(contextType)));
        var factory = Activator.CreateInstance(factoryType, nonPublic: true)!;
        return (DbContext)factoryType.GetMethod("CreateDbContext")!.Invoke(factory, [Array.Empty<string>()])!;
    }
}
