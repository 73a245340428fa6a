using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TalentMatch.Tests.Shared;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// <c>talentmatch-bench hostile-uploads</c>: issue 15's figures over HTTP against a running server
/// (bench/hostile-uploads.sh starts the embedded host and passes its address, two tenants' keys and its
/// process id). For each of <see cref="HostileInputs.Uploads"/>, one tenant uploads it while another
/// tenant reads one of its candidates (<c>GET /v1/candidates/{id}</c>, one request at a time, 20 a second);
/// reported are the upload's outcome and reason, the other tenant's latency percentiles during it (the
/// baseline: the same loop with no upload, in the same run), how long after the answer the host's
/// processor time stops growing (less than 5 % of a core over 500 ms), and its resident memory then
/// against before the upload. Processor time and memory come from /proc/&lt;pid&gt; (Linux).
/// </summary>
internal static class BenchHostileUploadsCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromMilliseconds(500);
    private const double IdleCores = 0.05;

    /// <summary>The other tenant reads 20 times a second: a busy client within the default per-key limit (50/s).</summary>
    private static readonly TimeSpan ReadInterval = TimeSpan.FromMilliseconds(50);

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The server's base address.", Required = true };
        var attacker = new Option<string>("--attacker-key") { Description = "An API key of the tenant that uploads.", Required = true };
        var victim = new Option<string>("--victim-key") { Description = "An API key of another tenant.", Required = true };
        var pid = new Option<int>("--pid") { Description = "The server's process id (its /proc entry is read).", Required = true };
        var command = new Command("hostile-uploads", "Issue 15: hostile uploads over HTTP; the other tenant's latency, CPU back to idle, memory growth.")
            { url, attacker, victim, pid };
        command.SetAction(parse => RunAsync(new Uri(parse.GetValue(url)!), parse.GetValue(attacker)!, parse.GetValue(victim)!, parse.GetValue(pid)));
        return command;
    }

    private static async Task<int> RunAsync(Uri url, string attackerKey, string victimKey, int pid)
    {
        using var attacker = Client(url, attackerKey);
        using var victim = Client(url, victimKey);
        using var posted = await victim.PostAsync("/v1/candidates", new StringContent("PyTorch engineer, 5 years of CUDA and Kubernetes", Encoding.UTF8, "text/plain"));
        var victimCandidate = posted.Headers.Location!;
        await SettleAsync(victim, victimCandidate);

        Console.WriteLine($"{Environment.ProcessorCount} logical cores visible, .NET {Environment.Version}; server pid {pid}.");
        Console.WriteLine("| upload | bytes sent | outcome | answered after | other tenant's GET p50 / p95 / max (n) | CPU idle after the answer | RSS growth |");
        Console.WriteLine("|---|---:|---|---:|---|---:|---:|");
        await WaitForIdleAsync(pid, TimeSpan.FromSeconds(30));
        var baseline = await MeasureVictimAsync(victim, victimCandidate, Task.Delay(TimeSpan.FromSeconds(10)));
        Console.WriteLine($"| none (baseline, 10 s) | 0 | | | {Latencies(baseline)} | | |");

        foreach (var (name, fileName, build) in HostileInputs.Uploads)
        {
            var bytes = build();
            await WaitForIdleAsync(pid, TimeSpan.FromSeconds(30));
            var rssBefore = ResidentBytes(pid);
            var clock = Stopwatch.StartNew();
            var upload = UploadAndSettleAsync(attacker, fileName, bytes);
            var latencies = await MeasureVictimAsync(victim, victimCandidate, upload);
            var outcome = await upload;
            var answered = clock.Elapsed;
            var idleAfter = await WaitForIdleAsync(pid, TimeSpan.FromSeconds(60));
            var growth = ResidentBytes(pid) - rssBefore;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {bytes.Length:N0} | {outcome} | {answered.TotalSeconds:0.0} s | {Latencies(latencies)} | {Seconds(idleAfter)} | {growth / 1048576.0:+0;-0} MB |"));
        }

        return 0;
    }

    private static HttpClient Client(Uri url, string key)
    {
        var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<string> UploadAndSettleAsync(HttpClient attacker, string fileName, byte[] bytes)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        using var response = await attacker.PostAsync("/v1/candidates", form);
        if (response.Headers.Location is not { } location)
        {
            return $"HTTP {(int)response.StatusCode}";
        }

        var settled = await SettleAsync(attacker, location);
        return settled.TryGetProperty("rejection", out var rejection) && rejection.ValueKind == JsonValueKind.Object
            ? $"rejected `{rejection.GetProperty("reason").GetString()}`"
            : settled.GetProperty("status").GetString()!;
    }

    private static async Task<JsonElement> SettleAsync(HttpClient client, Uri location)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromMinutes(5); await Task.Delay(100))
        {
            var document = await client.GetFromJsonAsync<JsonElement>(location, Json);
            if (document.GetProperty("status").GetString() is "indexed" or "rejected")
            {
                return document;
            }
        }

        throw new TimeoutException($"{location} did not settle in 5 minutes");
    }

    /// <summary>The other tenant's read, one request at a time, until <paramref name="until"/> ends; milliseconds, sorted.</summary>
    private static async Task<List<double>> MeasureVictimAsync(HttpClient victim, Uri candidate, Task until)
    {
        var latencies = new List<double>();
        while (!until.IsCompleted)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await victim.GetAsync(candidate);
            await response.Content.ReadAsByteArrayAsync();
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"the other tenant's read got {(int)response.StatusCode}");
            }

            var rest = ReadInterval - Stopwatch.GetElapsedTime(start);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }
        }

        latencies.Sort();
        return latencies;
    }

    /// <summary>Time until the process used less than <see cref="IdleCores"/> of a core over <see cref="IdleWindow"/>; null if never within <paramref name="patience"/>.</summary>
    private static async Task<TimeSpan?> WaitForIdleAsync(int pid, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < patience)
        {
            var windowStart = clock.Elapsed;
            var cpuBefore = ProcessorTime(pid);
            await Task.Delay(IdleWindow);
            var used = ProcessorTime(pid) - cpuBefore;
            if (used.TotalSeconds / (clock.Elapsed - windowStart).TotalSeconds < IdleCores)
            {
                return windowStart;
            }
        }

        return null;
    }

    /// <summary>utime + stime of the process, from /proc/&lt;pid&gt;/stat (fields 14 and 15, in clock ticks of 1/100 s).</summary>
    private static TimeSpan ProcessorTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromSeconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0);
    }

    private static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string Latencies(List<double> sorted) => string.Create(CultureInfo.InvariantCulture,
        $"{Statistics.Percentile(sorted, 0.5):0.0} / {Statistics.Percentile(sorted, 0.95):0.0} / {(sorted.Count == 0 ? double.NaN : sorted[^1]):0.0} ms ({sorted.Count})");

    private static string Seconds(TimeSpan? t) => t is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.0} s") : "not within 60 s";
}
