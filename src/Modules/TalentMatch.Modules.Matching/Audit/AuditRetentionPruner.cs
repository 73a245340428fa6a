using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TalentMatch.Modules.Matching.Persistence;
using TalentMatch.Platform.Persistence;

namespace TalentMatch.Modules.Matching.Audit;

/// <summary>Once an hour, empties the audit records each tenant's retention period has expired (<see cref="AuditRetention"/>).</summary>
public sealed class AuditRetentionPruner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditRetentionPruner> logger)
    : HourlyPruner(clock, logger)
{
    public override async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var trail = new AuditTrail(db, Clock);
        var now = Clock.GetUtcNow();
        var expired = 0;
        foreach (var policy in await db.AuditRetention.AsNoTracking().ToListAsync(cancellationToken))
        {
            expired += await trail.ExpireAsync(policy.TenantId, now.AddDays(-policy.Days), cancellationToken);
        }

        if (expired > 0)
        {
            Logger.LogInformation("Emptied {Count} audit records past their tenants' retention", expired);
        }

        return expired;
    }
}
