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
    public const string CandidatesMerged = "candidates.merged";
    public const string CandidatesUnmerged = "candidates.unmerged";
    public const string SearchMatched = "search.matched";

    public static readonly IReadOnlyList<string> All =
        [CandidateIndexed, JobIndexed, DocumentRejected, CandidatesMatched, RolesMatched, CandidatesMerged, CandidatesUnmerged, SearchMatched];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}

/// <summary>The body of every delivery; <c>data</c> is the event as published on the bus, in camelCase.</summary>
public sealed record WebhookEnvelope(Guid Id, string Type, DateTimeOffset CreatedAt, string TenantId, JsonElement Data);

/// <summary>
/// Turns each public event into one pending delivery per active subscription of the event's own
/// tenant that asked for its type. Status events come from the api's announcements, sent after the
/// status is committed (docs/adr/0011), never from the internal pipeline events. Idempotent: the bus message id is the event id, and
/// (event id, subscription) is unique, so a redelivered message adds nothing.
/// </summary>
public sealed class WebhookEventConsumer(NotificationsDbContext db, TimeProvider clock) :
    IConsumer<CandidateIndexedAnnounced>, IConsumer<JobIndexedAnnounced>, IConsumer<DocumentRejectedAnnounced>,
    IConsumer<CandidatesMatchedToJob>, IConsumer<RolesMatchedToCandidate>, IConsumer<CandidatesMerged>, IConsumer<CandidatesMergeUndone>, IConsumer<SavedSearchesMatched>
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task Consume(ConsumeContext<CandidateIndexedAnnounced> context)
    {
        var m = context.Message;
        if (!await IsErasedAsync(m.TenantId, [m.CandidateId], context.CancellationToken))
        {
            await RecordAsync(context, m, WebhookEventTypes.CandidateIndexed, m.TenantId, m.IndexedAt);
        }
    }

    public async Task Consume(ConsumeContext<JobIndexedAnnounced> context)
    {
        var m = context.Message;
        if (!await IsErasedAsync(m.TenantId, [m.JobId], context.CancellationToken))
        {
            await RecordAsync(context, m, WebhookEventTypes.JobIndexed, m.TenantId, m.IndexedAt);
        }
    }

    public async Task Consume(ConsumeContext<DocumentRejectedAnnounced> context)
    {
        var m = context.Message;
        if (!await IsErasedAsync(m.TenantId, [m.DocumentId], context.CancellationToken))
        {
            await RecordAsync(context, m, WebhookEventTypes.DocumentRejected, m.TenantId, null);
        }
    }

    /// <summary>Announced without the candidates erased since matching found them; not at all for an erased job.</summary>
    public async Task Consume(ConsumeContext<CandidatesMatchedToJob> context)
    {
        var m = context.Message;
        var erased = await ErasedAmongAsync(m.TenantId, [m.JobId, .. m.Matches.Select(c => c.CandidateId)], context.CancellationToken);
        var matches = m.Matches.Where(c => !erased.Contains(c.CandidateId)).ToList();
        if (!erased.Contains(m.JobId) && matches.Count > 0)
        {
            await RecordAsync(context, erased.Count == 0 ? m : m with { Matches = matches }, WebhookEventTypes.CandidatesMatched, m.TenantId, m.MatchedAt);
        }
    }

    /// <summary>Announced without the roles erased since matching found them; not at all for an erased candidate.</summary>
    public async Task Consume(ConsumeContext<RolesMatchedToCandidate> context)
    {
        var m = context.Message;
        var erased = await ErasedAmongAsync(m.TenantId, [m.CandidateId, .. m.Roles.Select(r => r.JobId)], context.CancellationToken);
        var roles = m.Roles.Where(r => !erased.Contains(r.JobId)).ToList();
        if (!erased.Contains(m.CandidateId) && roles.Count > 0)
        {
            await RecordAsync(context, erased.Count == 0 ? m : m with { Roles = roles }, WebhookEventTypes.RolesMatched, m.TenantId, m.MatchedAt);
        }
    }

    /// <summary>Not announced once the person is erased (erasure takes every version).</summary>
    public async Task Consume(ConsumeContext<CandidatesMerged> context)
    {
        var m = context.Message;
        if (!await IsErasedAsync(m.TenantId, [m.CandidateId], context.CancellationToken))
        {
            await RecordAsync(context, m, WebhookEventTypes.CandidatesMerged, m.TenantId, m.MergedAt);
        }
    }

    public async Task Consume(ConsumeContext<CandidatesMergeUndone> context)
    {
        var m = context.Message;
        if (!await IsErasedAsync(m.TenantId, [m.CandidateId], context.CancellationToken))
        {
            await RecordAsync(context, m, WebhookEventTypes.CandidatesUnmerged, m.TenantId, m.UndoneAt);
        }
    }

    /// <summary>Not announced once the candidate is erased (the saved searches' alerts went with it).</summary>
    public async Task Consume(ConsumeContext<SavedSearchesMatched> context)
    {
        var m = context.Message;
        if (!await IsErasedAsync(m.TenantId, [m.CandidateId], context.CancellationToken))
        {
            await RecordAsync(context, m, WebhookEventTypes.SearchMatched, m.TenantId, m.MatchedAt);
        }
    }

    private async Task<bool> IsErasedAsync(string tenantId, List<Guid> ids, CancellationToken cancellationToken) =>
        (await ErasedAmongAsync(tenantId, ids, cancellationToken)).Count > 0;

    /// <summary>Which of these documents of the tenant were erased (an erasure may overtake the pipeline's events).</summary>
    private async Task<HashSet<Guid>> ErasedAmongAsync(string tenantId, List<Guid> ids, CancellationToken cancellationToken) =>
        [.. await db.ErasedDocuments.AsNoTracking()
            .Where(e => e.TenantId == tenantId && ids.Contains(e.DocumentId))
            .Select(e => e.DocumentId)
            .ToListAsync(cancellationToken)];

    private async Task RecordAsync<T>(ConsumeContext<T> context, T message, string type, string tenantId, DateTimeOffset? occurredAt)
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
            JsonSerializer.SerializeToElement(message, Json));
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
