using System.Globalization;
using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace TalentMatch.Platform.Messaging;

/// <summary>
/// A message MassTransit moved to an <c>_error</c> queue after its retries ran out, with the
/// failure MassTransit recorded in its headers.
/// </summary>
public sealed record DeadLetter(
    string ErrorQueue,
    string? MessageId,
    string? MessageType,
    string? ConsumerType,
    string? ExceptionType,
    string? Reason,
    DateTimeOffset? FaultedAt)
{
    /// <summary>The queue the message failed in, which a replay sends it back to.</summary>
    public string SourceQueue => DeadLetterQueues.SourceQueueOf(ErrorQueue);
}

/// <summary>
/// Lists and replays dead-lettered messages on RabbitMQ (the <c>TalentMatch.Server dead-letters</c>
/// command). MassTransit leaves a message that failed every retry in <c>&lt;queue&gt;_error</c>
/// with the exception in <c>MT-Fault-*</c> headers. Replaying sends the message, body and message
/// id unchanged, back to its queue's exchange: after the cause is fixed it is consumed as if
/// delivered for the first time, and a consumer that had applied it already recognises its id
/// (processed-message keys). The in-memory bus of embedded mode keeps no dead letters across a
/// restart; this command is for RabbitMQ.
/// </summary>
public sealed class DeadLetterQueues(Uri amqpUrl)
{
    private const string ErrorSuffix = "_error";

    /// <summary>Headers MassTransit adds when it dead-letters; a replayed message drops them.</summary>
    private const string FaultHeaderPrefix = "MT-Fault-";

    public static string SourceQueueOf(string errorQueue) =>
        errorQueue.EndsWith(ErrorSuffix, StringComparison.Ordinal) ? errorQueue[..^ErrorSuffix.Length] : errorQueue;

    public static string ErrorQueueOf(string queue) =>
        queue.EndsWith(ErrorSuffix, StringComparison.Ordinal) ? queue : queue + ErrorSuffix;

    /// <summary>
    /// The error queues of every consumer this process hosts (queue names follow the bus's
    /// endpoint name formatter, as <see cref="MessagingExtensions.AddTalentMatchMessaging"/> sets it).
    /// </summary>
    public static IReadOnlyList<string> ErrorQueuesOf(IServiceCollection services) =>
        [.. ConsumerQueuesOf(services).Select(ErrorQueueOf)];

    /// <summary>The queues of every consumer registered in <paramref name="services"/>.</summary>
    public static IReadOnlyList<string> ConsumerQueuesOf(IServiceCollection services)
    {
        var formatter = MessagingExtensions.EndpointNames;
        var consumerMethod = typeof(IEndpointNameFormatter).GetMethod(nameof(IEndpointNameFormatter.Consumer))!;
        return [.. services
            .Select(d => d.ServiceType)
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IConsumer).IsAssignableFrom(t))
            .Distinct()
            .Select(t => (string)consumerMethod.MakeGenericMethod(t).Invoke(formatter, null)!)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>How many messages are ready in each of <paramref name="queues"/> (error queues or any other); a queue the broker does not have counts 0.</summary>
    public async Task<IReadOnlyDictionary<string, uint>> CountAsync(IEnumerable<string> queues, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var counts = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var queue in queues)
        {
            counts[queue] = await MessageCountAsync(connection, queue, cancellationToken) ?? 0;
        }

