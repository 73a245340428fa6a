using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TalentMatch.Platform.Persistence;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Platform.Messaging;

/// <summary>
/// A message a consumer has already applied to its service's database, keyed by (bus message id,
/// consumer). It is written in the same transaction as the consumer's own changes, so a copy of
/// the message delivered again (the broker redelivers what a killed worker had not acknowledged;
/// an operator replays a dead letter; the outbox republishes after a crash) finds the key and
/// changes nothing. Rows are pruned after <see cref="ProcessedMessageOptions.Retention"/>.
/// See docs/adr/0005-effectively-once-processing.md.
/// </summary>
public sealed class ProcessedMessage
{
    public Guid MessageId { get; set; }

    /// <summary>The consumer's name: one message may be consumed by several consumers of a service.</summary>
    public required string Consumer { get; set; }

    /// <summary>Unix milliseconds: comparable in SQL on every provider (SQLite cannot compare DateTimeOffset).</summary>
    public long ProcessedAtMs { get; set; }
}

public sealed class ProcessedMessageOptions
{
    public const string Section = "TalentMatch:Messaging";

    /// <summary>
    /// How long a processed-message key is kept. Redeliveries come within minutes; a dead letter
    /// replayed later than this is applied again (which consumers also tolerate, see the ADR).
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan ProcessedMessageRetention { get; set; } = TimeSpan.FromDays(7);
}

public static class ProcessedMessages
{
    /// <summary>
    /// Maps the processed-message table into a service's model (its migrations then create it).
    /// Each service names its own table: in embedded mode all services share one SQLite file.
    /// </summary>
    public static ModelBuilder AddProcessedMessages(this ModelBuilder modelBuilder, string tableName)
    {
        var processed = modelBuilder.Entity<ProcessedMessage>().ToTable(tableName);
        processed.HasKey(m => new { m.MessageId, m.Consumer });
        processed.Property(m => m.Consumer).HasMaxLength(100);
        processed.HasIndex(m => m.ProcessedAtMs);
        return modelBuilder;
    }

    /// <summary>
    /// True when <paramref name="consumer"/> has applied this message before: the caller returns
    /// without doing anything. Otherwise the key is added to <paramref name="db"/>'s change tracker
    /// and is committed by the caller's next <c>SaveChangesAsync</c>, together with the caller's
    /// changes. If two copies run at once, the second commit violates the key and fails; the bus
    /// retries it, and the retry finds the key.
    /// </summary>
    public static async Task<bool> AlreadyProcessedAsync(this DbContext db, ConsumeContext context, string consumer, TimeProvider clock)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{consumer} received a message without a message id.");
        if (await db.Set<ProcessedMessage>().AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, context.CancellationToken))
        {
            if (context.TryGetPayload<IServiceProvider>(out var services))
            {
                ProcessedMessageLog.Skipped(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProcessedMessages)), consumer, messageId);
            }

            return true;
        }

        db.Set<ProcessedMessage>().Add(new ProcessedMessage
        {
            MessageId = messageId,
            Consumer = consumer,
            ProcessedAtMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
        });
        return false;
    }

    /// <summary>Prunes <typeparamref name="TContext"/>'s processed-message keys past their retention, hourly.</summary>
    public static IServiceCollection AddProcessedMessagePruning<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        services.AddSettings<ProcessedMessageOptions>(ProcessedMessageOptions.Section);
        services.AddHostedService<ProcessedMessagePruner<TContext>>();
        return services;
    }

    /// <summary>
    /// The id of an event a consumer publishes because of the message it consumes: a name-based
    /// UUID (RFC 9562 version 5) of the consumed message's id and the event's type. A consumer that
    /// runs twice for one message (redelivery after a crash, a replayed dead letter) therefore
    /// publishes the same event id twice, and the next consumer's processed-message key, or a
    /// webhook receiver de-duplicating on the event id, recognises the repeat.
    /// </summary>
    public static Guid FollowUpId(Guid causeId, Type eventType)
    {
        // SHA-1 over namespace ‖ name, the name being the cause id's bytes and the type's full name.
        var typeName = eventType.FullName!;
        Span<byte> input = stackalloc byte[32 + Encoding.UTF8.GetMaxByteCount(typeName.Length)];
        FollowUpNamespace.TryWriteBytes(input, bigEndian: true, out _);
        causeId.TryWriteBytes(input[16..], bigEndian: true, out _);
        var length = 32 + Encoding.UTF8.GetBytes(typeName, input[32..]);
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version 5; no security rests on it.
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input[..length], hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash[..16], bigEndian: true);
    }

    /// <summary>
    /// Publishes <paramref name="message"/> as a consequence of the consumed message, under
    /// <see cref="FollowUpId"/>. Every event a consumer publishes goes through here.
    /// </summary>
    public static Task PublishFollowUp<T>(this ConsumeContext context, T message)
        where T : class
    {
        var causeId = context.MessageId ?? throw new InvalidOperationException($"Publishing {typeof(T).Name} from a message without a message id.");
        var id = FollowUpId(causeId, message.GetType());
        return context.Publish(message, message.GetType(), Pipe.Execute<PublishContext>(publish => publish.MessageId = id), context.CancellationToken);
    }

    private static readonly Guid FollowUpNamespace = new("6f1d2b8e-3c4a-4e57-9a51-7d0c2f9e8b14");
}

internal static partial class ProcessedMessageLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "{Consumer} already processed message {MessageId}; skipped")]
    public static partial void Skipped(ILogger logger, string consumer, Guid messageId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Pruned {Count} processed-message keys older than {Retention}")]
    public static partial void Pruned(ILogger logger, int count, TimeSpan retention);
}

/// <summary>Deletes processed-message keys older than the retention, once an hour (and at start).</summary>
public sealed class ProcessedMessagePruner<TContext>(
    IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<ProcessedMessageOptions> options, TimeProvider clock,
    ILogger<ProcessedMessagePruner<TContext>> logger) : HourlyPruner(clock, logger)
    where TContext : DbContext
{
    public override async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var retention = options.Value.ProcessedMessageRetention;
        var cutoff = (Clock.GetUtcNow() - retention).ToUnixTimeMilliseconds();
        var count = await db.Set<ProcessedMessage>().Where(m => m.ProcessedAtMs < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (count > 0)
        {
            ProcessedMessageLog.Pruned(Logger, count, retention);
        }

        return count;
    }
}
