using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Lifecycle;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// A delete or a close races the pipeline: a status or duplicate-group change commits between the command's read
/// and its save (CI saw <c>DELETE /v1/candidates/{id}</c> answer 500 this way). The command must still do what was
/// asked; a write that keeps losing gets a typed 409, never a 500.
/// </summary>
public sealed class ConcurrentDeleteTests : IAsyncLifetime
{
    private readonly PipelineEventBeforeSave _race = new();
    private readonly TalentMatchApp _app;

    public ConcurrentDeleteTests() =>
        _app = TalentMatchApp.Embedded([], services => services.ConfigureDbContext<SqliteApiDbContext>(o => o.AddInterceptors(_race)));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_delete_that_loses_a_race_with_a_pipeline_update_still_erases_the_candidate()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        using var body = new StringContent("Ada Lovelace. PyTorch engineer, 6 years of distributed training.", Encoding.UTF8, "text/plain");
        using var posted = await client.PostAsync("/v1/candidates", body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var location = posted.Headers.Location!;
        await Pipeline.WaitUntilSettledAsync(client, location);

        _race.Arm(d => d is Candidate { Status: PipelineStatus.Deleted }, times: 1);
        using var deleted = await client.DeleteAsync(location, Ct);

        Assert.Equal(1, _race.Raced); // the race happened: the first erasure's commit found another version
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(await client.GetAsync(location, Ct), HttpStatusCode.NotFound, "not-found");
        using var again = await client.DeleteAsync(location, Ct);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_close_that_loses_a_race_still_closes_and_one_that_always_loses_is_a_typed_409()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var first = await SubmitSettledJobAsync(client);
        var second = await SubmitSettledJobAsync(client);

        _race.Arm(d => d is Job { ClosedAt: not null } && d.Id == IdOf(first), times: 1);
        using (var closed = await client.PostAsync($"{first}/close", null, Ct))
        {
            Assert.Equal(1, _race.Raced);
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        // A pipeline that changes the job before every save: the retries are spent and the answer says so.
        _race.Arm(d => d is Job { ClosedAt: not null } && d.Id == IdOf(second), times: 100);
        using (var lost = await client.PostAsync($"{second}/close", null, Ct))
        {
            await ProblemAssert.IsProblemAsync(lost, HttpStatusCode.Conflict, "concurrent-change");
        }

        _race.Arm(_ => false, times: 0);
        using var retried = await client.PostAsync($"{second}/close", null, Ct);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }

    [Fact]
    public async Task A_retention_sweep_that_loses_a_race_with_a_pipeline_update_still_erases_the_candidate()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        using (var policy = await client.PutAsJsonAsync("/v1/settings/retention", new { candidateDays = 30 }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, policy.StatusCode);
        }

        using var body = new StringContent("Grace Hopper. Compiler engineer, 9 years of CUDA.", Encoding.UTF8, "text/plain");
        using var posted = await client.PostAsync("/v1/candidates", body, Ct);
        await Pipeline.WaitUntilSettledAsync(client, posted.Headers.Location!);

        _race.Arm(d => d is Candidate { Status: PipelineStatus.Deleted }, times: 1);
        var sweeper = ActivatorUtilities.CreateInstance<RetentionSweeper>(_app.Services, new LaterClock(TimeSpan.FromDays(31)));

        Assert.Equal(1, await sweeper.PruneAsync(Ct));
        Assert.Equal(1, _race.Raced);
        await ProblemAssert.IsProblemAsync(await client.GetAsync(posted.Headers.Location, Ct), HttpStatusCode.NotFound, "not-found");
    }


    private static Guid IdOf(Uri location) => Guid.Parse(location.OriginalString.Split('/')[^1]);

    private static async Task<Uri> SubmitSettledJobAsync(HttpClient client)
    {
        using var body = new StringContent("ML engineer. Requirements: 3+ years of PyTorch.", Encoding.UTF8, "text/plain");
        using var posted = await client.PostAsync("/v1/jobs", body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        await Pipeline.WaitUntilSettledAsync(client, posted.Headers.Location!);
        return posted.Headers.Location!;
    }

    /// <summary>
    /// Once armed, commits a version change to the document being saved just before the command's own commit, as a
    /// pipeline consumer's status update would, for the next <c>times</c> saves of a document the target matches.
    /// </summary>
    private sealed class PipelineEventBeforeSave : SaveChangesInterceptor
    {
        private Func<TrackedDocument, bool> _target = _ => false;
        private int _times;
        public int Raced;

        public void Arm(Func<TrackedDocument, bool> target, int times) => (_target, _times, Raced) = (target, times, 0);

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var saving = eventData.Context!.ChangeTracker.Entries<TrackedDocument>()
                .FirstOrDefault(e => e.State == EntityState.Modified && _target(e.Entity));
            if (saving is not null && Interlocked.Decrement(ref _times) >= 0)
            {
                Interlocked.Increment(ref Raced);
                var id = saving.Entity.Id;
                _ = saving.Entity switch
                {
                    Candidate => await eventData.Context.Set<Candidate>().Where(c => c.Id == id)
                        .ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version + 1), cancellationToken),
                    _ => await eventData.Context.Set<Job>().Where(j => j.Id == id)
                        .ExecuteUpdateAsync(s => s.SetProperty(j => j.Version, j => j.Version + 1), cancellationToken),
                };
            }

            return result;
        }
    }
}
