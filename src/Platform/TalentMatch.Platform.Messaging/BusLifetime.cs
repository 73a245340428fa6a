using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TalentMatch.Platform.Messaging;

/// <summary>
/// Starts the bus with the host and stops it once, however many callers ask at the same time.
/// Stands in place of MassTransit's <c>MassTransitHostedService</c>, which is not safe to stop twice
/// concurrently (its "stopped" flag is read and then set, unguarded; two stops race inside
/// <c>ReceiveEndpoint.Stop</c> and one throws a NullReferenceException).
/// </summary>
/// <remarks>
/// A host's hosted services are stopped twice at once whenever <c>StopAsync</c> is called on a host
/// that is also inside <c>RunAsync</c>: <c>StopAsync</c> signals ApplicationStopping, which wakes
/// <c>RunAsync</c>, which calls <c>StopAsync</c> again. WebApplicationFactory does exactly that when a
/// test disposes it; CI met the race on 2026-12-07 (two tests failed in their DisposeAsync).
/// </remarks>
public sealed class BusLifetime(IBusDepot depot) : IHostedService, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private Task? _stop;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // As MassTransit does by default: the host does not wait for a broker that is not up yet
        // (the health checks say so meanwhile); a start that has already finished reports its outcome.
        var start = depot.Start(cancellationToken);
        return start.IsCompleted ? start : Task.CompletedTask;
    }

    /// <summary>Every caller awaits the same stop; the first caller's token bounds it.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _stop ??= depot.Stop(cancellationToken);
        }
    }

    /// <summary>A container disposed without a host stop (a failed start) still stops the bus.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    /// <summary>Puts this in MassTransit's hosted service's place, so that start and stop order among the host's services stays the same.</summary>
    internal static void ReplaceMassTransitHostedService(IServiceCollection services)
    {
        var index = services.ToList().FindIndex(d =>
            d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(MassTransitHostedService));
        if (index < 0)
        {
            throw new InvalidOperationException("AddMassTransit registered no MassTransitHostedService to replace; has MassTransit changed how it hosts the bus?");
        }

        services[index] = ServiceDescriptor.Singleton<IHostedService, BusLifetime>();
    }
}
