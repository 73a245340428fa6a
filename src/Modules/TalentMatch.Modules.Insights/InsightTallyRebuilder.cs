using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalentMatch.Modules.Insights.Persistence;

namespace TalentMatch.Modules.Insights;

/// <summary>
/// Builds the running tallies (ADR 0013) of every tenant that has job or candidate facts and no tallies: after a migration that
/// empties them, an idle tenant would otherwise be read from the facts (slow at scale) until its next job change.
/// At start, then every <see cref="Interval"/> (a server database not migrated yet is tried again later); one tenant
/// at a time, each in its own transaction taking the same lock as the facts consumer, so that the two never both
/// build a tenant (the loser's insert of the tenant's row fails and is left to the winner).
/// </summary>
internal sealed class InsightTallyRebuilder(IServiceScopeFactory scopes, TimeProvider clock, ILogger<InsightTallyRebuilder> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RebuildAsync(scopes, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Rebuilding insight tallies failed; will retry in {Interval}", Interval);
            }

            await Task.Delay(Interval, clock, stoppingToken);
        }
    }

    /// <summary>Builds the tallies and partner shortlists of each tenant that has jobs or candidates and no tallies; returns how many tenants it built.</summary>
    public static async Task<int> RebuildAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        List<string> missing;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InsightsDbContext>();
            missing = await db.Jobs.Select(j => j.TenantId).Union(db.Candidates.Select(c => c.TenantId))
                .Where(id => !db.Tenants.Any(t => t.TenantId == id))
                .ToListAsync(cancellationToken);
        }

        var built = 0;
        foreach (var tenantId in missing)
        {
            // A fresh context per tenant: a tenant's build tracks every count it adds until saved.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<InsightsDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                if (!await InsightTallies.LockAsync(db, tenantId, scope.ServiceProvider.GetRequiredService<IOptions<InsightsOptions>>().Value.ScopedDetailsFrom, cancellationToken))
                {
                    continue; // built meanwhile by the facts consumer
                }

                await InsightShortlists.RefreshAllAsync(db, tenantId, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                built++;
            }
            catch (DbUpdateException)
            {
                // The consumer built this tenant at the same moment: its tallies are there, from its own transaction.
            }
        }

        return built;
    }
}
