using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Modules.Matching.Persistence;
using TalentMatch.Modules.Notifications;
using TalentMatch.Modules.Notifications.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Security;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// Effectively-once processing (docs/adr/0005): a message delivered again (what the broker does
/// after a worker dies before acknowledging) runs the pipeline again, but every event it causes
/// carries the same id as the first time, and consumers that write state recognise the id.
/// </summary>
public sealed class RedeliveryTests : IAsyncLifetime
{
    private readonly TalentMatchApp _app = TalentMatchApp.Embedded(new()
    {
        ["TalentMatch:Notifications:AllowPrivateTargets"] = "true",
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void Follow_up_ids_are_name_based_uuids_of_the_cause_and_the_event_type()
    {
        var cause = Guid.NewGuid();
        var id = ProcessedMessages.FollowUpId(cause, typeof(ResumeParsed));

        Assert.Equal(id, ProcessedMessages.FollowUpId(cause, typeof(ResumeParsed)));
        Assert.NotEqual(id, ProcessedMessages.FollowUpId(cause, typeof(DocumentRejected)));
        Assert.NotEqual(id, ProcessedMessages.FollowUpId(Guid.NewGuid(), typeof(ResumeParsed)));
        Assert.NotEqual(cause, id);
        Assert.Equal(5, id.Version);
        Assert.Contains(id.ToString()[19], "89ab"); // RFC 9562 variant
    }

    [Fact]
    public async Task A_submission_delivered_twice_is_indexed_and_announced_once()
    {
        var (_, client) = await _app.CreateTenantClientAsync(Scopes.CandidatesWrite, Scopes.CandidatesRead, Scopes.Webhooks);
        // Nothing listens there: deliveries stay pending, which is all this test counts.
        using (var hook = await client.PostAsJsonAsync("/v1/webhooks",
                   new { url = "http://127.0.0.1:9/hook", events = new[] { WebhookEventTypes.CandidateIndexed } }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        }

        var submissions = new SubmissionRecorder();
        using var recording = _app.Services.GetRequiredService<IBus>().ConnectConsumeObserver(submissions);
        using var body = new StringContent("Ada Lovelace, machine learning engineer: PyTorch, Kubernetes, LLM fine-tuning.",
            System.Text.Encoding.UTF8, "text/plain");
        using var posted = await client.PostAsync("/v1/candidates", body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var candidate = await Pipeline.WaitUntilSettledAsync(client, posted.Headers.Location!);
        Assert.Equal("indexed", candidate.Status);
        await Eventually.HoldsAsync(async () => await CountDeliveriesAsync(candidate.Id) == 1, "the first candidate.indexed delivery");

        // The submission as the outbox published it (its row is gone once sent): same payload, same message id.
        var (submittedId, message) = submissions.Of(candidate.Id);

        var parsedId = ProcessedMessages.FollowUpId(submittedId, typeof(ResumeParsed));
        var embeddedId = ProcessedMessages.FollowUpId(parsedId, typeof(ProfileEmbedded));
        var indexedId = ProcessedMessages.FollowUpId(embeddedId, typeof(CandidateIndexed));

        var bus = _app.Services.GetRequiredService<IBus>();
        var observer = new ConsumedMessages();
        using var connection = bus.ConnectConsumeObserver(observer);
        await bus.Publish(message, context => context.MessageId = submittedId, Ct);

        // The whole chain runs again and ends at the consumer of CandidateIndexed (pipeline status),
        // which sees the id it saw the first time, so it announces nothing again (the webhook's
        // candidate.indexed comes from its announcement, docs/adr/0011).
        await Eventually.HoldsAsync(() => observer.Count(indexedId) == 1, "the repeated CandidateIndexed at the pipeline status consumer");
        Assert.True(observer.Count(embeddedId) >= 1);

        Assert.Equal(1, await CountDeliveriesAsync(candidate.Id));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var notifications = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            Assert.Equal(1, await notifications.Set<ProcessedMessage>().CountAsync(m => m.Consumer == nameof(WebhookEventConsumer), Ct));
            var api = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
            Assert.Equal(1, await api.Set<ProcessedMessage>().CountAsync(m => m.MessageId == indexedId, Ct));
            // Matching's first pass may still be committing (it runs beside search's, and a busy database retries it):
            // its key appears once, and the repeat never adds a second.
            var matching = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
            await Eventually.HoldsAsync(async () => await matching.Set<ProcessedMessage>().CountAsync(m => m.MessageId == embeddedId, Ct) == 1,
                "matching's processed key of the ProfileEmbedded");
        }
    }

    [Fact]
    public async Task A_late_copy_of_an_older_revision_changes_neither_the_index_nor_the_matching_store()
    {
        var (tenant, _) = await _app.CreateTenantClientAsync();
        var jobId = Guid.NewGuid();
        var bus = _app.Services.GetRequiredService<IBus>();
        var observer = new ConsumedMessages();
        using var connection = bus.ConnectConsumeObserver(observer);
        ProfileEmbedded Job(string text, int revision) => new(jobId, tenant, DocumentKind.Job, text, text, [],
            [.. Enumerable.Range(0, 384).Select(i => i == revision ? 1f : 0f)], "test-model", null, revision);

        var newer = Guid.NewGuid();
        await bus.Publish(Job("revision two: vLLM serving", 2), c => c.MessageId = newer, Ct);
        // Three consumers of ProfileEmbedded: search, the matching store and insights.
        await Eventually.HoldsAsync(() => observer.Count(newer) == 3, "revision 2 indexed and stored");
        // Revision 1, redelivered after a worker died holding it, arrives after revision 2.
        var older = Guid.NewGuid();
        await bus.Publish(Job("revision one: TensorFlow", 1), c => c.MessageId = older, Ct);
        await Eventually.HoldsAsync(() => observer.Count(older) == 3, "the late revision 1 consumed by search, the matching store and insights");

        var indexed = await _app.Services.GetRequiredService<TalentMatch.Core.SearchIndex.ISearchIndex>().GetAsync(tenant, DocumentKind.Job, jobId, Ct);
        Assert.Equal(("revision two: vLLM serving", 2), (indexed!.Text, indexed.Revision));
        await using var scope = _app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<MatchingDbContext>().Profiles.AsNoTracking()
            .SingleAsync(p => p.TenantId == tenant && p.Id == jobId, Ct);
        Assert.Equal(2, stored.Revision);
        Assert.Contains("revision two", stored.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Processed_message_keys_are_pruned_after_their_retention()
    {
        var now = TimeProvider.System.GetUtcNow();
        var old = Guid.NewGuid();
        var recent = Guid.NewGuid();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var api = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
            api.Set<ProcessedMessage>().AddRange(
                new ProcessedMessage { MessageId = old, Consumer = "test", ProcessedAtMs = (now - TimeSpan.FromDays(8)).ToUnixTimeMilliseconds() },
                new ProcessedMessage { MessageId = recent, Consumer = "test", ProcessedAtMs = (now - TimeSpan.FromDays(6)).ToUnixTimeMilliseconds() });
            await api.SaveChangesAsync(Ct);
        }

        var pruner = _app.Services.GetServices<IHostedService>().OfType<ProcessedMessagePruner<ApiDbContext>>().Single();
        Assert.True(await pruner.PruneAsync(Ct) >= 1);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var api = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
            var left = await api.Set<ProcessedMessage>().Where(m => m.Consumer == "test").Select(m => m.MessageId).ToListAsync(Ct);
            Assert.Equal([recent], left);
        }
    }

    private async Task<int> CountDeliveriesAsync(Guid candidateId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var notifications = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        return (await notifications.Deliveries.AsNoTracking()
                .Where(d => d.EventType == WebhookEventTypes.CandidateIndexed).Select(d => d.Payload).ToListAsync(Ct))
            .Count(p => p.Contains(candidateId.ToString(), StringComparison.Ordinal));
    }

    /// <summary>Each ResumeSubmitted as ingestion received it, with its message id, by candidate.</summary>
    private sealed class SubmissionRecorder : IConsumeObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (Guid MessageId, ResumeSubmitted Message)> _seen = new();

        public (Guid MessageId, ResumeSubmitted Message) Of(Guid candidateId) => _seen[candidateId];

        public Task PreConsume<T>(ConsumeContext<T> context)
            where T : class
        {
            if (context.Message is ResumeSubmitted submitted && context.MessageId is Guid id)
            {
                _seen[submitted.CandidateId] = (id, submitted);
            }

            return Task.CompletedTask;
        }

        public Task PostConsume<T>(ConsumeContext<T> context)
            where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }
}
