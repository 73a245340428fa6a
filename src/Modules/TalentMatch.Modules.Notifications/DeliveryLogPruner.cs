using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalentMatch.Modules.Notifications.Persistence;
using TalentMatch.Platform.Persistence;

namespace TalentMatch.Modules.Notifications;

/// <summary>
/// Keeps the delivery log bounded: deletes finished deliveries whose last attempt is older than
/// <see cref="NotificationsOptions.DeliveryRetention"/>, once an hour (and at start). Every event
/// creates one row per subscription, so without this the table only grows. Erased documents' ids
/// go after <see cref="ErasedDocument.KeepFor"/>.
/// </summary>
public sealed class DeliveryLogPruner(
    IServiceScopeFactory scopes, IOptions<NotificationsOptions> options, TimeProvider clock, ILogger<DeliveryLogPruner> logger)
    : HourlyPruner(clock, logger)
{
    public override async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        // DueAtUnixMs of a finished delivery is when its last attempt was due: comparable in SQL
        // on every provider, unlike DateTimeOffset on SQLite.
        var cutoff = (Clock.GetUtcNow() - options.Value.DeliveryRetention).ToUnixTimeMilliseconds();
        var deleted = await db.Deliveries
            .Where(d => d.Status != DeliveryStatus.Pending && d.DueAtUnixMs < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            Logger.LogInformation("Deleted {Count} webhook deliveries older than {Retention}", deleted, options.Value.DeliveryRetention);
        }

        var forgetBefore = (Clock.GetUtcNow() - ErasedDocument.KeepFor).ToUnixTimeMilliseconds();
        return deleted + await db.ErasedDocuments.Where(e => e.ErasedAtUnixMs < forgetBefore).ExecuteDeleteAsync(cancellationToken);
    }
}
