using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TalentMatch.Contracts;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Platform.Messaging;

/// <summary>
/// An event written in the same transaction as the state change that causes it, published later
/// by <see cref="OutboxDispatcher{TContext}"/>. If the process dies between the commit and the
/// publish, the row is still there and the next dispatcher run publishes it: nothing is lost
/// (consumers are idempotent, so a publish repeated after a crash does no harm).
/// </summary>
/// <remarks>
/// The payload also carries the W3C trace context of the code that wrote the row (the HTTP request),
/// as the members <c>_traceparent</c> and <c>_tracestate</c>, so that the publish continues that
/// trace instead of starting a new one. Contracts ignore members they do not have.
/// </remarks>
public sealed class OutboxMessage
{
    internal const string TraceParentMember = "_traceparent";
    internal const string TraceStateMember = "_tracestate";

    public Guid Id { get; set; }

    /// <summary>The contract's type name (TalentMatch.Contracts only).</summary>
    public required string MessageType { get; set; }

    public required string Payload { get; set; }

    /// <summary>Unix milliseconds: comparable in SQL on every provider (SQLite cannot compare DateTimeOffset).</summary>
    public long CreatedAtMs { get; set; }

    /// <summary>Until when one dispatcher owns the row; lets several instances share the table.</summary>
    public long? ClaimedUntilMs { get; set; }

    /// <summary>Kept for rows written by earlier versions, which marked rows sent instead of deleting them.</summary>
    public long? SentAtMs { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public static OutboxMessage For(object message, TimeProvider clock)
    {
        var payload = JsonSerializer.SerializeToNode(message, message.GetType(), JsonSerializerOptions.Web)!.AsObject();
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
        {
            payload[TraceParentMember] = activity.Id;
            if (activity.TraceStateString is { } state)
            {
                payload[TraceStateMember] = state;
            }
        }

        return new OutboxMessage
        {
            Id = NewId.NextGuid(),
            MessageType = message.GetType().FullName!,
            Payload = payload.ToJsonString(JsonSerializerOptions.Web),
            CreatedAtMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
        };
    }

    /// <summary>The contract object, and the trace context it was written in (default when none).</summary>
    internal (object Message, ActivityContext Trace) Read()
    {
        var type = typeof(ResumeSubmitted).Assembly.GetType(MessageType)
            ?? throw new InvalidOperationException($"Unknown contract type {MessageType}");
        var payload = JsonNode.Parse(Payload)!.AsObject();
        ActivityContext.TryParse(
            payload[TraceParentMember]?.GetValue<string>(), payload[TraceStateMember]?.GetValue<string>(), isRemote: true, out var trace);
        return (payload.Deserialize(type, JsonSerializerOptions.Web)!, trace);
    }
}

/// <summary>Wakes the dispatcher right after a commit, so an event does not wait for the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _channel.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _channel.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed: look anyway (rows left by a crash, or by another instance).
        }
    }
}

public static class OutboxExtensions
{
    /// <summary>Maps the outbox table into a service's model (its migrations then create it).</summary>
    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder)
    {
        var outbox = modelBuilder.Entity<OutboxMessage>().ToTable("Outbox");
        outbox.HasKey(m => m.Id);
        outbox.Property(m => m.Id).ValueGeneratedNever();
        outbox.Property(m => m.MessageType).HasMaxLength(200);
        outbox.Property(m => m.LastError).HasMaxLength(1000);
        outbox.HasIndex(m => new { m.SentAtMs, m.CreatedAtMs });
        return modelBuilder;
    }

    /// <summary>Runs a dispatcher for <typeparamref name="TContext"/>'s outbox in this process.</summary>
    public static IServiceCollection AddOutboxDispatcher<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        services.AddSingleton<OutboxSignal>();
        services.AddHostedService<OutboxDispatcher<TContext>>();
        services.AddSingleton<IOutboxBacklog, OutboxBacklog<TContext>>();
        return services;
    }
}

