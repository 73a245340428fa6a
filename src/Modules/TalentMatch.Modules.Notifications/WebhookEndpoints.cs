using System.Buffers.Text;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TalentMatch.Modules.Notifications.Persistence;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Notifications;

/// <summary>A new webhook: where to POST, and which event types (see <see cref="WebhookEventTypes"/>).</summary>
public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events);

public sealed record WebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt);

/// <summary>The secret appears in this response only (on creation and rotation): keep it to verify signatures.</summary>
public sealed record CreatedWebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string Secret);

public sealed record WebhookListResponse(IReadOnlyList<WebhookResponse> Items);

public sealed record DeliveryResponse(
    Guid Id, Guid EventId, string EventType, DeliveryStatus Status, int Attempts, DateTimeOffset? NextAttemptAt,
    int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt);

/// <summary>A page of the delivery log, newest first; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record DeliveryPage(IReadOnlyList<DeliveryResponse> Items, string? NextCursor);

/// <summary>
/// <c>/v1/webhooks</c>: a tenant's webhook subscriptions, their delivery log, and replay. Every
/// query filters on the tenant: another tenant's webhook or delivery is a 404.
/// </summary>
internal sealed class WebhookEndpoints : IEndpointContributor
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    private const int MaxBodyBytes = 64 * 1024;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var hooks = endpoints.MapGroup("/v1/webhooks").WithTags("Webhooks").RequireScope(Scopes.Webhooks).ProducesAccessProblems();
        hooks.MapPost("/", Create).WithName("CreateWebhook").WithIdempotency(responseHoldsSecret: true)
            .WithSummary("Subscribe a URL to event types (the signing secret is returned once)")
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                // The body is read by the handler (so that bad JSON gets our problem), and described here.
                var schema = await context.GetOrCreateSchemaAsync(typeof(CreateWebhookRequest), null, cancellationToken);
                operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
                };
            })
            .Produces<CreatedWebhookResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        hooks.MapGet("/", List).WithName("ListWebhooks").WithSummary("List the tenant's webhooks (without secrets)");
        hooks.MapGet("/{id:guid}", Get).WithName("GetWebhook").WithSummary("Get a webhook (without its secret)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        hooks.MapDelete("/{id:guid}", Delete).WithName("DeleteWebhook")
            .WithSummary("Delete a webhook: nothing more is sent to it, pending deliveries fail")
            .ProducesProblem(StatusCodes.Status404NotFound);
        hooks.MapPost("/{id:guid}/rotate-secret", RotateSecret).WithName("RotateWebhookSecret").WithIdempotency(responseHoldsSecret: true)
            .WithSummary("Replace a webhook's signing secret (the new one is returned once; the old one stops at once)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        hooks.MapGet("/{id:guid}/deliveries", Deliveries).WithName("ListWebhookDeliveries")
            .WithSummary("The webhook's delivery log, newest first, a page at a time")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        hooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/replay", Replay).WithName("ReplayWebhookDelivery").WithIdempotency()
            .WithSummary("Send a delivery again (same event id and body, fresh attempts)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Created<CreatedWebhookResponse>, ProblemHttpResult>> Create(
        HttpRequest request, Tenant tenant, NotificationsDbContext db, IOptions<NotificationsOptions> options,
        WebhookSecrets secrets, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return Problem(StatusCodes.Status400BadRequest, "malformed-json", "The request body is not valid JSON", $"The body is larger than {MaxBodyBytes} bytes.");
        }

        CreateWebhookRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<CreateWebhookRequest>(request.Body, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "malformed-json", "The request body is not valid JSON", e.Message);
        }

        if (body?.Url is not { } url || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || url.Length > NotificationsDbContext.MaxUrlLength
            || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return Problem(StatusCodes.Status400BadRequest, "invalid-webhook-url", "The webhook URL is not valid",
                $"'url' must be an absolute http or https URL of at most {NotificationsDbContext.MaxUrlLength} characters, without credentials or fragment.");
        }

        var events = (body.Events ?? []).Distinct(StringComparer.Ordinal).ToList();
        var unknown = events.Where(e => !WebhookEventTypes.IsKnown(e)).ToList();
        if (events.Count == 0 || unknown.Count > 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "invalid-event-types", "The event types are not valid",
                $"'events' must list one or more of: {string.Join(", ", WebhookEventTypes.All)}."
                + (unknown.Count > 0 ? $" Unknown: {string.Join(", ", unknown)}." : ""));
        }

        try
        {
            await WebhookTargets.ResolveAllowedAsync(uri.IdnHost, options.Value.AllowPrivateTargets, cancellationToken);
        }
        catch (WebhookTargetForbiddenException e)
        {
            return TargetForbidden(e.Message);
        }
        catch (SocketException)
        {
            return Problem(StatusCodes.Status400BadRequest, "invalid-webhook-url", "The webhook URL is not valid",
                $"The host '{uri.Host}' does not resolve.");
        }

        var count = await db.Subscriptions.CountAsync(s => s.TenantId == tenant.Id && s.Active, cancellationToken);
        if (count >= options.Value.MaxSubscriptionsPerTenant)
        {
            return Problem(StatusCodes.Status409Conflict, "too-many-webhooks", "Too many webhooks",
                $"A tenant has at most {options.Value.MaxSubscriptionsPerTenant} webhooks: delete one first.");
        }

        var now = clock.GetUtcNow();
        var secret = WebhookSignature.NewSecret();
        var subscription = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenant.Id,
            Url = uri.AbsoluteUri,
            EventTypes = string.Join(',', events),
            Secret = secrets.Protect(secret),
            CreatedAt = now,
        };
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/v1/webhooks/{subscription.Id}", Created(subscription, secret));
    }

    private static async Task<Ok<WebhookListResponse>> List(Tenant tenant, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Where(s => s.TenantId == tenant.Id && s.Active)
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new WebhookListResponse([.. subscriptions.Select(ToResponse)]));
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Get(
        Guid id, Tenant tenant, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(db, tenant, id, cancellationToken);
        return subscription is null ? NotFound("webhook", id) : TypedResults.Ok(ToResponse(subscription));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, Tenant tenant, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(db, tenant, id, cancellationToken);
        if (subscription is null)
        {
            return NotFound("webhook", id);
        }

        subscription.Active = false;
        subscription.Secret = "";
        await db.SaveChangesAsync(cancellationToken);
        await db.Deliveries.Where(d => d.SubscriptionId == id && d.TenantId == tenant.Id && d.Status == DeliveryStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Failed)
                .SetProperty(d => d.LastError, DeliveryErrors.WebhookDeleted), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<CreatedWebhookResponse>, ProblemHttpResult>> RotateSecret(
        Guid id, Tenant tenant, NotificationsDbContext db, WebhookSecrets secrets, CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(db, tenant, id, cancellationToken);
        if (subscription is null)
        {
            return NotFound("webhook", id);
        }

        var secret = WebhookSignature.NewSecret();
        subscription.Secret = secrets.Protect(secret);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Created(subscription, secret));
    }

    private static async Task<Results<Ok<DeliveryPage>, ProblemHttpResult>> Deliveries(
        Guid id, int? limit, string? cursor, Tenant tenant, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Problem(StatusCodes.Status400BadRequest, "invalid-limit", "The page size is not valid", $"'limit' must be between 1 and {MaxLimit}.");
        }

        if (!TryDecodeCursor(cursor, out var before))
        {
            return Problem(StatusCodes.Status400BadRequest, "invalid-cursor", "The cursor is not valid", "Pass back the 'nextCursor' of the previous page unchanged.");
        }

        if (await FindAsync(db, tenant, id, cancellationToken) is null)
        {
            return NotFound("webhook", id);
        }

        var size = limit ?? DefaultLimit;
        var query = db.Deliveries.AsNoTracking().Where(d => d.TenantId == tenant.Id && d.SubscriptionId == id);
        if (before is Guid last)
        {
            query = query.Where(d => d.Id.CompareTo(last) < 0);
        }

        var rows = await query.OrderByDescending(d => d.Id).Take(size + 1).ToListAsync(cancellationToken);
        var next = rows.Count > size ? Base64Url.EncodeToString(rows[size - 1].Id.ToByteArray(bigEndian: true)) : null;
        return TypedResults.Ok(new DeliveryPage([.. rows.Take(size).Select(ToResponse)], next));
    }

    private static async Task<Results<Accepted<DeliveryResponse>, ProblemHttpResult>> Replay(
        Guid id, Guid deliveryId, Tenant tenant, NotificationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, tenant, id, cancellationToken) is null)
        {
            return NotFound("webhook", id);
        }

        var delivery = await db.Deliveries.SingleOrDefaultAsync(
            d => d.Id == deliveryId && d.SubscriptionId == id && d.TenantId == tenant.Id, cancellationToken);
        if (delivery is null)
        {
            return NotFound("delivery", deliveryId);
        }

        if (delivery.Status == DeliveryStatus.Pending)
        {
            return Problem(StatusCodes.Status409Conflict, "delivery-pending", "The delivery is still pending",
                "A pending delivery is already queued (see 'nextAttemptAt'); replay it once it has succeeded or failed.");
        }

        delivery.Status = DeliveryStatus.Pending;
        delivery.Attempts = 0;
        delivery.DueAtUnixMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/v1/webhooks/{id}/deliveries", ToResponse(delivery));
    }

    private static Task<WebhookSubscription?> FindAsync(NotificationsDbContext db, Tenant tenant, Guid id, CancellationToken cancellationToken) =>
        db.Subscriptions.SingleOrDefaultAsync(s => s.Id == id && s.TenantId == tenant.Id && s.Active, cancellationToken);

    private static bool TryDecodeCursor(string? cursor, out Guid? before)
    {
        before = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (cursor.Length != 22 || !Base64Url.IsValid(cursor) || Base64Url.DecodeFromChars(cursor, bytes) != 16)
        {
            return false;
        }

        before = new Guid(bytes, bigEndian: true);
        return true;
    }

    private static WebhookResponse ToResponse(WebhookSubscription s) => new(s.Id, s.Url, s.EventTypeList, s.CreatedAt);

    /// <summary>The one response with the secret: the plaintext, as issued (the row holds it protected).</summary>
    private static CreatedWebhookResponse Created(WebhookSubscription s, string secret) => new(s.Id, s.Url, s.EventTypeList, s.CreatedAt, secret);

    private static DeliveryResponse ToResponse(WebhookDelivery d) => new(
        d.Id, d.EventId, d.EventType, d.Status, d.Attempts,
        d.Status == DeliveryStatus.Pending ? DateTimeOffset.FromUnixTimeMilliseconds(d.DueAtUnixMs) : null,
        d.LastStatusCode, d.LastError, d.CreatedAt, d.LastAttemptAt, d.DeliveredAt);

    private static ProblemHttpResult TargetForbidden(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "webhook-target-forbidden", "The webhook target is not allowed",
            detail + " Webhooks go to public addresses only.");

    private static ProblemHttpResult NotFound(string what, Guid id) =>
        Problem(StatusCodes.Status404NotFound, "not-found", "Not found", $"No {what} with id {id}.");

    private static ProblemHttpResult Problem(int status, string code, string title, string detail) =>
        TypedResults.Problem(statusCode: status, type: $"urn:talentmatch:problem:{code}", title: title, detail: detail);
}
