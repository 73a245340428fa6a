using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using TalentMatch.Platform.Messaging;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>Restarts the shared broker: runs alone, after the tests that run in parallel.</summary>
[CollectionDefinition(nameof(BrokerRestarts), DisableParallelization = true)]
public sealed class BrokerRestarts;

/// <summary>
/// Issue #8's fault test, on real RabbitMQ and PostgreSQL with the services as OS processes: a
/// stream of resumes goes in while one of two worker processes is killed with SIGKILL and
/// restarted, and the broker is restarted once. Afterwards every resume is indexed exactly once:
/// none lost (all indexed, all found), none duplicated (one search hit and one webhook event each).
/// </summary>
[Collection(nameof(BrokerRestarts))]
public sealed class FaultToleranceTests
{
    /// <summary>
    /// 1,000 by default (about 2 minutes on CI's 2 cores with pooled connections; enough for the
    /// kill and the restart to strike with hundreds of messages in flight); TALENTMATCH_FAULT_TEST_RESUMES changes it.
    /// </summary>
    private static readonly int ResumeCount = int.TryParse(Environment.GetEnvironmentVariable("TALENTMATCH_FAULT_TEST_RESUMES"),
        CultureInfo.InvariantCulture, out var n) ? n : 1000;

    private static readonly string[] Skills =
    [
        "PyTorch", "TensorFlow", "Kubernetes", "Docker", "LangChain", "vLLM", "CUDA", "Spark", "Airflow", "MLflow",
        "Hugging Face Transformers", "RAG", "LoRA", "DeepSpeed", "ONNX", "scikit-learn", "PostgreSQL", "Kafka", "Ray", "JAX",
    ];

    private static readonly string[] Titles =
        ["machine learning engineer", "data scientist", "MLOps engineer", "NLP researcher", "computer vision engineer", "LLM engineer"];

