using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Platform.Messaging;

/// <summary>
/// The broker-side backlog of this process's consumers, as metrics: <c>talentmatch.queue.depth</c>
/// (messages ready in each consumer queue: work no instance has taken yet, the queue lag an
/// autoscaler should follow) and <c>talentmatch.queue.dead_letters</c> (messages in each
/// <c>_error</c> queue: failures waiting for an operator, see <c>dead-letters</c>). RabbitMQ only;
/// read with passive declares every <see cref="MessagingOptions.QueueDepthInterval"/>, because a
/// metric collection must not wait on the broker. A failed read reports nothing, not zeros.
/// </summary>
public sealed class QueueDepthMonitor : BackgroundService
{
    private readonly DeadLetterQueues _broker;
    private readonly IReadOnlyList<string> _queues;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _clock;
    private readonly ILogger<QueueDepthMonitor> _logger;
    private volatile IReadOnlyDictionary<string, uint>? _depths;

    public QueueDepthMonitor(Uri rabbitMqUrl, IReadOnlyList<string> consumerQueues, TimeSpan interval,
        IMeterFactory meters, TimeProvider clock, ILogger<QueueDepthMonitor> logger)
    {
        _broker = new DeadLetterQueues(rabbitMqUrl);
        _queues = [.. consumerQueues, .. consumerQueues.Select(DeadLetterQueues.ErrorQueueOf)];
        _interval = interval;
        _clock = clock;
        _logger = logger;
        var meter = meters.Create(TalentMatchMetrics.Name);
        meter.CreateObservableGauge("talentmatch.queue.depth", () => Observe(errorQueues: false), "{message}",
            "Messages ready in a consumer queue of this process, not yet taken by any instance.");
        meter.CreateObservableGauge("talentmatch.queue.dead_letters", () => Observe(errorQueues: true), "{message}",
            "Messages in a consumer's _error queue: failed every retry, waiting for a fix and a replay.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _depths = await _broker.CountAsync(_queues, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _depths = null;
                _logger.LogDebug(e, "Queue depths could not be read from the broker");
            }

            await Task.Delay(_interval, _clock, stoppingToken);
        }
    }

    private IEnumerable<Measurement<long>> Observe(bool errorQueues) =>
        (_depths ?? new Dictionary<string, uint>())
            .Where(d => d.Key.EndsWith("_error", StringComparison.Ordinal) == errorQueues)
            .Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("queue", d.Key)));
}
