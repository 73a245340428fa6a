using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>Resume files uploaded as multipart/form-data: read by ingestion, or rejected with a typed reason.</summary>
public sealed class UploadTests : IAsyncLifetime
{
    private readonly TalentMatchApp _app = TalentMatchApp.Embedded(new() { ["TalentMatch:Api:MaxUploadBytes"] = "200000" });
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync() => (_, _client) = await _app.CreateTenantClientAsync();

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> UploadAsync(byte[] content, string fileName, string field = "file")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, field, fileName);
        return await _client.PostAsync("/v1/candidates", form, Ct);
    }

    [Fact]
    public async Task An_uploaded_html_resume_is_read_parsed_and_searchable()
    {
        var marker = "zu" + Guid.NewGuid().ToString("N")[..10];
        var html = $"<html><body><h1>Jane Doe</h1><p>LLM engineer: <b>PyTorch</b>, DeepSpeed, vLLM. {marker}</p></body></html>";

        using var response = await UploadAsync(Encoding.UTF8.GetBytes(html), "jane.html");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var candidate = await Pipeline.WaitUntilSettledAsync(_client, response.Headers.Location!);

        Assert.Equal("indexed", candidate.Status);
        Assert.Contains("LLM engineer", candidate.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", candidate.Text, StringComparison.Ordinal);
        Assert.Contains("PyTorch", Pipeline.SkillNames(candidate));
        Assert.Single((await Pipeline.SearchAsync(_client, "candidates", marker)).Hits);
    }

    [Fact]
    public async Task A_real_pdf_cv_is_read_from_its_content_whatever_its_name()
    {
        var pdf = Path.Combine(RepositoryPaths.Root, "..", "shared", "data", "vanetik_vacancy_resume_ranking_en", "CV_pdf", "1.pdf");
        if (!File.Exists(pdf))
        {
            if (TestServers.IsCi)
            {
                Assert.Fail($"CI=true and the shared data set is missing: {pdf}");
            }

            Assert.Skip($"{pdf} not found: the shared data folder is not beside the repository.");
        }

        using var response = await UploadAsync(await File.ReadAllBytesAsync(pdf, Ct), "cv.txt");
        var candidate = await Pipeline.WaitUntilSettledAsync(_client, response.Headers.Location!);

        Assert.Equal("indexed", candidate.Status);
        Assert.True(candidate.Text.Length > 200, "the PDF's text layer was extracted");
    }

    [Theory]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0 }, "old.doc", "legacy-doc")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52 }, "photo.pdf", "unsupported-type")]
    public async Task A_file_that_cannot_be_read_ends_rejected_with_its_reason(byte[] content, string fileName, string reason)
    {
        using var response = await UploadAsync(content, fileName);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var candidate = await Pipeline.WaitUntilSettledAsync(_client, response.Headers.Location!);

        Assert.Equal("rejected", candidate.Status);
        Assert.Equal(reason, candidate.Rejection!.Value.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_413()
    {
        await ProblemAssert.IsProblemAsync(await UploadAsync(new byte[300_000], "big.pdf"), HttpStatusCode.RequestEntityTooLarge, "document-too-large");
    }

    [Fact]
    public async Task An_empty_file_is_400_and_a_form_without_a_file_is_400()
    {
        await ProblemAssert.IsProblemAsync(await UploadAsync([], "empty.pdf"), HttpStatusCode.BadRequest, "empty-document");
        using var form = new MultipartFormDataContent { { new StringContent("not a file"), "note" } };
        await ProblemAssert.IsProblemAsync(await _client.PostAsync("/v1/candidates", form, Ct), HttpStatusCode.BadRequest, "malformed-upload");
    }

    [Fact]
    public async Task Jobs_do_not_take_uploads()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent("PyTorch"u8.ToArray()), "file", "job.txt" } };
        await ProblemAssert.IsProblemAsync(await _client.PostAsync("/v1/jobs", form, Ct), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }
}
