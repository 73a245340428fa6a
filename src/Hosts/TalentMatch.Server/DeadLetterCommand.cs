using System.Globalization;
using TalentMatch.Platform.Messaging;

namespace TalentMatch.Server;

/// <summary>
/// <c>TalentMatch.Server dead-letters list|replay [queue ...] [--message-id ID]</c>: what failed
/// every retry, and why; and sending it back once the cause is fixed (docs/operations.md).
/// Without queue names it covers the error queues of the modules this configuration enables.
/// </summary>
public static class DeadLetterCommand
{
    public const string Usage =
        "usage: TalentMatch.Server dead-letters list|replay [queue ...] [--message-id <id>]   (RabbitMQ transport only)";

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, IReadOnlyList<string> defaultErrorQueues,
        MessagingOptions messaging, string? messageId, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (arguments is not [var action, ..] || action is not ("list" or "replay"))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        if (messaging.Transport != MessageTransport.RabbitMq)
        {
            await error.WriteLineAsync("dead-letters: the in-memory bus keeps no dead letters; set TalentMatch:Messaging:Transport=RabbitMq.");
            return 2;
        }

        var queues = arguments.Count > 1 ? [.. arguments.Skip(1).Select(DeadLetterQueues.ErrorQueueOf)] : defaultErrorQueues;
        var broker = new DeadLetterQueues(new Uri(messaging.RabbitMqUrl));
        if (action == "replay")
        {
            var replayed = await broker.ReplayAsync(queues, messageId, cancellationToken);
            foreach (var (queue, count) in replayed)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{queue}\treplayed {count} to {DeadLetterQueues.SourceQueueOf(queue)}"));
            }

            return 0;
        }

        var counts = await broker.CountAsync(queues, cancellationToken);
        var letters = await broker.PeekAsync(queues, max: 100, cancellationToken);
        foreach (var (queue, count) in counts)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{queue}\t{count} message(s)"));
            foreach (var letter in letters.Where(l => l.ErrorQueue == queue && (messageId is null || string.Equals(l.MessageId, messageId, StringComparison.OrdinalIgnoreCase))))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {letter.MessageId}\t{letter.MessageType}\t{letter.FaultedAt:O}\t{letter.ExceptionType}: {letter.Reason}"));
            }
        }

        return 0;
    }
}
