using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TalentMatch.Contracts;
using TalentMatch.Platform.Persistence;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// The right to erasure on the embedded host: after DELETE and a complete erasure receipt, nothing
/// under the data directory (SQLite database and its log, search index, vector files, key ring)
/// holds a byte of what the candidate sent: not the text, not the file name, not the
/// Idempotency-Key. A unique marker in all three is what the scan looks for.
/// </summary>
public sealed class ErasureTests : IAsyncLifetime
{
    // A webhook to a local receiver, so that the delivery log holds events about the candidates.
    private static readonly Dictionary<string, string?> Notifications = new()
    {
        ["TalentMatch:Notifications:AllowPrivateTargets"] = "true",
        ["TalentMatch:Notifications:PollInterval"] = "00:00:00.100",
    };

    private static readonly string[] AllEvents = ["candidate.indexed", "job.indexed", "document.rejected", "candidates.matched", "roles.matched"];
    private static readonly string[] ErasureServices = ["search", "matching", "notifications", "insights"];

    private readonly TalentMatchApp _app = TalentMatchApp.Embedded(Notifications);

    private readonly WebhookReceiver _receiver = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _receiver.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private sealed record Submission(string Name, Func<HttpContent> Body, string Key);

    private sealed record ServiceStatusView(string Service, DateTimeOffset? ErasedAt);

    private sealed record ReceiptView(Guid Id, string Status, DateTimeOffset DeletedAt, DateTimeOffset? CompletedAt, List<ServiceStatusView> Services);

    [Fact]
    public async Task A_deleted_resume_leaves_no_trace_under_the_data_directory_once_the_erasure_is_complete()
    {
        var marker = NewMarker();
        var sizes = new MessageSizes();
        using var connected = _app.Services.GetRequiredService<IBus>().ConnectConsumeObserver(sizes);

        var uploads = await RunScenarioAsync(_app, marker);

        var (type, bytes) = sizes.Largest;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Largest message on the bus: {type}, {bytes} bytes"));
        Assert.Equal(0, sizes.WithFileBytes); // uploads went by reference
        Assert.True(bytes < 64 * 1024, $"a {bytes}-byte {type}: messages about these small resumes stay small");
        await _app.StopServerAsync();

        Assert.Empty(FilesContaining(_app.DataDirectory, marker, uploads));
    }

    [Fact]
    public async Task On_PostgreSQL_no_column_of_any_table_holds_a_deleted_resume_once_the_erasure_is_complete()
    {
        await using var rabbit = await RabbitMqVirtualHost.CreateAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        await using var app = TalentMatchApp.Distributed(rabbit, database, Notifications);
        await app.Services.MigrateDatabasesAsync(Ct);
        var marker = NewMarker();

        await RunScenarioAsync(app, marker, () => RowsContainingAsync(database, marker));

        Assert.Empty(await RowsContainingAsync(database, marker));
        await app.StopServerAsync();
        Assert.Empty(FilesContaining(app.DataDirectory, marker)); // the search index lives there in this mode too
    }

