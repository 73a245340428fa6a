using System.Collections;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>Traces, metrics and logs as an operator would collect them.</summary>
public class TelemetryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_resume_posted_over_HTTP_is_one_trace_through_ingestion_embedding_and_search()
    {
        var spans = new SpanCollection();
        await using var app = TalentMatchApp.Embedded([], services =>
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(spans)));
        var (_, client) = await app.CreateTenantClientAsync();

        // The trace id is the test's own, so spans of other tests running in this process (the
        // exporter hears every MassTransit ActivitySource) cannot be mistaken for ours.
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/candidates")
        {
            Content = new StringContent("Ada Lovelace, ML engineer: PyTorch, CUDA, Kubernetes.", System.Text.Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("indexed", (await Pipeline.WaitUntilSettledAsync(client, response.Headers.Location!)).Status);
        client.Dispose();

        string[] consumers = ["DocumentSubmittedConsumer", "ProfileParsedConsumer", "ProfileEmbeddedConsumer"];
        var ours = await WaitForAsync(
            () => spans.Snapshot().Where(s => s.TraceId == traceId).ToList(),
            found => consumers.All(c => found.Any(s => IsConsumeOf(s, c))),
            found => $"spans of trace {traceId}:\n{Describe(found)}");

        var server = Assert.Single(ours, s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal("/v1/candidates", (server.GetTagItem("http.route") as string)?.TrimEnd('/'));
        Assert.Contains(ours, s => s.Source.Name == TalentMatchMetrics.Name && s.DisplayName == "outbox dispatch");
        foreach (var consumer in consumers)
        {
            // Not only the same trace id: each consumer's span descends from the request's span,
            // through the outbox dispatch and the publishes in between.
            var span = ours.First(s => IsConsumeOf(s, consumer));
            Assert.True(Descends(span, server, ours), $"{consumer}'s span does not descend from the HTTP request's:\n{Describe(ours)}");
        }
    }

    [Fact]
    public async Task The_TalentMatch_meter_counts_the_pipeline_and_measures_the_outbox_backlog()
    {
        await using var app = TalentMatchApp.Embedded();
        var (tenantId, client) = await app.CreateTenantClientAsync();
        using var metrics = new MetricRecorder(app.Services.GetRequiredService<IMeterFactory>());

        using var resume = await client.PostAsync("/v1/candidates",
            new StringContent("Grace Hopper, compiler engineer, LLVM and CUDA kernels.", System.Text.Encoding.UTF8, "text/plain"),
            TestContext.Current.CancellationToken);
        using var empty = await client.PostAsJsonAsync("/v1/candidates", new { text = "\u0001\u0002" }, TestContext.Current.CancellationToken);
        using var job = await client.PostAsJsonAsync("/v1/jobs",
            new { title = "Inference engineer", text = "vLLM, TensorRT and CUDA; serving LLMs at scale." }, TestContext.Current.CancellationToken);
        Assert.Equal("indexed", (await Pipeline.WaitUntilSettledAsync(client, resume.Headers.Location!)).Status);
        Assert.Equal("rejected", (await Pipeline.WaitUntilSettledAsync(client, empty.Headers.Location!)).Status);
        Assert.Equal("indexed", (await Pipeline.WaitUntilSettledAsync(client, job.Headers.Location!)).Status);
        client.Dispose();

        // Counted as each event is published; the api may show "indexed" a moment before.
        await WaitForAsync(() => metrics.Sum("talentmatch.documents.indexed"), total => total >= 2);
        Assert.Equal(2, metrics.Sum("talentmatch.documents.submitted", ("kind", "resume")));
        Assert.Equal(1, metrics.Sum("talentmatch.documents.submitted", ("kind", "job")));
        Assert.Equal(1, metrics.Sum("talentmatch.documents.ingested", ("kind", "resume")));
        Assert.Equal(1, metrics.Sum("talentmatch.documents.ingested", ("kind", "job")));
        Assert.Equal(1, metrics.Sum("talentmatch.documents.rejected", ("kind", "resume"), ("reason", "empty-document")));
        Assert.Equal(1, metrics.Sum("talentmatch.documents.embedded", ("kind", "resume")));
        Assert.Equal(1, metrics.Sum("talentmatch.documents.embedded", ("kind", "job")));
        Assert.Equal(1, metrics.Sum("talentmatch.documents.indexed", ("kind", "resume")));
        Assert.Equal(1, metrics.Sum("talentmatch.documents.indexed", ("kind", "job")));
        Assert.Equal(0, metrics.Sum("talentmatch.consumer.failures"));

        // Submission to searchable, once per document, recorded by the api when it learns of it.
        var durations = await WaitForAsync(() => metrics.Values("talentmatch.pipeline.duration"), values => values.Count >= 2);
        Assert.Equal(2, durations.Count);
        Assert.All(durations, d => Assert.InRange(d, 0.0, Patience.TotalSeconds * 3));

        // A message no consumer can handle: the search index refuses a vector of another dimension
        // than this tenant's resumes have, both when search indexes it and when matching's store
        // consumer searches with it for proactive matches. After the retries it is counted once per
        // consumer that failed on it.
        await app.Services.GetRequiredService<MassTransit.IBus>().Publish(new TalentMatch.Contracts.ProfileEmbedded(
            Guid.NewGuid(), tenantId, TalentMatch.Contracts.DocumentKind.Resume, null, "x", [], [1f, 2f, 3f], "test"),
            TestContext.Current.CancellationToken);
        await WaitForAsync(() => metrics.Sum("talentmatch.consumer.failures", ("message_type", "ProfileEmbedded")), total => total >= 2);
        Assert.Equal(2, metrics.Sum("talentmatch.consumer.failures", ("message_type", "ProfileEmbedded"), ("exception_type", nameof(ArgumentException))));

        // Queue lag: a row another instance has claimed (so this one leaves it alone), a minute old.
        var clock = TimeProvider.System.GetUtcNow();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
            var stuck = OutboxMessage.For(new TalentMatch.Contracts.DocumentDeleted(Guid.NewGuid(), "t-nobody", TalentMatch.Contracts.DocumentKind.Resume), TimeProvider.System);
            stuck.CreatedAtMs = clock.AddMinutes(-1).ToUnixTimeMilliseconds();
            stuck.ClaimedUntilMs = clock.AddHours(1).ToUnixTimeMilliseconds();
            db.Outbox.Add(stuck);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        metrics.CollectObservables();
        Assert.Equal(1, metrics.Last("talentmatch.outbox.pending", ("outbox", nameof(ApiDbContext))));
        Assert.InRange(metrics.Last("talentmatch.outbox.oldest_age", ("outbox", nameof(ApiDbContext))), 59.0, 600.0);
    }

    [Fact]
    public async Task Metrics_are_scraped_at_slash_metrics_only_when_enabled()
    {
        await using var app = TalentMatchApp.Embedded(new() { ["TalentMatch:Telemetry:PrometheusEndpoint"] = "true" });
        var (_, client) = await app.CreateTenantClientAsync();
        using var posted = await client.PostAsync("/v1/candidates",
            new StringContent("Alan Turing, research engineer: JAX, TPUs, reinforcement learning.", System.Text.Encoding.UTF8, "text/plain"),
            TestContext.Current.CancellationToken);
        Assert.Equal("indexed", (await Pipeline.WaitUntilSettledAsync(client, posted.Headers.Location!)).Status);
        client.Dispose();

        using var scraper = app.CreateClient(); // no API key: a scraper has none
        var text = await WaitForAsync(async () =>
        {
            using var scrape = await scraper.GetAsync("/metrics", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            return await scrape.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }, body => body.Contains("talentmatch_documents_indexed_total{", StringComparison.Ordinal));

        Assert.Contains("# TYPE talentmatch_documents_submitted_total counter", text, StringComparison.Ordinal);
        Assert.Contains("talentmatch_pipeline_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("talentmatch_outbox_pending{", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal); // ASP.NET Core's

        await using var off = TalentMatchApp.Embedded();
        using var notServed = await off.CreateClient().GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, notServed.StatusCode);
    }

    [Fact]
    public async Task With_an_OTLP_endpoint_configured_traces_metrics_and_logs_are_exported_there()
    {
        using var collector = new FakeOtlpCollector();
        await using var app = TalentMatchApp.Embedded(new()
        {
            // The standard OpenTelemetry settings, as an operator sets them (environment variables).
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        });
        var (_, client) = await app.CreateTenantClientAsync();
        using var posted = await client.PostAsync("/v1/candidates",
            new StringContent("Barbara Liskov, distributed systems engineer: Ray, Kubernetes.", System.Text.Encoding.UTF8, "text/plain"),
            TestContext.Current.CancellationToken);
        Assert.Equal("indexed", (await Pipeline.WaitUntilSettledAsync(client, posted.Headers.Location!)).Status);
        client.Dispose();

        string[] signals = ["/v1/traces", "/v1/metrics", "/v1/logs"];
        var received = await WaitForAsync(collector.Received, paths => signals.All(paths.ContainsKey),
            paths => string.Join(", ", paths.Keys));
        foreach (var signal in signals)
        {
            // OTLP/protobuf carries strings as UTF-8: the resource names the service.
            Assert.Contains("talentmatch", System.Text.Encoding.UTF8.GetString(received[signal]), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task JSON_console_logs_carry_the_trace_id_of_the_request()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("talentmatch-logs-").FullName;
        try
        {
            await using var server = await ServerProcess.StartAsync(new Dictionary<string, string>
            {
                ["TalentMatch__Modules"] = "api",
                ["TalentMatch__DataDirectory"] = dataDirectory,
                ["Logging__Console__FormatterName"] = "json",
                ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            });
            var traceId = ActivityTraceId.CreateRandom().ToString();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
            using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            var line = await WaitForAsync(
                () => server.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .FirstOrDefault(l => l.Contains(traceId, StringComparison.Ordinal)),
                found => found is not null);
            using var entry = JsonDocument.Parse(line!); // one JSON object a line
            Assert.Equal("Microsoft.AspNetCore.Hosting.Diagnostics", entry.RootElement.GetProperty("Category").GetString());
            Assert.True(entry.RootElement.TryGetProperty("Timestamp", out _), line);
            Assert.Contains(entry.RootElement.GetProperty("Scopes").EnumerateArray(),
                scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("TraceId", out var id) && id.GetString() == traceId);
            Assert.All(server.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => JsonDocument.Parse(l).Dispose());
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static bool IsConsumeOf(Activity span, string consumer) =>
        span.Kind == ActivityKind.Consumer
        && span.TagObjects.Any(t => t.Key == "messaging.masstransit.consumer_type" && (t.Value as string ?? "").Contains(consumer, StringComparison.Ordinal));

    private static bool Descends(Activity span, Activity ancestor, List<Activity> spans)
    {
        var bySpanId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        var current = span;
        for (var hops = 0; hops < 50; hops++)
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }

            if (!bySpanId.TryGetValue(current.ParentSpanId, out var parent))
            {
                return false;
            }

            current = parent;
        }

        return false;
    }

    private static string Describe(IEnumerable<Activity> spans) => string.Join('\n', spans.Select(s =>
        string.Create(CultureInfo.InvariantCulture, $"{s.SpanId} <- {s.ParentSpanId} {s.Source.Name} {s.Kind} {s.DisplayName} [{string.Join(", ", s.TagObjects.Select(t => $"{t.Key}={t.Value}"))}]")));

    private static Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done, Func<T, string>? describe = null) =>
        WaitForAsync(() => Task.FromResult(read()), done, describe);

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<T, string>? describe = null)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(Patience.TotalSeconds * TimeProvider.System.TimestampFrequency);
        var value = await read();
        while (!done(value) && TimeProvider.System.GetTimestamp() < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            value = await read();
        }

        Assert.True(done(value), $"not reached within {Patience.TotalSeconds} s: {(describe is null ? value : describe(value))}");
        return value;
    }

    /// <summary>Accepts OTLP/HTTP posts on a loopback port and keeps the last body per path.</summary>
    private sealed class FakeOtlpCollector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Dictionary<string, byte[]> _received = [];

        public FakeOtlpCollector()
        {
            var port = FreePort();
            Endpoint = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Add(Endpoint.ToString());
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public Uri Endpoint { get; }

        public Dictionary<string, byte[]> Received()
        {
            lock (_received)
            {
                return new Dictionary<string, byte[]>(_received);
            }
        }

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return; // closed
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                lock (_received)
                {
                    _received[context.Request.Url!.AbsolutePath] = body.ToArray();
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }

    /// <summary>The in-memory exporter's target: exports come from many threads (every app in this process).</summary>
    private sealed class SpanCollection : ICollection<Activity>
    {
        private readonly List<Activity> _spans = [];

        public int Count
        {
            get
            {
                lock (_spans)
                {
                    return _spans.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public List<Activity> Snapshot()
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }

        public void Add(Activity item)
        {
            lock (_spans)
            {
                _spans.Add(item);
            }
        }

        public void Clear()
        {
            lock (_spans)
            {
                _spans.Clear();
            }
        }

        public bool Contains(Activity item) => Snapshot().Contains(item);

        public void CopyTo(Activity[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

        public bool Remove(Activity item)
        {
            lock (_spans)
            {
                return _spans.Remove(item);
            }
        }

        public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
