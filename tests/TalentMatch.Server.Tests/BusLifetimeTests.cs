using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentMatch.Platform.Messaging;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// The bus is stopped once however many stops arrive together: a host inside RunAsync is stopped
/// twice at once whenever someone calls StopAsync on it (every WebApplicationFactory dispose does).
/// </summary>
public sealed class BusLifetimeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A depot whose stop stays in progress until the test lets it finish, and that counts stops.</summary>
    private sealed class SlowDepot : IBusDepot
    {
        public readonly TaskCompletionSource Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Stops;

        public Task Start(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task Stop(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Stops);
            return Release.Task;
        }
    }

    [Fact]
    public async Task Stops_that_arrive_together_share_one_stop_and_all_wait_for_it()
    {
        var depot = new SlowDepot();
        var lifetime = new BusLifetime(depot);
        await lifetime.StartAsync(Ct);

        using var ready = new Barrier(4);
        var stops = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            ready.SignalAndWait(Ct);
            return lifetime.StopAsync(Ct);
        }, Ct)).ToArray();
        var all = Task.WhenAll(stops);

        await Task.Delay(50, Ct);
        Assert.False(all.IsCompleted, "a stop returned before the bus had stopped");
        depot.Release.SetResult();
        await all;
        await lifetime.DisposeAsync();

        Assert.Equal(1, depot.Stops);
    }

    [Fact]
    public async Task The_host_runs_its_bus_through_BusLifetime_and_a_double_stop_really_stops_it()
    {
        await using var app = TalentMatchApp.Embedded();
        using var client = app.CreateClient(); // starts the host

        var hosted = app.Services.GetServices<IHostedService>().ToList();
        Assert.DoesNotContain(hosted, s => s is MassTransitHostedService);
        var lifetime = Assert.Single(hosted.OfType<BusLifetime>());
        var bus = app.Services.GetRequiredService<IBusControl>();
        await Eventually.HoldsAsync(() => bus.CheckHealth().Status == BusHealthStatus.Healthy, "the bus started");

        using var ready = new Barrier(2);
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            ready.SignalAndWait(Ct);
            return lifetime.StopAsync(Ct);
        }, Ct)));

        Assert.Equal(BusHealthStatus.Unhealthy, bus.CheckHealth().Status);
    }
}