/// <summary>
/// Publishes committed outbox rows in order of creation and deletes each once sent. Several instances
/// may run: each claims its batch (a conditional update) before publishing it. The bus message id is
/// the row id, so downstream de-duplication can recognise a repeat.
/// </summary>
/// <remarks>
/// The database is asked four times a batch (find, claim, read the claim, delete the sent rows), not
/// three times a row: under load every round trip costs, and the fault scenario's 1,000 status
/// announcements took longer to leave row by row (about 1.6 a second on CI's loaded 2 cores) than
/// the whole pipeline took to index them. Rows are still published one at a time, in order.
/// </remarks>
public sealed class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes, OutboxSignal signal, TimeProvider clock, ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private const int Batch = 100;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ClaimFor = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ForgetSentAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchBatchAsync(stoppingToken) == Batch)
                {
                    // A full batch: there may be more.
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database or the broker is away: keep the rows, try again on the next poll. A
                // cancellation that is not ours (the bus cancels a publish when its connection
                // drops) lands here too: letting it out would end the dispatcher for good, silently.
                logger.LogWarning(e, "Outbox dispatch failed; will retry");
            }

            await signal.WaitAsync(PollInterval, stoppingToken);
        }
    }

    /// <summary>
    /// Rows that an earlier version marked sent and kept, with their payloads: deleted once at start
    /// (this version deletes each row as it publishes it).
    /// </summary>
    private async Task ForgetSentAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TContext>().Set<OutboxMessage>()
                .Where(m => m.SentAtMs != null).ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Sent outbox rows could not be deleted; the next start tries again");
        }
    }

    /// <summary>Publishes one batch of due rows; returns how many were due.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var bus = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        var rows = db.Set<OutboxMessage>();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var due = await rows.Where(m => m.SentAtMs == null && (m.ClaimedUntilMs == null || m.ClaimedUntilMs < now))
            .OrderBy(m => m.CreatedAtMs).Take(Batch).Select(m => m.Id).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        // The claim's expiry carries a random sub-second offset, so it also names this claim: rows
        // that another instance claimed first keep its value and are not read back. (Two claims in
        // the same millisecond with the same offset would publish a row twice, which consumers
        // recognise by its message id.)
        var claim = now + (long)ClaimFor.TotalMilliseconds + Random.Shared.Next(1000);
        await rows.Where(m => due.Contains(m.Id) && m.SentAtMs == null && (m.ClaimedUntilMs == null || m.ClaimedUntilMs < now))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedUntilMs, claim), cancellationToken);
        var claimed = await rows.AsNoTracking().Where(m => due.Contains(m.Id) && m.ClaimedUntilMs == claim)
            .OrderBy(m => m.CreatedAtMs).ToListAsync(cancellationToken);

        var sent = new List<Guid>(claimed.Count);
        try
        {
            foreach (var message in claimed)
            {
                try
                {
                    await PublishAsync(bus, message, now, cancellationToken);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    await rows.Where(m => m.Id == message.Id)
                        .ExecuteUpdateAsync(set => set
                            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                            .SetProperty(m => m.LastError, e.Message.Length > 1000 ? e.Message[..1000] : e.Message), CancellationToken.None);
                    throw;
                }

                sent.Add(message.Id);
            }
        }
        finally
        {
            // Sent rows go: a payload is a copy of personal data (a resume's text, a file name) that
            // erasure could otherwise never reach (docs/privacy.md). The rest of the claim is given
            // back, so the next pass retries it at once rather than when the claim runs out.
            if (sent.Count > 0)
            {
                await rows.Where(m => sent.Contains(m.Id)).ExecuteDeleteAsync(CancellationToken.None);
            }

            if (sent.Count < claimed.Count)
            {
                await rows.Where(m => due.Contains(m.Id) && m.ClaimedUntilMs == claim)
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedUntilMs, (long?)null), CancellationToken.None);
            }
        }

        return due.Count;
    }

    private static async Task PublishAsync(IPublishEndpoint bus, OutboxMessage message, long now, CancellationToken cancellationToken)
    {
        var (payload, trace) = message.Read();
        // A child of the request that wrote the row: MassTransit's publish span, and the
        // consumers in other processes after it, join the request's trace.
        using var activity = TalentMatchMetrics.Source.StartActivity("outbox dispatch", ActivityKind.Internal, trace);
        activity?.SetTag("messaging.message.id", message.Id.ToString());
        activity?.SetTag("talentmatch.message_type", payload.GetType().Name);
        activity?.SetTag("talentmatch.outbox.wait_ms", now - message.CreatedAtMs);
        // Bounded: a publish that was waiting for its confirm when the broker went can wait for
        // ever (RabbitMQ.Client 7.2, rabbitmq-dotnet-client#1930), and MassTransit does not pass
        // this token down to that wait, so a cancelled token alone does not end it. WaitAsync
        // stops waiting; the row is retried on a new channel, and the abandoned publish, if it did
        // reach the broker, is a repeat that consumers recognise by its id.
        try
        {
            await bus.Publish(payload, payload.GetType(), Pipe.Execute<PublishContext>(context => context.MessageId = message.Id), cancellationToken)
                .WaitAsync(PublishTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Publishing outbox row {message.Id} took longer than {PublishTimeout}.");
        }
    }
}

/// <summary>
/// Counts the unsent rows (the index on SentAtMs, CreatedAtMs serves both queries). Called from
/// metric collection, which is synchronous; a sample is reused for a few seconds because each
/// collection asks once per instrument.
/// </summary>
internal sealed class OutboxBacklog<TContext>(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OutboxBacklog<TContext>> logger)
    : IOutboxBacklog
    where TContext : DbContext
{
    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private (DateTimeOffset At, OutboxBacklogSample? Sample)? _last;

    public string Name => typeof(TContext).Name;

    public OutboxBacklogSample? Measure()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_last is { } last && now - last.At < Reuse)
            {
                return last.Sample;
            }

            _last = (now, Query(now));
            return _last.Value.Sample;
        }
    }

    private OutboxBacklogSample? Query(DateTimeOffset now)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var unsent = scope.ServiceProvider.GetRequiredService<TContext>().Set<OutboxMessage>().Where(m => m.SentAtMs == null);
            var pending = unsent.LongCount();
            var oldest = unsent.Min(m => (long?)m.CreatedAtMs);
            return new OutboxBacklogSample(pending, oldest is null ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Max(0, now.ToUnixTimeMilliseconds() - oldest.Value)));
        }
        catch (Exception e)
        {
            // The database is away: report nothing rather than a misleading zero (readiness says why).
            logger.LogDebug(e, "Outbox backlog of {Context} could not be measured", Name);
            return null;
        }
    }
}
