using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TalentMatch.Platform.Persistence;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// What a webhook announces, the API already shows (docs/adr/0011): an integrator that fetches a
/// document the moment it is told "indexed" or "rejected" reads that status, with the text and
/// skills. Run over RabbitMQ and PostgreSQL, where the api's status consumers and the webhook
/// consumer take their events from different queues and nothing orders them but the rule.
/// </summary>
public sealed class AnnouncementOrderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] StatusEvents = ["candidate.indexed", "job.indexed", "document.rejected"];

    private sealed record Seen(string Type, Guid Id, HttpStatusCode Code, string? Status, int TextLength, int Skills);

    [Fact]
    public async Task Every_document_a_webhook_announces_already_reads_as_announced()
    {
        await using var rabbit = await RabbitMqVirtualHost.CreateAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        await using var app = TalentMatchApp.Distributed(rabbit, database, new()
        {
            ["TalentMatch:Notifications:AllowPrivateTargets"] = "true",
            ["TalentMatch:Notifications:PollInterval"] = "00:00:00.050",
        });
        await app.Services.MigrateDatabasesAsync(Ct);
        var (_, client) = await app.CreateTenantClientAsync();

        var seen = new ConcurrentQueue<Seen>();
        receiver.OnReceived = async request =>
        {
            using var envelope = JsonDocument.Parse(request.Body);
            var type = envelope.RootElement.GetProperty("type").GetString()!;
            var data = envelope.RootElement.GetProperty("data");
            var (path, id) = type switch
            {
                "candidate.indexed" => ("candidates", data.GetProperty("candidateId").GetGuid()),
                "job.indexed" => ("jobs", data.GetProperty("jobId").GetGuid()),
                _ => (data.GetProperty("kind").GetString() == "job" ? "jobs" : "candidates", data.GetProperty("documentId").GetGuid()),
            };
            using var response = await client.GetAsync($"/v1/{path}/{id}", Ct);
            var document = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(Ct) : default;
            seen.Enqueue(new Seen(type, id, response.StatusCode,
                document.ValueKind == JsonValueKind.Object ? document.GetProperty("status").GetString() : null,
                document.ValueKind == JsonValueKind.Object ? document.GetProperty("text").GetString()!.Length : 0,
                document.ValueKind == JsonValueKind.Object ? document.GetProperty("skills").GetArrayLength() : 0));
        };
        using (var hook = await client.PostAsJsonAsync("/v1/webhooks", new
               {
                   url = receiver.Url("/hook"),
                   events = StatusEvents,
               }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        }

        // Uploads: their text reaches the api with the parse, so "indexed" before "parsed" would show none.
        const int Resumes = 20, Jobs = 5, Rejected = 3;
        var posts = new List<Task<HttpResponseMessage>>();
        for (var i = 0; i < Resumes; i++)
        {
            var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(Encoding.UTF8.GetBytes($"Engineer {i}. Five years of PyTorch, CUDA and DeepSpeed; Kubernetes.")), "file", $"resume-{i}.txt" },
            };
            posts.Add(client.PostAsync("/v1/candidates", form, Ct));
        }

        for (var i = 0; i < Jobs; i++)
        {
            posts.Add(client.PostAsJsonAsync("/v1/jobs", new { title = $"ML engineer {i}", text = "Required: PyTorch, CUDA. Nice to have: DeepSpeed." }, Ct));
        }

        for (var i = 0; i < Rejected; i++)
        {
            posts.Add(client.PostAsJsonAsync("/v1/candidates", new { text = "\u0001\u0002" }, Ct));
        }

        foreach (var posted in await Task.WhenAll(posts))
        {
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            posted.Dispose();
        }

        await receiver.WaitForAsync("/hook", Resumes + Jobs + Rejected, TimeSpan.FromMinutes(3));
        var all = seen.ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"{all.Count} announcements; read at once: " + string.Join(", ",
            all.GroupBy(s => $"{s.Type} → {s.Status ?? s.Code.ToString()}").Select(g => $"{g.Key}: {g.Count()}")));
        Assert.All(all, s => Assert.Equal(HttpStatusCode.OK, s.Code));
        Assert.All(all.Where(s => s.Type.EndsWith(".indexed", StringComparison.Ordinal)), s =>
        {
            Assert.Equal("indexed", s.Status);
            Assert.True(s.TextLength > 0 && s.Skills > 0, $"{s.Type} {s.Id}: announced with text {s.TextLength} chars and {s.Skills} skills");
        });
        Assert.All(all.Where(s => s.Type == "document.rejected"), s => Assert.Equal("rejected", s.Status));
    }
}
