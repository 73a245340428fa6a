using System.Collections.Concurrent;
using MassTransit;

namespace TalentMatch.Server.Tests.Infrastructure;

/// <summary>Waiting for asynchronous work (the bus, background services) without fixed sleeps.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails naming <paramref name="what"/> after <paramref name="seconds"/>.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (seconds * TimeProvider.System.TimestampFrequency);
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetTimestamp() < deadline, $"timed out after {seconds} s waiting for {what}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string what, int seconds = 60) =>
        HoldsAsync(() => Task.FromResult(condition()), what, seconds);
}

/// <summary>
/// Counts, per message id, the consumer endpoints (queues) that finished consuming it; connect it
/// with <c>IBus.ConnectConsumeObserver</c>. With <c>queue</c>, only that queue's consumptions count.
/// Only consumptions that began after it was connected count: one already running when a test connects
/// it (a slow consumer still on the previous step's message) would otherwise be counted as a new one.
/// </summary>
public sealed class ConsumedMessages : IConsumeObserver
{
    private readonly ConcurrentDictionary<(Guid Id, string Queue), int> _counts = new();
    private readonly ConcurrentDictionary<ConsumeContext, byte> _begun = new(ReferenceEqualityComparer.Instance);

    public int Count(Guid messageId, string? queue = null) =>
        _counts.Where(c => c.Key.Id == messageId && (queue is null || c.Key.Queue.Contains(queue, StringComparison.Ordinal))).Sum(c => c.Value);

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        _begun.TryAdd(context, 0);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (_begun.TryRemove(context, out _) && context.MessageId is Guid id)
        {
            _counts.AddOrUpdate((id, context.ReceiveContext.InputAddress.AbsolutePath), 1, (_, n) => n + 1);
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class
    {
        _begun.TryRemove(context, out _);
        return Task.CompletedTask;
    }
}
