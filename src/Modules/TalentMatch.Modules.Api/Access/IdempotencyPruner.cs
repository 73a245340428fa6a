using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Persistence;

namespace TalentMatch.Modules.Api.Access;

/// <summary>
/// Deletes idempotency records past <see cref="IdempotencyStore.KeepFor"/>, once an hour (and at
/// start). A record's response holds what the request created (a resume's text), so it must not
/// outlive its 24 hours just because its key is never sent again.
/// </summary>
public sealed class IdempotencyPruner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotencyPruner> logger)
    : HourlyPruner(clock, logger)
{
    private const int Batch = 500;

    public override async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
        var cutoff = Clock.GetUtcNow() - IdempotencyStore.KeepFor;
        var deleted = 0;
        // CreatedAt is compared here, not in SQL: SQLite cannot compare DateTimeOffset values. The
        // table holds one day of POSTs with a key, and only the key columns are read.
        var keys = await db.IdempotencyRecords.AsNoTracking()
            .Select(r => new { r.TenantId, r.Key, r.CreatedAt })
            .ToListAsync(cancellationToken);
        foreach (var chunk in keys.Where(r => r.CreatedAt < cutoff).Chunk(Batch))
        {
            foreach (var tenant in chunk.GroupBy(r => r.TenantId))
            {
                var expired = tenant.Select(r => r.Key).ToList();
                deleted += await db.IdempotencyRecords
                    .Where(r => r.TenantId == tenant.Key && expired.Contains(r.Key))
                    .ExecuteDeleteAsync(cancellationToken);
            }
        }

        if (deleted > 0)
        {
            Logger.LogInformation("Deleted {Count} idempotency records older than {KeepFor}", deleted, IdempotencyStore.KeepFor);
        }

        return deleted;
    }
}
