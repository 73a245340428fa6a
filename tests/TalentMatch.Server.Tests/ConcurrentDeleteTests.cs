using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// A delete races the pipeline: a status or duplicate-group change commits between the delete's read
/// and its erasure (CI saw <c>DELETE /v1/candidates/{id}</c> answer 500 this way). The delete must
/// still erase the document and answer 204.
/// </summary>
public sealed class ConcurrentDeleteTests : IAsyncLifetime
{
    private readonly PipelineEventBeforeErasure _race = new();
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

        _race.Armed = true;
        using var deleted = await client.DeleteAsync(location, Ct);

        Assert.Equal(1, _race.Raced); // the race happened: the first erasure's commit found another version
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(await client.GetAsync(location, Ct), HttpStatusCode.NotFound, "not-found");
        using var again = await client.DeleteAsync(location, Ct);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound, "not-found");
    }

    /// <summary>
    /// Once armed, commits a version change to the candidate being erased just before the erasure's
    /// own commit, as a pipeline consumer's status update would.
    /// </summary>
    private sealed class PipelineEventBeforeErasure : SaveChangesInterceptor
    {
        public volatile bool Armed;
        public int Raced;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var erasing = eventData.Context!.ChangeTracker.Entries<Candidate>()
                .FirstOrDefault(e => e.State == EntityState.Modified && e.Entity.Status == PipelineStatus.Deleted);
            if (Armed && erasing is not null)
            {
                Armed = false;
                Interlocked.Increment(ref Raced);
                var id = erasing.Entity.Id;
                await eventData.Context.Set<Candidate>().Where(c => c.Id == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
            }

            return result;
        }
    }
}
