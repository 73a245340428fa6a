using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalentMatch.Modules.Notifications.Persistence;

namespace TalentMatch.Modules.Notifications;

/// <summary>
/// Sends due deliveries: POSTs the stored body, signed, and records the outcome. A 2xx answer
/// succeeds; anything else (another status, a timeout, a refused or forbidden target) is retried
/// after the configured back-off until <see cref="NotificationsOptions.MaxAttempts"/>, then the
/// delivery is failed (a manual replay queues it again). Redirects are not followed. The log keeps
/// the status code and its standard reason phrase, or a transport category (<see cref="DeliveryErrors"/>):
/// never the answer's body, which is not even read.
/// </summary>
public sealed partial class DeliveryWorker(
    IServiceScopeFactory scopes, IHttpClientFactory clients, IOptions<NotificationsOptions> options,
    WebhookSecrets secrets, TimeProvider clock, ILogger<DeliveryWorker> logger) : BackgroundService
{
    public const string HttpClientName = "TalentMatch.Webhooks";
    public const string EventIdHeader = "TalentMatch-Event-Id";
    public const string EventTypeHeader = "TalentMatch-Event-Type";
    public const string TimestampHeader = "TalentMatch-Timestamp";
    public const string SignatureHeader = "TalentMatch-Signature";
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker must outlive a database hiccup; it tries again next round.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogRoundFailed(logger, e);
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends every delivery due now, a few at a time.</summary>
    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
            due = await db.Deliveries.AsNoTracking()
                .Where(d => d.Status == DeliveryStatus.Pending && d.DueAtUnixMs <= nowMs)
                .OrderBy(d => d.DueAtUnixMs)
                .Select(d => d.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        await Parallel.ForEachAsync(due,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.MaxConcurrentDeliveries), CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                await DeliverAsync(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>(), id, ct);
            });
    }

    private async Task DeliverAsync(NotificationsDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();

        // Claim it: only the worker whose update moves the due time forward sends it, so several
        // instances never send one delivery twice at once. The claim outlasts the request timeout.
        var delivery = await db.Deliveries.SingleOrDefaultAsync(d => d.Id == id && d.Status == DeliveryStatus.Pending, cancellationToken);
        if (delivery is null || delivery.DueAtUnixMs > now.ToUnixTimeMilliseconds())
        {
            return;
        }

        var observedDue = delivery.DueAtUnixMs;
        var claimedUntil = now.Add(settings.RequestTimeout * 2 + TimeSpan.FromSeconds(5)).ToUnixTimeMilliseconds();
        var claimed = await db.Deliveries
            .Where(d => d.Id == id && d.Status == DeliveryStatus.Pending && d.DueAtUnixMs == observedDue)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.DueAtUnixMs, claimedUntil), cancellationToken);
        if (claimed == 0)
        {
            return;
        }

        delivery.DueAtUnixMs = claimedUntil;
        var subscription = await db.Subscriptions.AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == delivery.SubscriptionId && s.TenantId == delivery.TenantId, cancellationToken);
        if (subscription is not { Active: true })
        {
            delivery.Status = DeliveryStatus.Failed;
            delivery.LastError = DeliveryErrors.WebhookDeleted;
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var secret = await ReadSecretAsync(db, subscription, cancellationToken);
        var (statusCode, error) = secret is null
            ? (null, DeliveryErrors.SecretUnavailable)
            : await SendAsync(subscription, secret, delivery, cancellationToken);
        var finished = clock.GetUtcNow();
        delivery.Attempts++;
        delivery.LastAttemptAt = finished;
        delivery.LastStatusCode = statusCode;
        delivery.LastError = error is null ? null : Truncate(error, NotificationsDbContext.MaxErrorLength);
        if (error is null)
        {
            delivery.Status = DeliveryStatus.Succeeded;
            delivery.DeliveredAt = finished;
        }
        else if (delivery.Attempts >= settings.MaxAttempts)
        {
            delivery.Status = DeliveryStatus.Failed;
        }
        else
        {
            delivery.DueAtUnixMs = finished.Add(settings.DelayAfter(delivery.Attempts)).ToUnixTimeMilliseconds();
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The signing secret, unprotected; null when the key ring no longer has its key (logged: the
    /// attempt fails and is retried, since restoring the key ring brings it back). A legacy
    /// plaintext secret (see <see cref="WebhookSecrets"/>) is stored protected now, unless a
    /// rotation replaced it meanwhile.
    /// </summary>
    private async Task<string?> ReadSecretAsync(NotificationsDbContext db, WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        string secret;
        try
        {
            secret = secrets.Unprotect(subscription.Secret);
        }
        catch (CryptographicException e)
        {
            LogSecretUnreadable(logger, subscription.Id, e);
            return null;
        }

        if (WebhookSecrets.IsLegacyPlaintext(subscription.Secret))
        {
            var stored = subscription.Secret;
            await db.Subscriptions
                .Where(s => s.Id == subscription.Id && s.Secret == stored)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.Secret, secrets.Protect(secret)), cancellationToken);
        }

        return secret;
    }

    /// <summary>One POST: the status code (when an answer came) and the error (null on 2xx).</summary>
    private async Task<(int? StatusCode, string? Error)> SendAsync(
        WebhookSubscription subscription, string secret, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(EventIdHeader, delivery.EventId.ToString());
        request.Headers.Add(EventTypeHeader, delivery.EventType);
        request.Headers.Add(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("TalentMatch-Webhooks", "1"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.RequestTimeout);
        try
        {
            using var client = clients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return (status, response.IsSuccessStatusCode ? null : DeliveryErrors.ForStatus(status));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, DeliveryErrors.Timeout);
        }
        catch (HttpRequestException e)
        {
            return (null, DeliveryErrors.ForException(e));
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Error, Message = "The signing secret of webhook {WebhookId} cannot be decrypted: its Data Protection key is not in the key ring (TalentMatch:DataProtection:KeyDirectory)")]
    private static partial void LogSecretUnreadable(ILogger logger, Guid webhookId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery round failed; trying again next round")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
