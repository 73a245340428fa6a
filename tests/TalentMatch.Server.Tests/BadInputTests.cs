using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>Every malformed request gets a 4xx with RFC 9457 problem details, never a 500.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly TalentMatchApp _app = TalentMatchApp.Embedded(new()
    {
        ["TalentMatch:Api:MaxDocumentBytes"] = "4096",
    });

    private HttpClient _client = null!;

    public async ValueTask InitializeAsync() => (_, _client) = await _app.CreateTenantClientAsync();

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    public static TheoryData<string> DocumentRoutes => ["/v1/candidates", "/v1/jobs"];

    [Theory]
    [MemberData(nameof(DocumentRoutes))]
    public async Task An_empty_body_is_400_empty_document(string route)
    {
        using var content = new ByteArrayContent([]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await ProblemAssert.IsProblemAsync(await _client.PostAsync(route, content, Ct), HttpStatusCode.BadRequest, "empty-document");
    }

    [Theory]
    [MemberData(nameof(DocumentRoutes))]
    public async Task Malformed_json_is_400_malformed_json(string route)
    {
        using var content = new StringContent("{\"text\": \"PyTorch", Encoding.UTF8, "application/json");
        await ProblemAssert.IsProblemAsync(await _client.PostAsync(route, content, Ct), HttpStatusCode.BadRequest, "malformed-json");
    }

    [Fact]
    public async Task A_json_field_of_the_wrong_type_is_400_malformed_json()
    {
        using var content = new StringContent("{\"text\": 42}", Encoding.UTF8, "application/json");
        await ProblemAssert.IsProblemAsync(await _client.PostAsync("/v1/candidates", content, Ct), HttpStatusCode.BadRequest, "malformed-json");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"text\": \"   \\n\\t \"}")]
    [InlineData("null")]
    public async Task Json_without_text_is_400_empty_document(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        await ProblemAssert.IsProblemAsync(await _client.PostAsync("/v1/jobs", content, Ct), HttpStatusCode.BadRequest, "empty-document");
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("application/pdf")]
    [InlineData("text/plain; charset=iso-8859-1")]
    public async Task A_content_type_other_than_json_or_utf8_text_is_415(string contentType)
    {
        using var content = new ByteArrayContent("PyTorch"u8.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        await ProblemAssert.IsProblemAsync(await _client.PostAsync("/v1/candidates", content, Ct), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task A_body_without_content_type_is_415()
    {
        using var content = new ByteArrayContent("PyTorch"u8.ToArray());
        await ProblemAssert.IsProblemAsync(await _client.PostAsync("/v1/candidates", content, Ct), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Theory]
    [MemberData(nameof(DocumentRoutes))]
    public async Task A_body_over_the_configured_limit_is_413(string route)
    {
        using var content = new StringContent(new string('a', 4097), Encoding.UTF8, "text/plain");
        await ProblemAssert.IsProblemAsync(await _client.PostAsync(route, content, Ct), HttpStatusCode.RequestEntityTooLarge, "document-too-large");
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413_even_without_content_length()
    {
        using var content = new StreamContent(new MemoryStream(new byte[10_000]));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        content.Headers.ContentLength = null;
        await ProblemAssert.IsProblemAsync(await _client.PostAsync("/v1/candidates", content, Ct), HttpStatusCode.RequestEntityTooLarge, "document-too-large");
    }

    [Fact]
    public async Task A_body_at_exactly_the_limit_is_accepted()
    {
        using var content = new StringContent(new string('a', 4096), Encoding.UTF8, "text/plain");
        using var response = await _client.PostAsync("/v1/candidates", content, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Plain_text_that_is_not_utf8_is_400_invalid_encoding()
    {
        using var content = new ByteArrayContent([0x50, 0xC3, 0x28, 0xFF]);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        await ProblemAssert.IsProblemAsync(await _client.PostAsync("/v1/candidates", content, Ct), HttpStatusCode.BadRequest, "invalid-encoding");
    }

    [Fact]
    public async Task A_title_over_300_characters_is_400_invalid_field()
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { title = new string('t', 301), text = "PyTorch" }), Encoding.UTF8, "application/json");
        await ProblemAssert.IsProblemAsync(await _client.PostAsync("/v1/jobs", content, Ct), HttpStatusCode.BadRequest, "invalid-field");
    }

    [Theory]
    [InlineData("/v1/candidates/0194a0e0-0000-7000-8000-000000000000")]
    [InlineData("/v1/jobs/0194a0e0-0000-7000-8000-000000000000")]
    public async Task An_unknown_id_is_404_not_found(string url) =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync(url, Ct), HttpStatusCode.NotFound, "not-found");

    [Fact]
    public async Task An_id_that_is_not_a_guid_is_a_404_problem() =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync("/v1/candidates/not-a-guid", Ct), HttpStatusCode.NotFound, type: null);

    [Theory]
    [InlineData("/v1/search/candidates")]
    [InlineData("/v1/search/candidates?q=%20")]
    public async Task A_search_without_words_is_400_invalid_query(string url) =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync(url, Ct), HttpStatusCode.BadRequest, "invalid-query");

    [Fact]
    public async Task A_hybrid_query_over_300_characters_is_400_invalid_query_while_keyword_mode_takes_it()
    {
        var q = Uri.EscapeDataString(string.Join(' ', Enumerable.Repeat("pytorch", 40))); // 319 characters
        using (var hybrid = await _client.GetAsync($"/v1/search/candidates?mode=hybrid&q={q}", Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, hybrid.StatusCode);
            var body = await hybrid.Content.ReadAsStringAsync(Ct);
            Assert.Contains("invalid-query", body, StringComparison.Ordinal);
            Assert.Contains("at most 300 characters", body, StringComparison.Ordinal);
        }

        using var keyword = await _client.GetAsync($"/v1/search/candidates?mode=keyword&q={q}", Ct);
        Assert.Equal(HttpStatusCode.OK, keyword.StatusCode);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    public async Task A_search_limit_outside_1_to_100_is_400_invalid_limit(string limit) =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/v1/search/jobs?q=pytorch&limit={limit}", Ct), HttpStatusCode.BadRequest, "invalid-limit");

    [Fact]
    public async Task A_search_limit_that_is_not_a_number_is_a_400_problem() =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync("/v1/search/jobs?q=pytorch&limit=ten", Ct), HttpStatusCode.BadRequest, type: null);

    [Theory]
    [InlineData("C++ CUDA")]
    [InlineData("\\")]
    [InlineData("title:* pytorch")]
    public async Task Query_syntax_characters_of_other_engines_are_searched_as_text_not_parsed(string query)
    {
        using var response = await _client.GetAsync($"/v1/search/candidates?q={Uri.EscapeDataString(query)}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("C++ (CUDA")]
    [InlineData("title:* AND OR \"")]
    public async Task A_malformed_boolean_query_is_a_400_that_says_where(string query) =>
        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/v1/search/candidates?q={Uri.EscapeDataString(query)}", Ct), HttpStatusCode.BadRequest, "invalid-query");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
