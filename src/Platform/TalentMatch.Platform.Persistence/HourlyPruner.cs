using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TalentMatch.Platform.Persistence;

/// <summary>
/// The loop every retention job shares: prune at start, then once an hour; a failure (database
/// away, not migrated yet) is logged and tried again next hour, never fatal to the host.
/// </summary>
public abstract class HourlyPruner(TimeProvider clock, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    /// <summary>Deletes what is past its retention; returns how many rows went.</summary>
    public abstract Task<int> PruneAsync(CancellationToken cancellationToken);

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
                Logger.LogWarning(e, "{Pruner} failed; will retry in an hour", GetType().Name);
            }

            await Task.Delay(Interval, Clock, stoppingToken);
        }
    }
}