    private static readonly string[] CandidateIndexedOnly = ["candidate.indexed"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_resume_is_indexed_exactly_once_through_a_worker_kill_and_a_broker_restart()
    {
        await using var rabbit = await RabbitMqVirtualHost.CreateAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        var dataDirectory = Directory.CreateTempSubdirectory("talentmatch-faults-").FullName;
        var common = ServerProcess.DistributedEnvironment(rabbit, database, dataDirectory);
        common["Logging__LogLevel__Default"] = "Warning";
        var workerEnvironment = new Dictionary<string, string>(common) { ["TalentMatch__Modules"] = "ingestion,embedding" };
        var marker = "zf" + Guid.NewGuid().ToString("N")[..10];
        ServerProcess? workerA = null;
        try
        {
            await ServerProcess.RunToCompletionAsync("migrate", common);
            var key = (await ServerProcess.RunToCompletionAsync("bootstrap fault-corp", common)).Trim();

            // One process owns the api and the embedded search index; two identical worker
            // processes share the ingestion and embedding queues (competing consumers).
            await using var api = await ServerProcess.StartAsync(new Dictionary<string, string>(common)
            {
                ["TalentMatch__Modules"] = "api,search,matching,notifications",
                ["TalentMatch__Notifications__AllowPrivateTargets"] = "true",
                ["TalentMatch__Notifications__MaxAttempts"] = "1",
            });
            api.Authenticate(key);
            workerA = await ServerProcess.StartAsync(workerEnvironment);
            await using var workerB = await ServerProcess.StartAsync(workerEnvironment);

            // Every candidate.indexed event becomes one delivery row: the duplicate detector.
            using (var hook = await api.Client.PostAsJsonAsync("/v1/webhooks",
                       new { url = "http://127.0.0.1:9/hook", events = CandidateIndexedOnly }, Ct))
            {
                Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
            }

            var submitting = SubmitAllAsync(api.Client, marker);

            // What the processes logged (warnings and errors), for a stall's failure message.
            string Logs() => string.Join("\n", new[] { ("api", (ServerProcess?)api), ("worker A", workerA), ("worker B", workerB) }
                .Where(p => p.Item2 is not null)
                .Select(p => $"--- {p.Item1}, last lines:\n{Tail(p.Item2!.Output, 40)}"));

            var indexedAtKill = await WaitForIndexedAsync(database, ResumeCount / 5, Logs);
            await workerA.KillAsync();
            await workerA.DisposeAsync();
            workerA = null;
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
            workerA = await ServerProcess.StartAsync(workerEnvironment);

            var indexedAtBrokerRestart = await WaitForIndexedAsync(database, ResumeCount / 2, Logs);
            await TestServers.RestartRabbitMqAsync();

            var submitted = await submitting;
            Assert.Equal(ResumeCount, submitted.Count);
            await WaitForIndexedAsync(database, ResumeCount, Logs);

            // The faults struck mid-stream, not after the work was done.
            Assert.True(indexedAtKill < ResumeCount, $"the worker was killed after all {ResumeCount} were indexed");
            Assert.True(indexedAtBrokerRestart < ResumeCount, $"the broker restarted after all {ResumeCount} were indexed");

            // None lost: the api says every one is indexed, and search finds every one, once.
            var statuses = await QueryAsync(database, """SELECT "Status", count(*) FROM "Candidates" GROUP BY "Status" """);
            Assert.Equal([("Indexed", (long)ResumeCount)], statuses.Select(r => ((string)r[0], (long)r[1])));
            using (var search = await api.Client.GetAsync($"/v1/search/candidates?q={marker}&limit=1", Ct))
            {
                Assert.Equal(HttpStatusCode.OK, search.StatusCode);
                var total = (await search.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("total").GetInt64();
                Assert.Equal(ResumeCount, total);
            }

            // None duplicated: one candidate.indexed event per resume, although redelivered
            // messages ran parts of the pipeline twice (their follow-up events kept their ids).
            // Announcements leave the api's outbox after the status commits (ADR 0011): they may
            // trail the last status by the outbox's backlog, so wait for them, then count exactly.
            await WaitForDeliveriesAsync(database, rabbit, Logs);
            var deliveries = await QueryAsync(database, """SELECT "Payload" FROM "WebhookDeliveries" WHERE "EventType" = 'candidate.indexed'""");
            var announced = deliveries
                .Select(r => JsonDocument.Parse((string)r[0]).RootElement.GetProperty("data").GetProperty("candidateId").GetGuid())
                .ToList();
            Assert.Equal(ResumeCount, announced.Count);
            Assert.Equal(submitted.Order(), announced.Order());

            // And nothing failed for good.
            var errorQueues = await new DeadLetterQueues(rabbit.AmqpUrl).CountAsync(
                ["talentmatch-document-submitted_error", "talentmatch-profile-parsed_error", "talentmatch-profile-embedded_error",
                    "talentmatch-profile-store_error", "talentmatch-pipeline-status_error", "talentmatch-webhook-event_error"], Ct);
            Assert.All(errorQueues, q => Assert.Equal(0u, q.Value));

            // And the database kept up: no process logged a PostgreSQL failure (a connection or
            // command timeout, a dropped connection), broker restart and worker kill included.
            foreach (var (name, process) in new[] { ("api", (ServerProcess)api), ("worker A", workerA!), ("worker B", workerB) })
            {
                Assert.False(process.Output.Contains("Npgsql.NpgsqlException", StringComparison.Ordinal),
                    $"{name} logged a database failure:\n{Tail(process.Output, 40)}");
            }
        }
        finally
        {
            if (workerA is not null)
            {
                await workerA.DisposeAsync();
            }

            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Waits up to five minutes for a candidate.indexed delivery per resume. On a stall it says where
    /// the announcements are: still in the api's outbox (and why its publishes fail), or published
    /// and waiting in the webhook consumer's queue.
    /// </summary>
    private static async Task WaitForDeliveriesAsync(PostgresDatabase database, RabbitMqVirtualHost rabbit, Func<string> logs)
    {
        const string Deliveries = """SELECT count(*) FROM "WebhookDeliveries" WHERE "EventType" = 'candidate.indexed'""";
        var deadline = TimeProvider.System.GetTimestamp() + (300 * TimeProvider.System.TimestampFrequency);
        long delivered;
        while ((delivered = (long)(await QueryAsync(database, Deliveries))[0][0]) < ResumeCount)
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                var outbox = await QueryAsync(database,
                    """SELECT "MessageType", count(*), max("Attempts"), max("LastError") FROM "Outbox" GROUP BY "MessageType" """);
                var queues = await new DeadLetterQueues(rabbit.AmqpUrl).CountAsync(
                    ["talentmatch-webhook-event", "talentmatch-pipeline-status"], Ct);
                Assert.Fail($"""
                    {delivered} of {ResumeCount} candidate.indexed deliveries after five minutes.
                    outbox rows: {string.Join("; ", outbox.Select(r => string.Join(", ", r)))}
                    queues: {string.Join("; ", queues.Select(q => $"{q.Key} {q.Value}"))}
                    {logs()}
                    """);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        }
    }

    private static async Task<List<Guid>> SubmitAllAsync(HttpClient api, string marker)
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, ResumeCount), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct },
            async (i, ct) =>
            {
                // As an integrator must: a 429 (the key's rate limit) is waited out as Retry-After says.
                while (true)
                {
                    using var body = new StringContent(ResumeText(i, marker), Encoding.UTF8, "text/plain");
                    using var response = await api.PostAsync("/v1/candidates", body, ct);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), ct);
                        continue;
                    }

                    Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                    ids.Add(Guid.Parse(response.Headers.Location!.Segments[^1]));
                    return;
                }
            });
        return [.. ids];
    }

    private static string ResumeText(int i, string marker)
    {
        var skills = string.Join(", ", Enumerable.Range(0, 4).Select(k => Skills[((i * 7) + (k * 3)) % Skills.Length]));
        return string.Create(CultureInfo.InvariantCulture,
            $"Candidate {i}, {Titles[i % Titles.Length]} with {2 + (i % 12)} years of experience. Skills: {skills}. Built and shipped production models; {marker}.");
    }

    /// <summary>Waits until at least <paramref name="target"/> resumes are indexed; fails when progress stalls for two minutes.</summary>
    private static string Tail(string text, int lines) =>
        string.Join('\n', text.Split('\n').TakeLast(lines));

    private static async Task<long> WaitForIndexedAsync(PostgresDatabase database, int target, Func<string> logs)
    {
        var lastCount = -1L;
        var lastProgress = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var count = (long)(await QueryAsync(database, """SELECT count(*) FROM "Candidates" WHERE "Status" = 'Indexed'"""))[0][0];
            if (count >= target)
            {
                return count;
            }

            if (count != lastCount)
            {
                (lastCount, lastProgress) = (count, TimeProvider.System.GetTimestamp());
            }

            if (TimeProvider.System.GetElapsedTime(lastProgress) >= TimeSpan.FromMinutes(2))
            {
                var statuses = await QueryAsync(database, """SELECT "Status", count(*) FROM "Candidates" GROUP BY "Status" """);
                var outbox = await QueryAsync(database,
                    """SELECT "MessageType", count(*), max("Attempts"), max("LastError") FROM "Outbox" GROUP BY "MessageType" """);
                Assert.Fail($"""
                    stalled at {count} of {target} indexed for two minutes
                    candidates: {string.Join("; ", statuses.Select(r => $"{r[0]} {r[1]}"))}
                    outbox rows: {string.Join("; ", outbox.Select(r => string.Join(", ", r)))}
                    {logs()}
                    """);
            }
            await Task.Delay(250, Ct);
        }
    }

    /// <summary>
    /// The test's own look at the database. On the 2-core CI machine the scenario saturates the CPU,
    /// so the test's own connection can take longer than Npgsql's default 15 s to open:
    /// it waits up to a minute, and tries a timed-out query again, rather than fail the scenario on
    /// its own observation.
    /// </summary>
    private static async Task<List<object[]>> QueryAsync(PostgresDatabase database, string sql)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await QueryOnceAsync(database, sql);
            }
            catch (NpgsqlException e) when (attempt < 3 && e.InnerException is TimeoutException or null && !Ct.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), Ct);
            }
        }
    }

    private static async Task<List<object[]>> QueryOnceAsync(PostgresDatabase database, string sql)
    {
        var patient = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Timeout = 60, CommandTimeout = 120 };
        await using var connection = new NpgsqlConnection(patient.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<object[]>();
        while (await reader.ReadAsync(Ct))
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }
}
