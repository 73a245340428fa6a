using System.Diagnostics;
using System.Diagnostics.Metrics;
using MassTransit;
using MassTransit.Logging;
using MassTransit.Monitoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TalentMatch.Contracts;

namespace TalentMatch.Platform.ServiceDefaults;

public sealed class TelemetryOptions
{
    public const string Section = "TalentMatch:Telemetry";

    /// <summary>
    /// Serves <c>/metrics</c> in the Prometheus text format, without authentication (a scraper has
    /// no API key). Off by default: turn it on only where the port is reachable from inside the
    /// cluster alone, or where the ingress does not route <c>/metrics</c>.
    /// </summary>
    public bool PrometheusEndpoint { get; set; }

    /// <summary>
    /// OTLP export (traces, metrics, logs) is on when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
    /// is set; the OpenTelemetry SDK reads it and the other <c>OTEL_*</c> settings itself.
    /// </summary>
    public static bool OtlpConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static TelemetryOptions From(IConfiguration configuration) =>
        Settings.Read<TelemetryOptions>(configuration, Section);
}

public static class TelemetryExtensions
{
    public const string PrometheusPath = "/metrics";

    /// <summary>
    /// Traces (HTTP in, HTTP out, every bus publish and consume), metrics (ASP.NET Core, runtime,
    /// MassTransit, <see cref="TalentMatchMetrics"/>) and logs, exported over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set and scraped at <c>/metrics</c> when
    /// <see cref="TelemetryOptions.PrometheusEndpoint"/> is on. With neither, no tracer or meter
    /// provider is built, so the embedded system pays nothing for what nobody collects.
    /// </summary>
    public static IHostApplicationBuilder AddTalentMatchTelemetry(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var options = TelemetryOptions.From(configuration);
        var services = builder.Services;

        services.AddSingleton<TalentMatchMetrics>();
        services.AddPublishObserver<PipelineMetricsObserver>();
        services.AddConsumeObserver<PipelineMetricsObserver>();

        // What is collected, declared whether or not anything collects it: these only take effect
        // once a provider exists (an exporter below, or a test's in-memory exporter).
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(TalentMatchMetrics.Name)
            .AddSource(DiagnosticHeaders.DefaultListenerName) // MassTransit: publish, send, receive, consume
            .AddAspNetCoreInstrumentation(http => http.Filter = context => !IsProbeOrScrape(context.Request.Path))
            .AddHttpClientInstrumentation()); // webhook deliveries
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .AddMeter(TalentMatchMetrics.Name)
            .AddMeter(InstrumentationOptions.MeterName) // MassTransit: receive/consume/publish counts, durations, faults
            .AddMeter("Npgsql") // PostgreSQL pool: db.client.connection.count/max, npgsql.pending_requests, npgsql.timeouts
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation());
        services.Configure<OpenTelemetryLoggerOptions>(logs =>
        {
            logs.IncludeScopes = true;
            logs.IncludeFormattedMessage = true;
        });

        var openTelemetry = services.AddOpenTelemetry().ConfigureResource(resource => DescribeService(resource, configuration));
        if (TelemetryOptions.OtlpConfigured(configuration))
        {
            openTelemetry.UseOtlpExporter(); // all three signals; endpoint, protocol, headers from OTEL_* settings
        }

        if (options.PrometheusEndpoint)
        {
            openTelemetry.WithMetrics(metrics => metrics.AddPrometheusExporter());
        }

        ConfigureJsonConsoleLogs(builder);
        return builder;
    }

    /// <summary>Maps <c>/metrics</c> when <see cref="TelemetryOptions.PrometheusEndpoint"/> is on.</summary>
    public static WebApplication MapTalentMatchTelemetry(this WebApplication app)
    {
        if (TelemetryOptions.From(app.Configuration).PrometheusEndpoint)
        {
            app.MapPrometheusScrapingEndpoint(PrometheusPath).ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>
    /// service.name tells which processes a span crossed: <c>talentmatch</c> for the embedded system
    /// (all modules), <c>talentmatch-api</c>, <c>talentmatch-ingestion-embedding-search</c>, … for
    /// a process running some of them. <c>OTEL_SERVICE_NAME</c> still wins when set.
    /// </summary>
    private static void DescribeService(ResourceBuilder resource, IConfiguration configuration)
    {
        var modules = ServiceModules.Enabled(configuration);
        var running = ServiceModules.All.Where(modules.Contains).ToList();
        if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
        {
            var name = running.Count == ServiceModules.All.Count ? "talentmatch" : "talentmatch-" + string.Join('-', running);
            resource.AddService(name,
                serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString(),
                // The pod name in Kubernetes: which replica handled the request.
                serviceInstanceId: Environment.MachineName);
        }

        resource.AddAttributes([new("talentmatch.modules", string.Join(',', running))]);
    }

    private static bool IsProbeOrScrape(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(PrometheusPath);

    /// <summary>
    /// <c>Logging:Console:FormatterName=json</c> (built into .NET) writes one JSON object a line. Its
    /// scopes carry TraceId and SpanId (the host's default ActivityTrackingOptions), which is how a
    /// log line finds its trace, so JSON logs include scopes and a UTC timestamp unless
    /// <c>Logging:Console:FormatterOptions</c> says otherwise.
    /// </summary>
    private static void ConfigureJsonConsoleLogs(IHostApplicationBuilder builder)
    {
        var formatter = builder.Configuration.GetSection("Logging:Console:FormatterOptions");
        builder.Services.Configure<JsonConsoleFormatterOptions>(json =>
        {
            json.IncludeScopes = formatter.GetValue(nameof(json.IncludeScopes), true);
            json.UseUtcTimestamp = formatter.GetValue(nameof(json.UseUtcTimestamp), true);
            json.TimestampFormat ??= "O"; // round-trip: UTC shows as +00:00
        });
    }
}

/// <summary>
/// TalentMatch's own metrics (meter <c>TalentMatch</c>) and its ActivitySource. Pipeline counters
/// are counted where the event is published, so each one comes from the process that did the work
/// (ingestion counts <c>ingested</c>, search counts <c>indexed</c>, …).
/// </summary>
public sealed class TalentMatchMetrics
{
    /// <summary>The meter's and the ActivitySource's name.</summary>
    public const string Name = "TalentMatch";

    /// <summary>Spans of TalentMatch's own work (the outbox dispatch that continues a request's trace).</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _submitted;
    private readonly Counter<long> _ingested;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _embedded;
    private readonly Counter<long> _indexed;
    private readonly Counter<long> _consumerFailures;
    private readonly Histogram<double> _pipelineDuration;

    public TalentMatchMetrics(IMeterFactory meters, IEnumerable<IOutboxBacklog> outboxes)
    {
        var meter = meters.Create(Name);
        _submitted = meter.CreateCounter<long>("talentmatch.documents.submitted", "{document}",
            "Documents accepted by the api and published to the pipeline (ResumeSubmitted, JobSubmitted).");
        _ingested = meter.CreateCounter<long>("talentmatch.documents.ingested", "{document}",
            "Documents ingestion read and parsed (ResumeParsed, JobParsed).");
        _rejected = meter.CreateCounter<long>("talentmatch.documents.rejected", "{document}",
            "Documents ingestion could not use, by reason (DocumentRejected).");
        _embedded = meter.CreateCounter<long>("talentmatch.documents.embedded", "{document}",
            "Profiles turned into vectors (ProfileEmbedded).");
        _indexed = meter.CreateCounter<long>("talentmatch.documents.indexed", "{document}",
            "Documents made searchable (CandidateIndexed, JobIndexed).");
        _consumerFailures = meter.CreateCounter<long>("talentmatch.consumer.failures", "{message}",
            "Messages a consumer failed on after all retries: they are in the endpoint's _error queue.");
        _pipelineDuration = meter.CreateHistogram<double>("talentmatch.pipeline.duration", "s",
            "From a document's submission to its being searchable (first revision).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900] });

        // The outbox backlog is the api's "queue lag": events committed but not yet on the bus.
        // Measured only when a reader collects (an export or a scrape), never otherwise.
        var backlogs = outboxes.ToList();
        meter.CreateObservableGauge("talentmatch.outbox.pending", () => Observe(backlogs, sample => sample.Pending),
            "{message}", "Outbox rows committed but not yet published to the bus.");
        meter.CreateObservableGauge("talentmatch.outbox.oldest_age", () => Observe(backlogs, sample => sample.OldestAge.TotalSeconds),
            "s", "Age of the oldest unpublished outbox row (0 when none is waiting).");
    }

    /// <summary>Counts a pipeline event as it leaves this process.</summary>
    public void Published(object message)
    {
        switch (message)
        {
            case ResumeSubmitted:
                _submitted.Add(1, Kind(DocumentKind.Resume));
                break;
            case JobSubmitted:
                _submitted.Add(1, Kind(DocumentKind.Job));
                break;
            case ResumeParsed:
                _ingested.Add(1, Kind(DocumentKind.Resume));
                break;
            case JobParsed:
                _ingested.Add(1, Kind(DocumentKind.Job));
                break;
            case DocumentRejected rejected:
                _rejected.Add(1, Kind(rejected.Kind), new KeyValuePair<string, object?>("reason", rejected.Reason));
                break;
            case ProfileEmbedded embedded:
                _embedded.Add(1, Kind(embedded.Kind));
                break;
            case CandidateIndexed:
                _indexed.Add(1, Kind(DocumentKind.Resume));
                break;
            case JobIndexed:
                _indexed.Add(1, Kind(DocumentKind.Job));
                break;
        }
    }

    /// <summary>A document became searchable <paramref name="latency"/> after it was submitted.</summary>
    public void PipelineCompleted(DocumentKind kind, TimeSpan latency) =>
        _pipelineDuration.Record(Math.Max(0, latency.TotalSeconds), Kind(kind));

    public void ConsumerFailed(Type messageType, Exception exception) =>
        _consumerFailures.Add(1,
            new KeyValuePair<string, object?>("message_type", messageType.Name),
            new KeyValuePair<string, object?>("exception_type", exception.GetType().Name));

    private static IEnumerable<Measurement<T>> Observe<T>(List<IOutboxBacklog> backlogs, Func<OutboxBacklogSample, T> value)
        where T : struct
    {
        foreach (var backlog in backlogs)
        {
            if (backlog.Measure() is { } sample)
            {
                yield return new Measurement<T>(value(sample), new KeyValuePair<string, object?>("outbox", backlog.Name));
            }
        }
    }

    private static KeyValuePair<string, object?> Kind(DocumentKind kind) =>
        new("kind", kind == DocumentKind.Resume ? "resume" : "job");
}

/// <summary>Feeds <see cref="TalentMatchMetrics"/> from the bus: every publish, and every consume that failed for good.</summary>
internal sealed class PipelineMetricsObserver(TalentMatchMetrics metrics) : IPublishObserver, IConsumeObserver
{
    public Task PrePublish<T>(PublishContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context)
        where T : class
    {
        metrics.Published(context.Message);
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    /// <summary>With retries configured, MassTransit reports a fault once, when the last retry has failed.</summary>
    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class
    {
        metrics.ConsumerFailed(typeof(T), exception);
        return Task.CompletedTask;
    }
}

/// <summary>
/// How far an outbox is behind: what <c>talentmatch.outbox.*</c> report. Declared here, implemented by
/// the messaging platform's outbox, so that telemetry needs nothing above it.
/// </summary>
public interface IOutboxBacklog
{
    /// <summary>The DbContext whose outbox this is (the same name as its health check).</summary>
    string Name { get; }

    /// <summary>Unpublished rows and the age of the oldest; null when the database cannot be read.</summary>
    OutboxBacklogSample? Measure();
}

public sealed record OutboxBacklogSample(long Pending, TimeSpan OldestAge);
