using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalentMatch.Notifications.Persistence;

namespace TalentMatch.Notifications;

/// <summary>
/// Keeps the delivery log bounded: deletes finished deliveries whose last attempt is older than
/// <see cref="NotificationsOptions.DeliveryRetention"/>, once an hour (and at start). Every event
/// creates one row per subscription, so without this the table only grows.
/// </summary>
public sealed class DeliveryLogPruner(
    IServiceScopeFactory scopes, IOptions<NotificationsOptions> options, TimeProvider clock, ILogger<DeliveryLogPruner> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is away (or not migrated yet): try again next time.
                logger.LogWarning(e, "Pruning the webhook delivery log failed; will retry");
            }

            await Task.Delay(Interval, clock, stoppingToken);
        }
    }

    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        // DueAtUnixMs of a finished delivery is when its last attempt was due: comparable in SQL
        // on every provider, unlike DateTimeOffset on SQLite.
        var cutoff = (clock.GetUtcNow() - options.Value.DeliveryRetention).ToUnixTimeMilliseconds();
        var deleted = await db.Deliveries
            .Where(d => d.Status != DeliveryStatus.Pending && d.DueAtUnixMs < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} webhook deliveries older than {Retention}", deleted, options.Value.DeliveryRetention);
        }

        return deleted;
    }
}
