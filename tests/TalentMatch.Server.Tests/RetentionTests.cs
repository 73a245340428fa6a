using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Modules.Api.Lifecycle;
using TalentMatch.Platform.Security;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// Retention and the consent record: a tenant's retention periods and a candidate's consent expiry
/// erase documents through the delete's own path (same receipt), and nothing of another tenant.
/// The sweep runs here on a clock moved forward, the service's own sweep on the real one.
/// </summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();


    private RetentionSweeper SweeperAt(TimeSpan ahead) => ActivatorUtilities.CreateInstance<RetentionSweeper>(_app.Services, new LaterClock(ahead));

    private sealed record ConsentView(string Basis, string? Source, DateTimeOffset GivenAt, DateTimeOffset? ExpiresAt);

    private sealed record CandidateView(Guid Id, string Status, ConsentView? Consent);

    [Fact]
    public async Task Expired_documents_are_erased_through_the_delete_path_and_other_tenants_keep_theirs()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var (_, other) = await _app.CreateTenantClientAsync();
        using var metrics = new MetricRecorder(_app.Services.GetRequiredService<IMeterFactory>());
        using var policy = await client.PutAsJsonAsync("/v1/settings/retention", new { candidateDays = 30, rejectedDays = 7 }, Ct);
        Assert.Equal(HttpStatusCode.OK, policy.StatusCode);

        var kept = await SubmitAsync(client, new { text = "PyTorch and CUDA engineer, 5 years." });
        var consenting = await SubmitAsync(client, new
        {
            text = "JAX and TPU researcher.",
            consent = new { basis = "consent", source = "careers page", expiresAt = TimeProvider.System.GetUtcNow().AddDays(2) },
        });
        var rejected = await SubmitAsync(client, new { text = "\u0001\u0002" });
        var othersOld = await SubmitAsync(other, new { text = "DeepSpeed engineer." });
        foreach (var (c, url) in new[] { (client, kept), (client, consenting), (client, rejected), (other, othersOld) })
        {
            await Pipeline.WaitUntilSettledAsync(c, url);
        }

        // Three days on: the consent has expired, the rejected upload is not yet a week old.
        Assert.Equal(1, await SweeperAt(TimeSpan.FromDays(3)).PruneAsync(Ct));
        await AssertErasedAsync(client, consenting);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(rejected, Ct)).StatusCode);

        // Eight days on: the rejected one goes. Thirty-one: the other candidate too, not the other tenant's.
        Assert.Equal(1, await SweeperAt(TimeSpan.FromDays(8)).PruneAsync(Ct));
        await AssertErasedAsync(client, rejected);
        Assert.Equal(1, await SweeperAt(TimeSpan.FromDays(31)).PruneAsync(Ct));
        await AssertErasedAsync(client, kept);
        Assert.Equal("indexed", (await Pipeline.WaitUntilSettledAsync(other, othersOld)).Status);
        Assert.Equal(0, await SweeperAt(TimeSpan.FromDays(31)).PruneAsync(Ct));

        Assert.Equal(1, metrics.Sum("talentmatch.retention.erased", ("rule", RetentionSweeper.ConsentExpired)));
        Assert.Equal(1, metrics.Sum("talentmatch.retention.erased", ("rule", RetentionSweeper.RejectedAge)));
        Assert.Equal(1, metrics.Sum("talentmatch.retention.erased", ("rule", RetentionSweeper.CandidateAge)));
    }

    [Fact]
    public async Task The_consent_record_is_stored_returned_exported_and_validated()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var expires = TimeProvider.System.GetUtcNow().AddDays(365);
        var url = await SubmitAsync(client, new { text = "LLM inference engineer, vLLM.", consent = new { basis = "legitimate-interests", source = "agency Acme", expiresAt = expires } });

        var candidate = (await client.GetFromJsonAsync<CandidateView>(url, Pipeline.Json, Ct))!;
        Assert.Equal("legitimate-interests", candidate.Consent!.Basis);
        Assert.Equal("agency Acme", candidate.Consent.Source);
        Assert.Equal(expires.ToUnixTimeSeconds(), candidate.Consent.ExpiresAt!.Value.ToUnixTimeSeconds());
        var export = await client.GetFromJsonAsync<JsonElement>($"{url.AbsolutePath}/export", Ct);
        Assert.Equal("agency Acme", export.GetProperty("consent").GetProperty("source").GetString());

        // An upload names it in a form field of the same JSON.
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("CUDA kernel engineer, Triton.")), "file", "resume.txt" },
            { new StringContent("""{"basis": "contract"}"""), "consent" },
        };
        using var uploaded = await client.PostAsync("/v1/candidates", form, Ct);
        Assert.Equal(HttpStatusCode.Accepted, uploaded.StatusCode);
        Assert.Equal("contract", (await client.GetFromJsonAsync<CandidateView>(uploaded.Headers.Location, Pipeline.Json, Ct))!.Consent!.Basis);

        var past = TimeProvider.System.GetUtcNow().AddDays(-1);
        object[] wrong =
        [
            new { text = "x", consent = new { basis = "because" } },
            new { text = "x", consent = new { basis = "consent", expiresAt = past } },
            new { text = "x", consent = new { basis = "consent", givenAt = TimeProvider.System.GetUtcNow().AddDays(1) } },
            new { text = "x", consent = new { basis = "consent", source = new string('s', 201) } },
        ];
        foreach (var body in wrong)
        {
            await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/v1/candidates", body, Ct), HttpStatusCode.BadRequest, "invalid-field");
        }

        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/v1/jobs", new { text = "PyTorch", consent = new { basis = "consent" } }, Ct),
            HttpStatusCode.BadRequest, "invalid-field");
    }

    [Fact]
    public async Task Only_an_admin_sets_the_retention_policy_and_only_within_bounds()
    {
        var (_, admin) = await _app.CreateTenantClientAsync();
        var (_, writer) = await _app.CreateTenantClientAsync(Scopes.CandidatesWrite);

        Assert.Equal(HttpStatusCode.Forbidden, (await writer.PutAsJsonAsync("/v1/settings/retention", new { candidateDays = 1 }, Ct)).StatusCode);
        foreach (var days in new[] { 0, -5, 36_501 })
        {
            await ProblemAssert.IsProblemAsync(await admin.PutAsJsonAsync("/v1/settings/retention", new { candidateDays = days }, Ct),
                HttpStatusCode.BadRequest, "invalid-field");
        }

        var policy = await admin.GetFromJsonAsync<JsonElement>("/v1/settings/retention", Ct);
        Assert.Equal(JsonValueKind.Null, policy.GetProperty("candidateDays").ValueKind);
        using var set = await admin.PutAsJsonAsync("/v1/settings/retention", new { candidateDays = 365, rejectedDays = (int?)null }, Ct);
        Assert.Equal(365, (await admin.GetFromJsonAsync<JsonElement>("/v1/settings/retention", Ct)).GetProperty("candidateDays").GetInt32());
    }

    private static async Task<Uri> SubmitAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/v1/candidates", body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return response.Headers.Location!;
    }

    /// <summary>Gone from the API, and the erasure receipt completes as it does after a DELETE.</summary>
    private static async Task AssertErasedAsync(HttpClient client, Uri candidate)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(candidate, Ct)).StatusCode);
        await Eventually.HoldsAsync(async () =>
            (await client.GetFromJsonAsync<JsonElement>($"{candidate.AbsolutePath}/erasure", Ct)).GetProperty("status").GetString() == "complete",
            $"erasure of {candidate} complete");
    }
}
