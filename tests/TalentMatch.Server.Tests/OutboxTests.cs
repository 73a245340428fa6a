using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>The outbox: an event committed with its state change is published even if nobody published it then.</summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_event_committed_but_never_published_is_published_by_the_dispatcher()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync();
        var id = Guid.CreateVersion7();
        var clock = TimeProvider.System;
        // Exactly what the endpoint commits, as if the process had died right after the commit:
        // no signal to the dispatcher, no publish. Only its next poll can find the event.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
            var candidate = new Candidate { Id = id, TenantId = tenant, Text = "Recovered: Triton Inference Server engineer", SubmittedAt = clock.GetUtcNow() };
            db.Candidates.Add(candidate);
            db.Outbox.Add(OutboxMessage.For(new ResumeSubmitted(id, tenant, candidate.Text, candidate.SubmittedAt), clock));
            await db.SaveChangesAsync(Ct);
        }

        var settled = await Pipeline.WaitUntilSettledAsync(client, new Uri($"/v1/candidates/{id}", UriKind.Relative));

        Assert.Equal("indexed", settled.Status);
    }

    [Fact]
    public async Task A_submission_leaves_nothing_in_the_outbox_once_its_event_is_published()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync();
        using var body = new StringContent("JAX and TPU engineer", System.Text.Encoding.UTF8, "text/plain");
        using var posted = await client.PostAsync("/v1/candidates", body, Ct);
        var candidate = await Pipeline.WaitUntilSettledAsync(client, posted.Headers.Location!);

        // Indexed means ResumeSubmitted was published; its row, which held the resume text, is gone at once.
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
        Assert.Equal("indexed", candidate.Status);
        Assert.False(await db.Outbox.AnyAsync(m => m.Payload.Contains("JAX and TPU engineer"), Ct));

        // The announcement of "indexed" is written in the same transaction as the status (ADR 0011): it leaves a moment later.
        await Eventually.HoldsAsync(async () => !await db.Outbox.AnyAsync(m => m.Payload.Contains(candidate.Id.ToString()) || m.Payload.Contains(tenant), Ct),
            "the candidate's announcement to leave the outbox");
    }

    [Fact]
    public async Task A_row_another_dispatcher_has_claimed_is_left_to_it_until_its_claim_runs_out()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync();
        var clock = TimeProvider.System;
        var ids = new[] { Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7() };
        var claimedRow = Guid.Empty;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                var candidate = new Candidate { Id = id, TenantId = tenant, Text = $"Claimed {i}: Triton and vLLM engineer", SubmittedAt = clock.GetUtcNow() };
                db.Candidates.Add(candidate);
                var row = OutboxMessage.For(new ResumeSubmitted(id, tenant, candidate.Text, candidate.SubmittedAt), clock);
                if (i == 1)
                {
                    // As if another instance had claimed it a moment ago and were still publishing it.
                    row.ClaimedUntilMs = clock.GetUtcNow().AddMinutes(10).ToUnixTimeMilliseconds();
                    claimedRow = row.Id;
                }

                db.Outbox.Add(row);
            }

            await db.SaveChangesAsync(Ct);
        }

        // The rows on either side of the claimed one are published; the claimed one is not.
        Assert.Equal("indexed", (await Pipeline.WaitUntilSettledAsync(client, new Uri($"/v1/candidates/{ids[0]}", UriKind.Relative))).Status);
        Assert.Equal("indexed", (await Pipeline.WaitUntilSettledAsync(client, new Uri($"/v1/candidates/{ids[2]}", UriKind.Relative))).Status);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
            Assert.True(await db.Outbox.AnyAsync(m => m.Id == claimedRow, Ct));
            Assert.Equal("processing", (await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/candidates/{ids[1]}", Ct)).GetProperty("status").GetString());

            // The other instance died: once its claim has run out, this one publishes the row.
            await db.Outbox.Where(m => m.Id == claimedRow)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedUntilMs, clock.GetUtcNow().AddSeconds(-1).ToUnixTimeMilliseconds()), Ct);
        }

        Assert.Equal("indexed", (await Pipeline.WaitUntilSettledAsync(client, new Uri($"/v1/candidates/{ids[1]}", UriKind.Relative))).Status);
    }
}