    private static string NewMarker() => "zqerase" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>
    /// Submits the marked resumes (text, PDF, DOCX, a rejected upload) and a marked job, waits until
    /// they are indexed and matched, checks that <paramref name="copies"/> finds the marker (so the
    /// final scan can fail), deletes them all, waits for every erasure receipt, and replays the
    /// original requests.
    /// </summary>
    /// <returns>The uploaded files' bytes, for a scan to look for.</returns>
    private async Task<List<byte[]>> RunScenarioAsync(TalentMatchApp app, string marker, Func<Task<List<string>>>? copies = null)
    {
        copies ??= () => Task.FromResult(FilesContaining(app.DataDirectory, marker));
        var (_, client) = await app.CreateTenantClientAsync();
        using (var hook = await client.PostAsJsonAsync("/v1/webhooks", new
               {
                   url = _receiver.Url("/all"),
                   events = AllEvents,
               }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        }

        // A job for the resumes to match, itself carrying the marker (jobs are erased the same way).
        using var jobPost = await client.PostAsJsonAsync("/v1/jobs", new
        {
            title = $"LLM training engineer {marker}",
            text = $"Requirements: PyTorch, DeepSpeed, distributed training on GPUs, CUDA. Team {marker}.",
        }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, jobPost.StatusCode);
        var job = await Pipeline.WaitUntilSettledAsync(client, jobPost.Headers.Location!);
        Assert.Equal("indexed", job.Status);

        string[] lines = [$"Jane Doe {marker}", "ML infrastructure engineer", "Five years of PyTorch, DeepSpeed and CUDA on 512 GPUs", $"Contact: jane.{marker}@example.com"];
        var pdf = TestDocuments.Pdf(lines);
        var docx = Docx(lines);
        var legacyDoc = new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0 };
        Submission[] submissions =
        [
            new("text", () => new StringContent(string.Join('\n', lines), Encoding.UTF8, "text/plain"), $"apply-{marker}-text"),
            new("pdf", () => TestDocuments.Upload(pdf, $"Jane_Doe_{marker}_Resume.pdf"), $"apply-{marker}-pdf"),
            new("docx", () => TestDocuments.Upload(docx, $"Jane_Doe_{marker}_Resume.docx"), $"apply-{marker}-docx"),
            new("rejected", () => TestDocuments.Upload(legacyDoc, $"Jane_Doe_{marker}_Resume.doc"), $"apply-{marker}-doc"),
        ];

        var candidates = new List<(Submission Submission, Uri Location, Guid Id)>();
        foreach (var submission in submissions)
        {
            using var response = await PostAsync(client, submission);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var settled = await Pipeline.WaitUntilSettledAsync(client, response.Headers.Location!);
            Assert.Equal(submission.Name == "rejected" ? "rejected" : "indexed", settled.Status);
            if (submission.Name != "rejected")
            {
                // The marker went through extraction. On RabbitMQ the api may take CandidateIndexed
                // before the sibling ResumeParsed that carries an upload's text (the ordering race of
                // issue #25), so the text can arrive a moment after "indexed".
                var location = response.Headers.Location!;
                await Eventually.HoldsAsync(async () =>
                    (await client.GetFromJsonAsync<DocumentView>(location, Pipeline.Json, Ct))!.Text?.Contains(marker, StringComparison.Ordinal) == true,
                    $"the {submission.Name} resume's text holds the marker");
            }

            candidates.Add((submission, response.Headers.Location!, settled.Id));
        }

        // Indexed (search finds the marker) and matched (matching holds the profiles), and the
        // delivery log holds events about them.
        Assert.Equal(4, (await Pipeline.SearchAsync(client, "candidates", marker)).Hits.Count + (await Pipeline.SearchAsync(client, "jobs", marker)).Hits.Count);
        foreach (var (submission, _, id) in candidates.Where(c => c.Submission.Name != "rejected"))
        {
            await Eventually.HoldsAsync(async () =>
            {
                using var matches = await client.GetAsync($"/v1/candidates/{id}/matches", Ct);
                return matches.IsSuccessStatusCode && (await matches.Content.ReadAsStringAsync(Ct)).Contains(job.Id.ToString(), StringComparison.Ordinal);
            }, $"the {submission.Name} resume matched to the job");
        }

        await _receiver.WaitForAsync("/all", 5); // job.indexed, 3 × candidate.indexed, document.rejected
        // The scan at the end can fail: before the erasure it finds the marker.
        Assert.NotEmpty(await copies());
        if (app.Services.GetRequiredService<IBlobStore>() is DirectoryBlobStore blobs)
        {
            // Each upload is stored once, as it came, in the blob store.
            Assert.Equal(2, FilesContaining(blobs.Root, marker, [pdf, docx]).Count(hit => hit.EndsWith("(an uploaded file)", StringComparison.Ordinal)));
        }

        // Export: everything held about the PDF candidate, the original file included; a 404 for another tenant.
        var pdfCandidate = candidates.Single(c => c.Submission.Name == "pdf");
        using (var export = await client.GetAsync($"/v1/candidates/{pdfCandidate.Id}/export", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            using var exported = JsonDocument.Parse(await export.Content.ReadAsStringAsync(Ct));
            Assert.Contains(marker, exported.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Contains(exported.RootElement.GetProperty("skills").EnumerateArray(), s => s.GetProperty("name").GetString() == "PyTorch");
            if (app.Services.GetRequiredService<IBlobStore>().Enabled)
            {
                Assert.Equal($"Jane_Doe_{marker}_Resume.pdf", exported.RootElement.GetProperty("file").GetProperty("name").GetString());
                Assert.Equal(pdf, Convert.FromBase64String(exported.RootElement.GetProperty("file").GetProperty("contentBase64").GetString()!));
            }
        }

        var (_, stranger) = await app.CreateTenantClientAsync();
        await ProblemAssert.IsProblemAsync(await stranger.GetAsync($"/v1/candidates/{pdfCandidate.Id}/export", Ct), HttpStatusCode.NotFound, "not-found");

        var clock = Stopwatch.StartNew();
        foreach (var (_, location, _) in candidates)
        {
            using var deleted = await client.DeleteAsync(location, Ct);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var deletedJob = await client.DeleteAsync(jobPost.Headers.Location!, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deletedJob.StatusCode);
        }

        var receipts = candidates.Select(c => $"/v1/candidates/{c.Id}/erasure").Append($"/v1/jobs/{job.Id}/erasure").ToList();
        foreach (var receipt in receipts)
        {
            await Eventually.HoldsAsync(async () => (await client.GetFromJsonAsync<ReceiptView>(receipt, Pipeline.Json, Ct))!.Status == "complete",
                $"{receipt} complete");
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            string.Create(CultureInfo.InvariantCulture, $"Erasure of 4 resumes and a job complete {clock.ElapsedMilliseconds} ms after the first DELETE"));
        var complete = (await client.GetFromJsonAsync<ReceiptView>(receipts[0], Pipeline.Json, Ct))!;
        Assert.Equal(ErasureServices, complete.Services.Select(s => s.Service));
        Assert.All(complete.Services, s => Assert.NotNull(s.ErasedAt));

        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/v1/candidates/{pdfCandidate.Id}/export", Ct), HttpStatusCode.NotFound, "not-found");

        // Replaying the original request returns neither the text nor a new candidate.
        foreach (var (submission, _, _) in candidates)
        {
            using var replay = await PostAsync(client, submission);
            var body = await replay.Content.ReadAsStringAsync(Ct);
            Assert.Equal(HttpStatusCode.Gone, replay.StatusCode);
            Assert.Contains("document-erased", body, StringComparison.Ordinal);
            Assert.DoesNotContain(marker, body, StringComparison.Ordinal);
            Assert.Null(replay.Headers.Location);
        }

        // The receipt is the tenant's: another tenant gets a 404, as for anything else of it.
        var (_, other) = await app.CreateTenantClientAsync();
        await ProblemAssert.IsProblemAsync(await other.GetAsync(receipts[0], Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await other.GetAsync(receipts[^1], Ct), HttpStatusCode.NotFound, "not-found");
        return [pdf, docx];
    }

    /// <summary>
    /// Every text-like and bytea column of every table in the database's public schema, as
    /// "table.column" where a live row holds the marker (UTF-8 text; UTF-8 or UTF-16LE bytes).
    /// Dead tuples are not rows: VACUUM's business (docs/privacy.md).
    /// </summary>
    private static async Task<List<string>> RowsContainingAsync(PostgresDatabase database, string marker)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        var columns = new List<(string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' "
            + "AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')", connection))
        await using (var reader = await list.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        Assert.Contains(columns, c => c.Table == "Candidates" && c.Column == "Text"); // the listing found the tables
        var hits = new List<string>();
        foreach (var (table, column, type) in columns)
        {
            var condition = type == "bytea"
                ? $"position(@utf8 in \"{column}\") > 0 OR position(@utf16 in \"{column}\") > 0"
                : $"strpos(\"{column}\"::text, @text) > 0";
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE {condition}", connection);
            count.Parameters.AddWithValue("text", marker);
            count.Parameters.AddWithValue("utf8", Encoding.UTF8.GetBytes(marker));
            count.Parameters.AddWithValue("utf16", Encoding.Unicode.GetBytes(marker));
            if ((long)(await count.ExecuteScalarAsync(Ct))! > 0)
            {
                hits.Add($"{table}.{column}");
            }
        }

        return hits;
    }

    [Fact]
    public async Task The_receipt_stays_pending_while_a_service_has_not_confirmed()
    {
        // "archive" stands for a service that holds a copy but has not confirmed (it is not running).
        await using var app = TalentMatchApp.Embedded(new() { ["TalentMatch:Api:ErasureServices"] = "search,matching,notifications,archive" });
        var (_, client) = await app.CreateTenantClientAsync();
        using var posted = await client.PostAsync("/v1/candidates", new StringContent("PyTorch and CUDA engineer", Encoding.UTF8, "text/plain"), Ct);
        await Pipeline.WaitUntilSettledAsync(client, posted.Headers.Location!);
        using var deleted = await client.DeleteAsync(posted.Headers.Location!, Ct);
        var url = $"{posted.Headers.Location!.AbsolutePath}/erasure";

        ReceiptView receipt = null!;
        await Eventually.HoldsAsync(async () =>
        {
            receipt = (await client.GetFromJsonAsync<ReceiptView>(url, Pipeline.Json, Ct))!;
            return receipt.Services.Count(s => s.ErasedAt is not null) == 3;
        }, "three confirmations");

        Assert.Equal("pending", receipt.Status);
        Assert.Null(receipt.CompletedAt);
        Assert.Null(Assert.Single(receipt.Services, s => s.Service == "archive").ErasedAt);
    }

    [Fact]
    public async Task Events_about_an_erased_document_that_were_still_in_flight_are_not_announced()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync();
        using (var hook = await client.PostAsJsonAsync("/v1/webhooks", new { url = _receiver.Url("/late"), events = AllEvents }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        }

        var (erased, erasedJob, live, liveJob) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var bus = _app.Services.GetRequiredService<IBus>();
        // The erasure overtakes the pipeline: notifications has it before the events about the documents.
        await bus.Publish(new DocumentDeleted(erased, tenant, DocumentKind.Resume, Erasure: true), Ct);
        await bus.Publish(new DocumentDeleted(erasedJob, tenant, DocumentKind.Job, Erasure: true), Ct);
        await Eventually.HoldsAsync(async () =>
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TalentMatch.Modules.Notifications.Persistence.NotificationsDbContext>();
            return await db.ErasedDocuments.CountAsync(e => e.TenantId == tenant, Ct) == 2;
        }, "notifications remembers both erasures");

        var now = TimeProvider.System.GetUtcNow();
        await bus.Publish(new CandidateIndexedAnnounced(erased, tenant, now), Ct);
        await bus.Publish(new JobIndexedAnnounced(erasedJob, tenant, now), Ct);
        await bus.Publish(new CandidatesMatchedToJob(erasedJob, tenant, [new CandidateMatch(live, 0.9)], now), Ct);
        await bus.Publish(new RolesMatchedToCandidate(live, tenant, [new RoleMatch(erasedJob, 0.9), new RoleMatch(liveJob, 0.8)], now), Ct);
        await bus.Publish(new CandidateIndexedAnnounced(live, tenant, now), Ct);

        var received = await _receiver.WaitForAsync("/late", 2);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct); // the suppressed ones would have been delivered by now
        received = _receiver.Received("/late");
        var bodies = received.Select(r => Encoding.UTF8.GetString(r.Body)).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Single(bodies, b => b.Contains("\"candidate.indexed\"", StringComparison.Ordinal) && b.Contains(live.ToString("D"), StringComparison.Ordinal));
        var roles = Assert.Single(bodies, b => b.Contains("\"roles.matched\"", StringComparison.Ordinal));
        Assert.Contains(liveJob.ToString("D"), roles, StringComparison.Ordinal);
        Assert.All(bodies, b => Assert.DoesNotContain(erased.ToString("D"), b, StringComparison.Ordinal));
        Assert.All(bodies, b => Assert.DoesNotContain(erasedJob.ToString("D"), b, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_live_candidate_has_no_erasure_receipt()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        using var posted = await client.PostAsync("/v1/candidates", new StringContent("PyTorch engineer", Encoding.UTF8, "text/plain"), Ct);

        await ProblemAssert.IsProblemAsync(await client.GetAsync($"{posted.Headers.Location!.AbsolutePath}/erasure", Ct), HttpStatusCode.NotFound, "not-found");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Submission submission)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/candidates") { Content = submission.Body() };
        request.Headers.Add("Idempotency-Key", submission.Key);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>
    /// The files (relative paths) in which the marker occurs as UTF-8, UTF-16LE or UTF-16BE bytes,
    /// or one of <paramref name="files"/> as its bytes or as base64 (a run of its base64 without
    /// <c>+</c> or <c>/</c>, which JSON may escape).
    /// </summary>
    private static List<string> FilesContaining(string directory, string marker, IEnumerable<byte[]>? files = null)
    {
        List<(string Name, byte[] Bytes)> encodings =
        [
            ("UTF-8", Encoding.UTF8.GetBytes(marker)),
            ("UTF-16LE", Encoding.Unicode.GetBytes(marker)),
            ("UTF-16BE", Encoding.BigEndianUnicode.GetBytes(marker)),
        ];
        foreach (var file in files ?? [])
        {
            encodings.Add(("an uploaded file", file));
            var run = Convert.ToBase64String(file).Split('+', '/').MaxBy(r => r.Length)!;
            encodings.Add(("an uploaded file as base64", Encoding.ASCII.GetBytes(run[..Math.Min(run.Length, 64)])));
        }

        var hits = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            byte[] content;
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                content = buffer.ToArray();
            }
            catch (FileNotFoundException)
            {
                continue; // deleted while we listed (a Lucene merge, the SQLite log)
            }

            hits.AddRange(encodings.Where(e => content.AsSpan().IndexOf(e.Bytes) >= 0)
                .Select(e => $"{Path.GetRelativePath(directory, file)} ({e.Name})"));
        }

        return hits;
    }

    /// <summary>The largest message body consumed from the bus, by message type.</summary>
    private sealed class MessageSizes : IConsumeObserver
    {
        private readonly System.Threading.Lock _lock = new();

        private int _withFileBytes;

        public (string Type, long Bytes) Largest { get; private set; } = ("none", 0);

        public int WithFileBytes => _withFileBytes;

        public Task PreConsume<T>(ConsumeContext<T> context)
            where T : class
        {
            if (context.Message is ResumeSubmitted { Document: not null })
            {
                Interlocked.Increment(ref _withFileBytes);
            }

            var bytes = context.ReceiveContext.Body.Length ?? context.ReceiveContext.Body.GetBytes().Length;
            lock (_lock)
            {
                if (bytes > Largest.Bytes)
                {
                    Largest = (typeof(T).Name, bytes);
                }
            }

            return Task.CompletedTask;
        }

        public Task PostConsume<T>(ConsumeContext<T> context)
            where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }

    private static byte[] Docx(string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(paragraphs.Select(text => new Paragraph(new Run(new Text(text))))));
            main.Document.Save();
        }

        return stream.ToArray();
    }
}
