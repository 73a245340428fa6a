using System.Net;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TalentMatch.Modules.Notifications.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Persistence;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Notifications;

public static class NotificationsModule
{
    /// <summary>
    /// The notifications service: webhook subscriptions per tenant, a delivery per event and
    /// subscription, and the worker that sends them signed, with retries and the SSRF guard.
    /// Signing secrets are stored encrypted with Data Protection (<see cref="WebhookSecrets"/>).
    /// </summary>
    public static IHostApplicationBuilder AddNotificationsService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<NotificationsOptions>(NotificationsOptions.Section);
        builder.AddTalentMatchDbContext<NotificationsDbContext, SqliteNotificationsDbContext, SqlServerNotificationsDbContext, PostgreSqlNotificationsDbContext>();
        builder.Services.AddProcessedMessagePruning<NotificationsDbContext>();
        builder.AddTalentMatchDataProtection();
        builder.Services.AddSingleton<WebhookSecrets>();
        builder.Services.AddHttpClient(DeliveryWorker.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(services =>
            {
                var allowPrivate = services.GetRequiredService<IOptions<NotificationsOptions>>().Value.AllowPrivateTargets;
                return new SocketsHttpHandler
                {
                    // A redirect could point anywhere (the guard would not see it), and a proxy
                    // would make the connected address the proxy's: neither is used.
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    UseCookies = false,
                    AutomaticDecompression = DecompressionMethods.None,
                    ConnectTimeout = TimeSpan.FromSeconds(10),
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectCallback = (context, cancellationToken) =>
                        WebhookTargets.ConnectAsync(context.DnsEndPoint, allowPrivate, cancellationToken),
                };
            })
            .RemoveAllLoggers(); // the delivery log records every attempt; no log line per request
        builder.Services.AddHostedService<DeliveryWorker>();
        builder.Services.AddHostedService<DeliveryLogPruner>();
        builder.Services.AddEndpoints<WebhookEndpoints>();
        builder.Services.AddOpenApiExample<CreateWebhookRequest>(
            """{"url": "https://ats.example.com/hooks/talentmatch", "events": ["candidates.matched", "roles.matched"]}""");
        builder.Services.AddBusConsumers(bus =>
        {
            bus.AddConsumer<WebhookEventConsumer>();
            bus.AddConsumer<ErasureConsumer>();
        });
        return builder;
    }
}
