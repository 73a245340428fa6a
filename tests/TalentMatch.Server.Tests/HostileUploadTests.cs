using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TalentMatch.Server.Tests.Infrastructure;
using TalentMatch.Tests.Shared;

namespace TalentMatch.Server.Tests;

/// <summary>
/// Issue 15 at the level a client sees: each hostile upload of <see cref="HostileInputs.Uploads"/>, sent by
/// one tenant over HTTP, ends with the pipeline's typed answer, while another tenant's reads keep being
/// served. Timings (the other tenant's p95, the host's CPU and memory afterwards) are measured by
/// <c>bench/hostile-uploads.sh</c> (docs/benchmarks.md), not asserted here.
/// </summary>
public sealed class HostileUploadTests : IAsyncLifetime
{
    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();
    private HttpClient _attacker = null!;
    private HttpClient _victim = null!;
    private Uri _victimCandidate = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        (_, _attacker) = await _app.CreateTenantClientAsync();
        (_, _victim) = await _app.CreateTenantClientAsync();
        using var posted = await _victim.PostAsync("/v1/candidates", new StringContent("PyTorch engineer, 5 years of CUDA", Encoding.UTF8, "text/plain"), Ct);
        _victimCandidate = posted.Headers.Location!;
        await Pipeline.WaitUntilSettledAsync(_victim, _victimCandidate);
    }

    public async ValueTask DisposeAsync()
    {
        _attacker.Dispose();
        _victim.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>Index into <see cref="HostileInputs.Uploads"/>, the status it ends in, and the rejection reason if rejected.</summary>
    public static TheoryData<int, string, string?> Uploads => new()
    {
        { 0, "rejected", "repetitive-text" }, // read in linear time (ADR 0007), then refused as filler: 400 KB of "a"
        { 1, "rejected", "decompression-bomb" },
        { 2, "rejected", "decompression-bomb" },
        { 3, "rejected", "corrupt-archive" }, // ZipArchive stops the entry at its declared 4 KiB: truncated XML (ADR 0007)
        { 4, "rejected", "too-large" },
        { 5, "rejected", "too-deeply-nested" }, // the depth is counted before the text is read (ADR 0007)
    };

    [Theory]
    [MemberData(nameof(Uploads))]
    public async Task A_hostile_upload_ends_with_its_typed_answer_while_another_tenant_is_served(int upload, string status, string? reason)
    {
        var (name, fileName, build) = HostileInputs.Uploads[upload];
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(build());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);

        using var response = await _attacker.PostAsync("/v1/candidates", form, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var served = await _victim.GetAsync(_victimCandidate, Ct);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var candidate = await Pipeline.WaitUntilSettledAsync(_attacker, response.Headers.Location!);

        Assert.True(status == candidate.Status, $"{name}: {candidate.Status} {candidate.Rejection}");
        if (reason is not null)
        {
            Assert.Equal(reason, candidate.Rejection!.Value.GetProperty("reason").GetString());
            Assert.False(string.IsNullOrWhiteSpace(candidate.Rejection!.Value.GetProperty("detail").GetString()));
        }

        // The other tenant cannot see the upload, whatever became of it.
        using var foreign = await _victim.GetAsync(response.Headers.Location!, Ct);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task Filler_sent_as_a_text_body_is_refused_like_an_upload()
    {
        var filler = new StringBuilder("Jane Doe\nPyTorch engineer\n").Insert(0, "Python ", 20_000).ToString();

        using var response = await _attacker.PostAsync("/v1/candidates", new StringContent(filler, Encoding.UTF8, "text/plain"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var candidate = await Pipeline.WaitUntilSettledAsync(_attacker, response.Headers.Location!);

        Assert.Equal("rejected", candidate.Status);
        Assert.Equal("repetitive-text", candidate.Rejection!.Value.GetProperty("reason").GetString());
    }
}
