using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// <c>talentmatch-bench ingest</c>: end-to-end ingestion against a running system (bench/ingestion.sh
/// starts one, embedded or distributed). Posts N real resumes over HTTP, waits until search finds all
/// of them, and reports resumes/s from the first POST to the last one searchable. Time per stage comes
/// from the processes' own metrics (/metrics, TalentMatch:Telemetry:PrometheusEndpoint=true):
/// MassTransit's consume-duration histogram per consumer, before and after. Real job ads are posted first (not
/// timed), so that proactive matching has open roles to match every resume against. Then, in the same run, the
/// same resumes and jobs go through the same stages in this process without bus, HTTP or database
/// (<see cref="StageOnlyIngestion"/>): the limit the end-to-end figure is compared with. Prints Markdown, then one
/// JSON line: <c>{"setup", "resumes", "resumesPerSecond", "stageOnlyResumesPerSecond", "postP95Ms", "serverProcessorMsPerResume",
/// "stageOnlyProcessorMsPerResume", "processorMsPerResumeByProcess"}</c>: with <c>--server-pids</c>, the processor time the servers
/// spent per resume beside the stage-only run's, a comparison the machine's other load hardly moves, and per process (with
/// <c>--infrastructure</c>, PostgreSQL's and RabbitMQ's too); where workers are labelled, the scale-out model of
/// <see cref="ScaleOutModel"/> built from those times.
/// </summary>
internal static partial class BenchIngestCommand
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var api = new Option<string>("--api") { Description = "Base URL of the process running the api module.", Required = true };
        var search = new Option<string?>("--search") { Description = "Base URL of the process running search (default: --api)." };
        var metrics = new Option<string?>("--metrics") { Description = "Comma-separated base URLs whose /metrics to read (default: --api)." };
        var key = new Option<string>("--key") { Description = "An API key with candidates:write and search scopes.", Required = true };
        var count = new Option<int>("--count") { Description = "Resumes to submit.", DefaultValueFactory = _ => 1000 };
        var concurrency = new Option<int>("--concurrency") { Description = "POSTs in flight.", DefaultValueFactory = _ => 8 };
        var label = new Option<string>("--label") { Description = "Name of the set-up, for the report.", DefaultValueFactory = _ => "system" };
        var data = new Option<string?>("--data") { Description = "The shared data folder (default: ../shared/data beside the repository)." };
        var jobs = new Option<int>("--jobs") { Description = "Job ads posted (and indexed) before the resumes: the 57 real Chinese AI ads, repeated past 57.", DefaultValueFactory = _ => 57 };
        var setup = new Option<string>("--setup") { Description = "The set-up's name in the JSON line (embedded, distributed).", DefaultValueFactory = _ => "system" };
        var stageOnly = new Option<bool>("--stage-only") { Description = "Also run the same resumes through the same stages in this process (the limit).", DefaultValueFactory = _ => true };
        var corpus = new Option<string>("--resumes")
        {
            Description = "Which real resumes: 'distinct' (every distinct public resume, ~590 people, shuffled; copies only past that) or 'updated' "
                + "(the 167 of updated_resume_dataset_en, repeated: the corpus before 2026-12-07, two thirds of a 500-resume run are copies).",
            DefaultValueFactory = _ => "distinct",
        };
        corpus.AcceptOnlyFromAmong("distinct", "updated");
        var serverPids = new Option<string?>("--server-pids")
        {
            Description = "The system's servers, whose processor time per resume is reported: comma-separated process ids, each optionally labelled "
                + "(api=123,worker1=456; labels starting with 'worker' are the scalable workers of the scale-out model).",
        };
        var infrastructure = new Option<string?>("--infrastructure")
        {
            Description = "Comma-separated process names whose processor time per resume is reported too, every process of the name (postgres,beam.smp).",
        };
        var command = new Command("ingest", "End-to-end ingestion: resumes/s from POST to searchable, time per pipeline stage, and the stage-only limit.")
        {
            api, search, metrics, key, count, concurrency, label, data, jobs, setup, stageOnly, corpus, serverPids, infrastructure,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var apiUrl = new Uri(parse.GetValue(api)!);
            var metricUrls = (parse.GetValue(metrics) ?? apiUrl.ToString())
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new Uri(u)).ToList();
            var run = new IngestRun(apiUrl, parse.GetValue(search) is { } searchUrl ? new Uri(searchUrl) : apiUrl, metricUrls, parse.GetValue(key)!,
                parse.GetValue(count), parse.GetValue(jobs), parse.GetValue(concurrency), parse.GetValue(label)!, parse.GetValue(setup)!, parse.GetValue(stageOnly), parse.GetValue(corpus)!,
                new ServerProcessorTime(ServerProcessorTime.ParseServers(parse.GetValue(serverPids)),
                    [.. (parse.GetValue(infrastructure) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]));
            return RunAsync(run, parse.GetValue(data) ?? BenchParseCommand.FindData(), parse.InvocationConfiguration.Output, cancellationToken);
        });
        return command;
    }

    private sealed record IngestRun(Uri Api, Uri Search, IReadOnlyList<Uri> MetricUrls, string Key, int Count, int Jobs, int Concurrency,
        string Label, string Setup, bool StageOnly, string Corpus, ServerProcessorTime Servers);

    private static async Task<int> RunAsync(IngestRun run, string? data, TextWriter output, CancellationToken cancellationToken)
    {
        var (api, search, metricUrls, key, count, _, concurrency, label, _, _, _, servers) = run;
        var resumesFile = data is null ? null : Path.Combine(data, "updated_resume_dataset_en", "dedup.jsonl");
        var jobsFile = data is null ? null : Path.Combine(data, "boss_zhipin_ai_jds_zh", "jds.jsonl");
        if (resumesFile is null || !File.Exists(resumesFile) || !File.Exists(jobsFile))
        {
            await Console.Error.WriteLineAsync("updated_resume_dataset_en/dedup.jsonl or boss_zhipin_ai_jds_zh/jds.jsonl not found; pass --data.");
            return 1;
        }

        // Real resumes, each copy made distinct by a reference line (which also holds the marker search is polled for), so that
        // no cache (the embedding cache is keyed by content) makes a copy cheaper than the first. The jobs likewise. A copy is
        // still flagged as a duplicate of its original, and a flagged resume is indexed twice (its duplicate group): the
        // distinct corpus keeps copies out of runs of up to ~590 resumes, as in a real tenant, where duplicates are few.
        var marker = "zb" + Guid.NewGuid().ToString("N")[..10];
        var texts = run.Corpus == "updated"
            ? File.ReadLines(resumesFile).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).ToList()
            : RealResumes.Load(data!, withPdfVersions: false).Select(r => r.Text).ToList();
        if (run.Corpus != "updated")
        {
            new Random(7).Shuffle(CollectionsMarshal.AsSpan(texts)); // sources mixed in any prefix
        }

        var resumes = Distinct([.. texts.Where(t => t.Length >= 200)], count, marker);
        var jobs = Distinct(File.ReadLines(jobsFile!).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).ToList(),
            run.Jobs, marker + "j");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (!await PostJobsAsync(http, run, jobs, marker + "j", cancellationToken))
        {
            return 1;
        }

        if (servers.Any)
        {
            // The jobs' own work after they are searchable (insights' counts, matching's store) is not the resumes' cost.
            await servers.WhenSettledAsync(cancellationToken);
        }

        var before = await ScrapeAsync(http, metricUrls, cancellationToken);
        var processorBefore = servers.Any ? servers.Snapshot() : null;
        var postLatencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var started = Stopwatch.GetTimestamp();
                using var body = new StringContent(resumes[i], Encoding.UTF8, "text/plain");
                using var response = await http.PostAsync(new Uri(api, "/v1/candidates"), body, ct);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"POST /v1/candidates answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                }

                postLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            });
        var posted = clock.Elapsed;

        // Searchable = the search process finds it by the marker word.
        long found = 0, lastFound = -1;
        var lastProgress = clock.Elapsed;
        while (found < count)
        {
            await Task.Delay(200, cancellationToken);
            using var response = await http.GetAsync(new Uri(search, $"/v1/search/candidates?q={marker}&limit=1"), cancellationToken);
            response.EnsureSuccessStatusCode();
            found = (await response.Content.ReadFromJsonAsync<JsonElement>(Web, cancellationToken)).GetProperty("total").GetInt64();
            if (found != lastFound)
            {
                (lastFound, lastProgress) = (found, clock.Elapsed);
            }
            else if (clock.Elapsed - lastProgress > TimeSpan.FromMinutes(2))
            {
                await Console.Error.WriteLineAsync($"stalled: {found} of {count} searchable for two minutes (rejected documents never become searchable)");
                return 1;
            }
        }

        var searchable = clock.Elapsed;
        var after = await ScrapeAsync(http, metricUrls, cancellationToken);
        Dictionary<string, double>? processorMsByProcess = null;
        if (processorBefore is not null)
        {
            await servers.WhenSettledAsync(cancellationToken);
            processorMsByProcess = ServerProcessorTime.Between(processorBefore, servers.Snapshot())
                .ToDictionary(p => p.Key, p => Math.Round(p.Value.TotalMilliseconds / count, 1));
        }

        double? serverProcessorMs = processorMsByProcess is null ? null : servers.Labels.Sum(l => processorMsByProcess.GetValueOrDefault(l));
        double[] latencies = [.. postLatencies.Order()];
        Report(label, count, concurrency, posted, searchable, latencies, before, after, output);
        if (serverProcessorMs is { } perResume && processorMsByProcess is not null)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Processor time of the servers, first POST until idle again: **{perResume:F1} ms per resume** ({string.Join(", ", processorMsByProcess.Select(p => $"{p.Key} {p.Value:F1}"))})"));
            output.WriteLine();
            if (processorMsByProcess.Keys.Any(l => l.StartsWith("worker", StringComparison.Ordinal)))
            {
                ScaleOutModel.Report(processorMsByProcess, Environment.ProcessorCount, count / searchable.TotalSeconds, output);
            }
        }

        var stageOnly = run.StageOnly ? await StageOnlyIngestion.RunAsync(resumes, jobs, cancellationToken) : null;
        if (stageOnly is not null)
        {
            ReportStageOnly(stageOnly, count / searchable.TotalSeconds, serverProcessorMs, output);
        }

        output.WriteLine(JsonSerializer.Serialize(new
        {
            setup = run.Setup,
            resumes = count,
            resumesPerSecond = Math.Round(count / searchable.TotalSeconds, 2),
            stageOnlyResumesPerSecond = stageOnly is null ? (double?)null : Math.Round(stageOnly.ResumesPerSecond, 2),
            postP95Ms = Math.Round(Statistics.Percentile(latencies, 0.95), 1),
            serverProcessorMsPerResume = serverProcessorMs is { } ms ? Math.Round(ms, 1) : (double?)null,
            stageOnlyProcessorMsPerResume = stageOnly is null ? (double?)null : Math.Round(stageOnly.ProcessorMillisecondsPerResume, 1),
            processorMsPerResumeByProcess = processorMsByProcess,
        }));
        return 0;
    }

    /// <summary><paramref name="count"/> texts cycling through <paramref name="texts"/>, each ending in its own reference line.</summary>
    private static List<string> Distinct(List<string> texts, int count, string marker) =>
        [.. Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{texts[i % texts.Count]}\n\nReference {marker} {i}"))];

    /// <summary>Posts the jobs and waits until search finds every one (they are what proactive matching matches resumes against).</summary>
    private static async Task<bool> PostJobsAsync(HttpClient http, IngestRun run, List<string> jobs, string marker, CancellationToken cancellationToken)
    {
        foreach (var text in jobs)
        {
            using var response = await http.PostAsJsonAsync(new Uri(run.Api, "/v1/jobs"), new { text }, Web, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                await Console.Error.WriteLineAsync($"POST /v1/jobs answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                return false;
            }
        }

        var waited = Stopwatch.StartNew();
        while (jobs.Count > 0)
        {
            using var response = await http.GetAsync(new Uri(run.Search, $"/v1/search/jobs?q={marker}&limit=1"), cancellationToken);
            response.EnsureSuccessStatusCode();
            if ((await response.Content.ReadFromJsonAsync<JsonElement>(Web, cancellationToken)).GetProperty("total").GetInt64() >= jobs.Count)
            {
                return true;
            }

            if (waited.Elapsed > TimeSpan.FromMinutes(5))
            {
                await Console.Error.WriteLineAsync("the jobs were not all searchable after five minutes");
                return false;
            }

            await Task.Delay(200, cancellationToken);
        }

        return true;
    }

    private static void ReportStageOnly(StageOnlyIngestion.Result result, double endToEnd, double? serverProcessorMs, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Stage-only limit, same run (the same resumes and jobs through the same stages in one process, no bus, HTTP or database, {Environment.ProcessorCount} in flight):"));
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- **{result.ResumesPerSecond:F1} resumes/s** ({result.Elapsed.TotalSeconds:F1} s); end to end / stage-only = **{endToEnd / result.ResumesPerSecond:F2}**"));
        var processor = serverProcessorMs is { } server
            ? string.Create(CultureInfo.InvariantCulture, $"; stage-only / end to end = **{result.ProcessorMillisecondsPerResume / server:F2}** (the ratio a machine to itself would give)")
            : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- processor time {result.ProcessorMillisecondsPerResume:F1} ms per resume{processor}"));
        output.WriteLine();
        output.WriteLine("| stage | mean wall ms per resume |");
        output.WriteLine("|---|---:|");
        foreach (var (stage, ms) in result.Stages)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {stage} | {ms:F1} |"));
        }

        output.WriteLine();
    }

    private static void Report(string label, int count, int concurrency, TimeSpan posted, TimeSpan searchable, double[] postLatencies,
        Dictionary<string, (double Sum, double Count)> before, Dictionary<string, (double Sum, double Count)> after, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"### {label}: {count} resumes, {concurrency} POSTs in flight"));
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- **{count / searchable.TotalSeconds:F1} resumes/s** from the first POST to the last one searchable ({searchable.TotalSeconds:F1} s)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- accepting: {count / posted.TotalSeconds:F0} POSTs/s ({posted.TotalSeconds:F1} s), POST p50 {Statistics.Percentile(postLatencies, 0.5):F1} ms, p95 {Statistics.Percentile(postLatencies, 0.95):F1} ms"));
        var pipeline = Delta(before, after, "talentmatch_pipeline_duration_seconds");
        if (pipeline.Count > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"- submission → indexed (api's talentmatch.pipeline.duration): mean {pipeline.Sum / pipeline.Count:F2} s over {pipeline.Count:F0} documents"));
        }

        // Failed consume attempts and retries per consumer (MassTransit's counters): a healthy run has none; a race
        // between events shows up here long before a message runs out of retries into an error queue.
        foreach (var kind in new[] { "errors", "retries" })
        {
            var counts = after.Keys.Where(k => k.StartsWith(kind + ":", StringComparison.Ordinal))
                .Select(k => (Name: k[(kind.Length + 1)..], Delta(before, after, k).Count))
                .Where(e => e.Count > 0)
                .ToList();
            var detail = counts.Count > 0 ? " (" + string.Join(", ", counts.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Name} {e.Count:F0}"))) + ")" : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- consume {kind}: {counts.Sum(e => e.Count):F0}{detail}"));
        }

        output.WriteLine();
        output.WriteLine("| stage (consumer) | messages | mean ms per message | busy s (all instances) | share of busy time |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        var stages = after.Keys.Where(k => k.StartsWith("consume:", StringComparison.Ordinal))
            .Select(k => (Name: k["consume:".Length..], Delta: Delta(before, after, k)))
            .Where(s => s.Delta.Count > 0)
            .OrderByDescending(s => s.Delta.Sum)
            .ToList();
        var busy = stages.Sum(s => s.Delta.Sum);
        foreach (var (name, delta) in stages)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {delta.Count:F0} | {delta.Sum / delta.Count:F1} | {delta.Sum / 1000:F1} | {delta.Sum / busy:P0} |"));
        }

        output.WriteLine();
    }

    private static (double Sum, double Count) Delta(Dictionary<string, (double Sum, double Count)> before, Dictionary<string, (double Sum, double Count)> after, string key)
    {
        var a = after.GetValueOrDefault(key);
        var b = before.GetValueOrDefault(key);
        return (a.Sum - b.Sum, a.Count - b.Count);
    }


    /// <summary>
    /// Sums of MassTransit's consume-duration histogram per consumer (key <c>consume:&lt;consumer&gt;</c>)
    /// and of TalentMatch's pipeline-duration histogram, over every process listed.
    /// </summary>
    private static async Task<Dictionary<string, (double Sum, double Count)>> ScrapeAsync(HttpClient http, IEnumerable<Uri> urls, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<string, (double Sum, double Count)>(StringComparer.Ordinal);
        foreach (var url in urls)
        {
            var text = await http.GetStringAsync(new Uri(url, "/metrics"), cancellationToken);
            foreach (Match m in ErrorCount().Matches(text))
            {
                var consumer = Label(m.Groups["labels"].Value, "messaging_masstransit_consumer_type") ?? Label(m.Groups["labels"].Value, "messaging_masstransit_message_type");
                if (consumer is not null)
                {
                    var key = m.Groups["kind"].Value + ":" + consumer[(consumer.LastIndexOfAny([':', '.']) + 1)..];
                    var (sum, n) = totals.GetValueOrDefault(key);
                    totals[key] = (sum, n + double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
                }
            }

            foreach (Match m in Sample().Matches(text))
            {
                var name = m.Groups["name"].Value;
                var labels = m.Groups["labels"].Value;
                var value = double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
                string? key = null;
                if (name.StartsWith("messaging_masstransit_consume_duration", StringComparison.Ordinal))
                {
                    var consumer = Label(labels, "messaging_masstransit_consumer_type") ?? Label(labels, "messaging_masstransit_message_type");
                    key = consumer is null ? null : "consume:" + consumer[(consumer.LastIndexOfAny([':', '.']) + 1)..];
                }
                else if (name.StartsWith("talentmatch_pipeline_duration_seconds", StringComparison.Ordinal))
                {
                    key = "talentmatch_pipeline_duration_seconds";
                }

                if (key is null)
                {
                    continue;
                }

                var (sum, n) = totals.GetValueOrDefault(key);
                totals[key] = name.EndsWith("_sum", StringComparison.Ordinal) ? (sum + value, n) : (sum, n + value);
            }
        }

        return totals;
    }

    private static string? Label(string labels, string name)
    {
        var match = Regex.Match(labels, $"{Regex.Escape(name)}=\"(?<v>[^\"]*)\"");
        return match.Success ? match.Groups["v"].Value : null;
    }

    /// <summary>MassTransit's counters of failed consume attempts and of retries, per consumer (and exception type).</summary>
    [GeneratedRegex(@"^messaging_masstransit_consume_(?<kind>errors|retries)(?:_total)?\{(?<labels>[^}]*)\}\s+(?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex ErrorCount();

    /// <summary>A histogram's _sum or _count sample in the Prometheus text format.</summary>
    [GeneratedRegex(@"^(?<name>[a-z_]+_(?:sum|count))\{(?<labels>[^}]*)\}\s+(?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
