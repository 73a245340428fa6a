using System.Net;
using System.Net.Http.Json;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// Submissions that arrive together commit in one transaction (SubmissionGroupCommit, issue #22). What a client sees must
/// not change: every POST is answered 202 for its own resume, in its own tenant, and each one goes through the pipeline.
/// </summary>
public class SubmissionGroupCommitTests
{
    [Fact]
    public async Task Concurrent_submissions_of_two_tenants_are_each_accepted_in_their_own_tenant_and_processed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = TalentMatchApp.Embedded();
        var (_, acme) = await app.CreateTenantClientAsync();
        var (_, globex) = await app.CreateTenantClientAsync();

        const int PerTenant = 12;
        async Task<(HttpClient Client, string Text, Uri Location)> PostAsync(HttpClient client, string tenant, int i)
        {
            var text = $"{tenant} resume {i}: machine learning engineer, PyTorch, Kubernetes, seven years of Python and SQL.";
            using var body = new StringContent(text, System.Text.Encoding.UTF8, "text/plain");
            using var response = await client.PostAsync("/v1/candidates", body, ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var accepted = await response.Content.ReadFromJsonAsync<DocumentView>(Pipeline.Json, ct);
            Assert.Equal(text, accepted!.Text); // each answer is about its own resume, whoever committed the batch
            return (client, text, response.Headers.Location!);
        }

        // All at once, interleaving the tenants, so that batches hold both tenants' rows.
        var posted = await Task.WhenAll(Enumerable.Range(0, PerTenant)
            .SelectMany(i => new[] { PostAsync(acme, "acme", i), PostAsync(globex, "globex", i) }));
        Assert.Equal(2 * PerTenant, posted.Select(p => p.Location).Distinct().Count());

        foreach (var (client, text, location) in posted)
        {
            var document = await Pipeline.WaitUntilSettledAsync(client, location);
            Assert.Equal("indexed", document.Status);
            Assert.Equal(text, document.Text);

            // The other tenant does not see it.
            var other = client == acme ? globex : acme;
            using var foreign = await other.GetAsync(location, ct);
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
    }
}
