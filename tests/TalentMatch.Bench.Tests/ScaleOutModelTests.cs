using TalentMatch.Bench.Commands;

namespace TalentMatch.Bench.Tests;

/// <summary>The scale-out model's queueing arithmetic against values worked by hand.</summary>
public class ScaleOutModelTests
{
    [Fact]
    public void Erlang_c_is_the_utilisation_for_one_server_and_a_third_for_two_servers_half_busy()
    {
        Assert.Equal(0.7, ScaleOutModel.ErlangC(1, 0.7), 12);
        // c = 2, a = 1 (ρ = 0.5): (a²/2)/(1-ρ) = 1 over 1 + a + 1 = 3.
        Assert.Equal(1.0 / 3, ScaleOutModel.ErlangC(2, 1.0), 12);
    }

    [Fact]
    public void Workers_share_their_demand_and_the_first_station_to_saturate_bounds_the_rate()
    {
        var demands = new Dictionary<string, double> { ["api"] = 100, ["worker1"] = 150, ["worker2"] = 150, ["postgres"] = 20 };

        var one = ScaleOutModel.Stations(demands, workers: 1);
        var (rateOne, bottleneckOne) = ScaleOutModel.MaxRate(one, cores: 2);
        Assert.Equal("workers", bottleneckOne.Name);
        Assert.Equal(300, bottleneckOne.DemandMs);
        Assert.Equal(2 * 1000 / 300.0, rateOne, 9);

        // Four workers: 4 × 2 cores / 300 ms = 26.7/s, more than the api's 2 cores / 100 ms = 20/s.
        var (rateFour, bottleneckFour) = ScaleOutModel.MaxRate(ScaleOutModel.Stations(demands, workers: 4), cores: 2);
        Assert.Equal("api", bottleneckFour.Name);
        Assert.Equal(20, rateFour, 9);
    }

    [Fact]
    public void A_station_below_saturation_has_its_service_time_plus_the_erlang_wait_and_littles_law_holds()
    {
        var api = new ScaleOutModel.Station("api", DemandMs: 100, Instances: 1);
        var (utilisation, timeMs, inQueue) = ScaleOutModel.At(api, rate: 10, cores: 2);

        Assert.Equal(0.5, utilisation, 12);
        // Wait = C(2, 1) × 0.1 s / (2 × 0.5) = 1/3 × 0.1 s; time = 0.1 s + 0.0333 s.
        Assert.Equal(133.333, timeMs, 3);
        Assert.Equal(10 * 0.133333, inQueue, 4);
        Assert.True(double.IsPositiveInfinity(ScaleOutModel.At(api, rate: 20, cores: 2).TimeMs));
    }
}