        return counts;
    }

    /// <summary>
    /// Reads up to <paramref name="max"/> messages of each queue without removing them: they are
    /// fetched unacknowledged and returned to the queue when the channel closes.
    /// </summary>
    public async Task<IReadOnlyList<DeadLetter>> PeekAsync(IEnumerable<string> errorQueues, int max, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var letters = new List<DeadLetter>();
        foreach (var queue in errorQueues)
        {
            if (await MessageCountAsync(connection, queue, cancellationToken) is not > 0)
            {
                continue;
            }

            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            for (var i = 0; i < max; i++)
            {
                var got = await channel.BasicGetAsync(queue, autoAck: false, cancellationToken);
                if (got is null)
                {
                    break;
                }

                letters.Add(Describe(queue, got.BasicProperties, got.Body));
            }

            // Closing without acknowledging puts every fetched message back, in order.
            await channel.CloseAsync(cancellationToken);
        }

        return letters;
    }

    /// <summary>
    /// Moves messages from each error queue back to the queue they failed in: all of them, or only
    /// the one with <paramref name="messageId"/>. Each is acknowledged in the error queue only
    /// after the broker confirmed the republish, so a crash here duplicates at worst (and the
    /// consumer's processed-message key absorbs the duplicate), never loses.
    /// </summary>
    /// <returns>How many messages were replayed, per error queue.</returns>
    public async Task<IReadOnlyDictionary<string, int>> ReplayAsync(IEnumerable<string> errorQueues, string? messageId, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var replayed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var queue in errorQueues)
        {
            var waiting = await MessageCountAsync(connection, queue, cancellationToken);
            replayed[queue] = 0;
            if (waiting is not > 0)
            {
                continue;
            }

            await using var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            // Only what is there now: a message that fails again while we work lands at the end
            // of the queue and must not be replayed in a loop.
            for (var i = 0; i < waiting; i++)
            {
                var got = await channel.BasicGetAsync(queue, autoAck: false, cancellationToken);
                if (got is null)
                {
                    break;
                }

                if (messageId is not null && !string.Equals(got.BasicProperties.MessageId, messageId, StringComparison.OrdinalIgnoreCase))
                {
                    continue; // left unacknowledged: back in the queue when the channel closes
                }

                var properties = new BasicProperties(got.BasicProperties)
                {
                    Headers = got.BasicProperties.Headers?
                        .Where(h => !h.Key.StartsWith(FaultHeaderPrefix, StringComparison.Ordinal) && h.Key != "MT-Reason")
                        .ToDictionary(h => h.Key, h => h.Value) ?? [],
                };
                properties.Headers["TalentMatch-Replayed-From"] = queue;
                // MassTransit binds an exchange named after each queue to it: publishing there
                // reaches exactly the consumer that failed, not every subscriber of the type.
                await channel.BasicPublishAsync(SourceQueueOf(queue), routingKey: "", mandatory: false, properties, got.Body, cancellationToken);
                await channel.BasicAckAsync(got.DeliveryTag, multiple: false, cancellationToken);
                replayed[queue]++;
            }

            await channel.CloseAsync(cancellationToken);
        }

        return replayed;
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = amqpUrl };
        return await factory.CreateConnectionAsync("talentmatch-dead-letters", cancellationToken);
    }

    /// <summary>Null when the broker has no such queue (nothing has ever failed there).</summary>
    private static async Task<uint?> MessageCountAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        // A passive declare of a missing queue closes its channel: one channel per question.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            var declared = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
            return declared.MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    /// <summary>The first message type URN of MassTransit's JSON envelope (urn:message:Namespace:Type).</summary>
    private static string? MessageTypeOf(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var envelope = System.Text.Json.JsonDocument.Parse(body);
            return envelope.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == System.Text.Json.JsonValueKind.Array
                ? types.EnumerateArray().Select(t => t.GetString()).FirstOrDefault()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // not a MassTransit envelope: still listed, just without its type
        }
    }

    private static DeadLetter Describe(string queue, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        var headers = properties.Headers ?? new Dictionary<string, object?>();
        string? Header(string name) => headers.TryGetValue(name, out var value) ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            null => null,
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        } : null;

        return new DeadLetter(
            queue,
            properties.MessageId,
            Header("MT-Fault-MessageType") ?? MessageTypeOf(body),
            Header("MT-Fault-ConsumerType"),
            Header("MT-Fault-ExceptionType"),
            Header("MT-Fault-Message"),
            DateTimeOffset.TryParse(Header("MT-Fault-Timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null);
    }
}
