using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Contracts;
using TalentMatch.Modules.Notifications.Persistence;
using TalentMatch.Platform.Messaging;

namespace TalentMatch.Modules.Notifications;

/// <summary>The public events a webhook can subscribe to, by their webhook names.</summary>
public static class WebhookEventTypes
{
    public const string CandidateIndexed = "candidate.indexed";
    public const string JobIndexed = "job.indexed";
    public const string DocumentRejected = "document.rejected";
    public const string CandidatesMatched = "candidates.matched";
    public const string RolesMatched = "roles.matched";

    public static readonly IReadOnlyList<string> All = [CandidateIndexed, JobIndexed, DocumentRejected, CandidatesMatched, RolesMatched];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}

/// <summary>The body of every delivery; <c>data</c> is the event as published on the bus, in camelCase.</summary>
public sealed record WebhookEnvelope(Guid Id, string Type, DateTimeOffset CreatedAt, string TenantId, JsonElement Data);

/// <summary>
/// Turns each public event into one pending delivery per active subscription of the event's own
/// tenant that asked for its type. Idempotent: the bus message id is the event id, and
/// (event id, subscription) is unique, so a redelivered message adds nothing.
/// </summary>
public sealed class WebhookEventConsumer(NotificationsDbContext db, TimeProvider clock) :
    IConsumer<CandidateIndexed>, IConsumer<JobIndexed>, IConsumer<DocumentRejected>,
    IConsumer<CandidatesMatchedToJob>, IConsumer<RolesMatchedToCandidate>
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public Task Consume(ConsumeContext<CandidateIndexed> context) =>
        RecordAsync(context, WebhookEventTypes.CandidateIndexed, context.Message.TenantId, context.Message.IndexedAt);

    public Task Consume(ConsumeContext<JobIndexed> context) =>
        RecordAsync(context, WebhookEventTypes.JobIndexed, context.Message.TenantId, context.Message.IndexedAt);

    public Task Consume(ConsumeContext<DocumentRejected> context) =>
        RecordAsync(context, WebhookEventTypes.DocumentRejected, context.Message.TenantId, null);

    public Task Consume(ConsumeContext<CandidatesMatchedToJob> context) =>
        RecordAsync(context, WebhookEventTypes.CandidatesMatched, context.Message.TenantId, context.Message.MatchedAt);

    public Task Consume(ConsumeContext<RolesMatchedToCandidate> context) =>
        RecordAsync(context, WebhookEventTypes.RolesMatched, context.Message.TenantId, context.Message.MatchedAt);

    private async Task RecordAsync<T>(ConsumeContext<T> context, string type, string tenantId, DateTimeOffset? occurredAt)
        where T : class
    {
        var subscriptions = (await db.Subscriptions.AsNoTracking()
                .Where(s => s.TenantId == tenantId && s.Active)
                .ToListAsync(context.CancellationToken))
            .Where(s => s.EventTypeList.Contains(type, StringComparer.Ordinal))
            .ToList();
        if (subscriptions.Count == 0)
        {
            return;
        }

        if (await db.AlreadyProcessedAsync(context, nameof(WebhookEventConsumer), clock))
        {
            return;
        }

        // Every bus message has an id; it is what the receiver de-duplicates on.
        var eventId = context.MessageId ?? throw new InvalidOperationException($"A {type} event arrived without a message id.");
        var now = clock.GetUtcNow();
        var envelope = new WebhookEnvelope(eventId, type, occurredAt ?? context.SentTime ?? now, tenantId,
            JsonSerializer.SerializeToElement(context.Message, Json));
        var payload = JsonSerializer.Serialize(envelope, Json);

        var ids = subscriptions.Select(s => s.Id).ToList();
        var existing = await db.Deliveries.Where(d => d.EventId == eventId && ids.Contains(d.SubscriptionId))
            .Select(d => d.SubscriptionId).ToListAsync(context.CancellationToken);
        foreach (var subscription in subscriptions.Where(s => !existing.Contains(s.Id)))
        {
            db.Deliveries.Add(new WebhookDelivery
            {
                Id = Guid.CreateVersion7(now),
                TenantId = tenantId,
                SubscriptionId = subscription.Id,
                EventId = eventId,
                EventType = type,
                Payload = payload,
                Status = DeliveryStatus.Pending,
                DueAtUnixMs = now.ToUnixTimeMilliseconds(),
                CreatedAt = now,
            });
        }

        // Two copies of the message at once: the unique (event, subscription) index refuses the
        // second save, the bus retries it, and the retry finds the deliveries recorded.
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
