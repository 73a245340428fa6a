using System.ComponentModel.DataAnnotations;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using TalentMatch.Contracts;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Platform.Messaging;

public enum MessageTransport
{
    /// <summary>MassTransit's in-memory transport: one process, no broker (embedded mode).</summary>
    InMemory,

    /// <summary>RabbitMQ: modules in separate processes share queues (distributed mode).</summary>
    RabbitMq,
}

public sealed class MessagingOptions
{
    public const string Section = "TalentMatch:Messaging";

    public MessageTransport Transport { get; set; } = MessageTransport.InMemory;

    /// <summary>AMQP URL with credentials and virtual host, e.g. <c>amqp://guest:guest@localhost:5672/</c>.</summary>
    public string RabbitMqUrl { get; set; } = "amqp://guest:guest@localhost:5672/";

    /// <summary>Messages a consumer endpoint holds unacknowledged; bounds memory per worker.</summary>
    [Range(1, ushort.MaxValue)]
    public ushort PrefetchCount { get; set; } = 16;

    /// <summary>
    /// Messages consumed at once per queue in this process; unset, MassTransit uses the prefetch
    /// count. Lower it for CPU- or memory-heavy consumers and add instances instead.
    /// </summary>
    [Range(1, 10_000)]
    public int? ConcurrentMessageLimit { get; set; }

    /// <summary>How often the queue-depth metrics are read from RabbitMQ (see <see cref="QueueDepthMonitor"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan QueueDepthInterval { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// A module's contribution to the one MassTransit bus of the host (its consumers).
/// MassTransit allows a single <c>AddMassTransit</c> call per container, so modules register
/// these and <see cref="MessagingExtensions.AddTalentMatchMessaging"/> applies them all.
/// </summary>
public sealed class BusContribution(Action<IBusRegistrationConfigurator> configure)
{
    public Action<IBusRegistrationConfigurator> Configure { get; } = configure;
}

public static class MessagingExtensions
{
    /// <summary>Queue names: kebab-case, prefixed <c>talentmatch-</c> so a shared broker stays readable.</summary>
    public static readonly IEndpointNameFormatter EndpointNames = new KebabCaseEndpointNameFormatter("talentmatch", includeNamespace: false);

    /// <summary>Called by a module to add its consumers to the host's bus.</summary>
    public static IServiceCollection AddBusConsumers(this IServiceCollection services, Action<IBusRegistrationConfigurator> configure) =>
        services.AddSingleton(new BusContribution(configure));

    /// <summary>
    /// Configures the bus once every module is registered: in-memory or RabbitMQ, with the
    /// consumers all modules contributed, bounded retries, and kebab-case queue names prefixed
    /// <c>talentmatch-</c> so a shared broker stays readable.
    /// </summary>
    public static IHostApplicationBuilder AddTalentMatchMessaging(this IHostApplicationBuilder builder)
    {
        var options = builder.AddSettings<MessagingOptions>(MessagingOptions.Section);
        var contributions = builder.Services
            .Where(d => d.ServiceType == typeof(BusContribution) && d.ImplementationInstance is not null)
            .Select(d => (BusContribution)d.ImplementationInstance!)
            .ToList();

        builder.Services.TryAddScoped<IApiKeyValidator, BusApiKeyValidator>();
        builder.Services.TryAddSingleton<BusApiKeyValidator.AnswerCache>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(EndpointNames);
            foreach (var contribution in contributions)
            {
                contribution.Configure(bus);
            }

            // Processes without the api module validate API keys by asking it (BusApiKeyValidator).
            bus.AddRequestClient<ApiKeyValidationRequested>();

            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
                // Transient failures (a locked SQLite file, a broker hiccup) get three more tries;
                // after that the message goes to the endpoint's _error queue with the exception.
                endpoint.UseMessageRetry(retry => retry.Intervals(100, 500, 2000)));

            switch (options.Transport)
            {
                case MessageTransport.RabbitMq:
                    bus.UsingRabbitMq((context, rabbit) =>
                    {
                        var url = new Uri(options.RabbitMqUrl);
                        rabbit.Host(url, host =>
                        {
                            var credentials = url.UserInfo.Split(':', 2);
                            if (credentials.Length == 2)
                            {
                                host.Username(Uri.UnescapeDataString(credentials[0]));
                                host.Password(Uri.UnescapeDataString(credentials[1]));
                            }
                        });
                        rabbit.PrefetchCount = options.PrefetchCount;
                        if (options.ConcurrentMessageLimit is int limit)
                        {
                            rabbit.ConcurrentMessageLimit = limit;
                        }

                        rabbit.ConfigureEndpoints(context);
                    });
                    break;
                default:
                    bus.UsingInMemory((context, memory) => memory.ConfigureEndpoints(context));
                    break;
            }
        });
        BusLifetime.ReplaceMassTransitHostedService(builder.Services);

        if (options.Transport == MessageTransport.RabbitMq)
        {
            // After AddMassTransit: the consumers it registered name the queues to watch.
            var queues = DeadLetterQueues.ConsumerQueuesOf(builder.Services);
            builder.Services.AddHostedService(services => new QueueDepthMonitor(new Uri(options.RabbitMqUrl), queues, options.QueueDepthInterval,
                services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<QueueDepthMonitor>>()));
        }

        return builder;
    }
}
