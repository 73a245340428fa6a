using System.Globalization;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// How the distributed set-up's rate would grow with workers, from the processor time each process spent per resume in a
/// measured run (issue #22). A queueing model, not a measurement: every process (the api process, each worker, PostgreSQL,
/// RabbitMQ) is a station with its own machine of <c>cores</c> cores; a resume visits the api process, one of the workers
/// and the infrastructure once each, asking of each the processor time measured. Labels starting with <c>worker</c> are
/// the workers (their times summed: a resume is read and embedded by one of them). The rate is bound by the station that
/// saturates first (the bottleneck law: rate ≤ cores / demand); below it, each station is an M/M/c queue, whose waiting
/// (Erlang C) gives the time a resume spends there and how many wait. What the model leaves out, and what a measurement
/// would show: locks that serialise work regardless of cores (insights' per-tenant lock, the search index's one writer),
/// the network, and demands that change with load.
/// </summary>
internal static class ScaleOutModel
{
    /// <summary>The fraction of the bottleneck's rate at which the queues are shown (at the rate itself they grow without bound).</summary>
    public const double Load = 0.9;

    public sealed record Station(string Name, double DemandMs, int Instances);

    /// <summary>The stations for <paramref name="workers"/> workers: the workers' demand is spread over them.</summary>
    public static List<Station> Stations(IReadOnlyDictionary<string, double> demandMsPerResume, int workers)
    {
        var workerDemand = demandMsPerResume.Where(d => IsWorker(d.Key)).Sum(d => d.Value);
        List<Station> stations = [.. demandMsPerResume.Where(d => !IsWorker(d.Key)).Select(d => new Station(d.Key, d.Value, 1))];
        if (workerDemand > 0)
        {
            stations.Add(new Station("workers", workerDemand, workers));
        }

        return stations;
    }

    /// <summary>Resumes per second the stations allow: each instance's <paramref name="cores"/> cores over its share of the demand.</summary>
    public static (double Rate, Station Bottleneck) MaxRate(IReadOnlyList<Station> stations, int cores) =>
        stations.Select(s => (Rate: s.Instances * cores * 1000 / s.DemandMs, Station: s)).MinBy(s => s.Rate);

    /// <summary>
    /// One station at <paramref name="rate"/> resumes/s: utilisation, mean milliseconds a resume spends there (waiting and
    /// served) and mean resumes there, each instance an M/M/c queue with c = <paramref name="cores"/> taking its share.
    /// </summary>
    public static (double Utilisation, double TimeMs, double InQueue) At(Station station, double rate, int cores)
    {
        var perInstance = rate / station.Instances;               // resumes/s reaching one instance
        var serviceSeconds = station.DemandMs / 1000;             // one core's time per resume
        var offered = perInstance * serviceSeconds;               // cores' worth of work
        var utilisation = offered / cores;
        if (utilisation >= 1)
        {
            return (utilisation, double.PositiveInfinity, double.PositiveInfinity);
        }

        var waitSeconds = ErlangC(cores, offered) * serviceSeconds / (cores * (1 - utilisation));
        var timeSeconds = serviceSeconds + waitSeconds;
        return (utilisation, timeSeconds * 1000, perInstance * timeSeconds * station.Instances);
    }

    /// <summary>The probability that a resume waits at an M/M/c station offered <paramref name="offered"/> cores' worth of work.</summary>
    public static double ErlangC(int servers, double offered)
    {
        double term = 1, sum = 1; // k = 0
        for (var k = 1; k < servers; k++)
        {
            term *= offered / k;
            sum += term;
        }

        var last = term * offered / servers / (1 - (offered / servers));
        return last / (sum + last);
    }

    /// <summary>
    /// The model's table in Markdown: the predicted rate for each number of workers, and each station's load at 90 % of it; first,
    /// the check that the demands explain the measured run (all processes on one machine of <paramref name="cores"/> cores).
    /// </summary>
    public static void Report(IReadOnlyDictionary<string, double> demandMsPerResume, int cores, double measuredRate, TextWriter output)
    {
        var total = demandMsPerResume.Values.Sum();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Scale-out model (ScaleOutModel: every process on its own {cores}-core machine; demands = processor ms per resume measured above, {string.Join(", ", demandMsPerResume.Select(d => $"{d.Key} {d.Value:F1}"))}). " +
            $"Check: everything on one such machine, as in this run, allows {cores * 1000 / total:F1} resumes/s by the same demands; measured {measuredRate:F1}."));
        output.WriteLine();
        var names = Stations(demandMsPerResume, 1).Select(s => s.Name).ToList();
        output.WriteLine($"| workers | resumes/s at most | bottleneck | {string.Join(" | ", names.Select(n => $"{n}: utilisation, ms per resume, resumes there at {Load:P0}"))} |");
        output.WriteLine($"|---:|---:|---|{string.Concat(names.Select(_ => "---|"))}");
        foreach (var workers in new[] { 1, 2, 3, 4, 6, 8, 16 })
        {
            var stations = Stations(demandMsPerResume, workers);
            var (rate, bottleneck) = MaxRate(stations, cores);
            var cells = stations.Select(s => At(s, rate * Load, cores))
                .Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Utilisation:P0}, {a.TimeMs:F0}, {a.InQueue:F1}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {workers} | {rate:F1} | {bottleneck.Name} | {string.Join(" | ", cells)} |"));
        }

        output.WriteLine();
    }

    private static bool IsWorker(string label) => label.StartsWith("worker", StringComparison.Ordinal);
}
