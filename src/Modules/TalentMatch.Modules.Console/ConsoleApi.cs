using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace TalentMatch.Modules.Console;

/// <summary>What the API answered: the value on success, otherwise the status and the problem's title and detail; the ETag when it sent one.</summary>
public sealed record ApiResult<T>(HttpStatusCode Status, T? Value, string? Problem = null, string? ETag = null)
{
    public bool Ok => (int)Status is >= 200 and < 300 && Value is not null;
}

/// <summary>
/// The REST API, called with the signed-in recruiter's key: the console holds no other right, so
/// scopes, tenant scoping, rate limits and validation are the API's own (docs/adr/0009-console.md).
/// </summary>
public sealed class ConsoleApi(IHttpClientFactory clients, ApiAddress address)
{
    public const string HttpClientName = "talentmatch-console-api";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public Task<ApiResult<T>> GetAsync<T>(string apiKey, string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync<T>(apiKey, new HttpRequestMessage(HttpMethod.Get, pathAndQuery), cancellationToken);

    public Task<ApiResult<T>> PostJsonAsync<T>(string apiKey, string path, object body, CancellationToken cancellationToken) =>
        SendAsync<T>(apiKey, new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) }, cancellationToken);

    public Task<ApiResult<T>> PostAsync<T>(string apiKey, string path, HttpContent content, CancellationToken cancellationToken) =>
        SendAsync<T>(apiKey, new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, cancellationToken);

    /// <summary>A PUT with <c>If-Match</c>: the version the user edited, so that the API refuses to overwrite a change they have not seen.</summary>
    public Task<ApiResult<T>> PutJsonAsync<T>(string apiKey, string path, object body, string ifMatch, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return SendAsync<T>(apiKey, request, cancellationToken);
    }

    public Task<ApiResult<JsonElement>> DeleteAsync(string apiKey, string path, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(apiKey, new HttpRequestMessage(HttpMethod.Delete, path), cancellationToken);

    private async Task<ApiResult<T>> SendAsync<T>(string apiKey, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var _ = request;
        request.RequestUri = new Uri(address.BaseUri, request.RequestUri!);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var client = clients.CreateClient(HttpClientName);
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return new ApiResult<T>(response.StatusCode, default);
            }

            return new ApiResult<T>(response.StatusCode, await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), ETag: response.Headers.ETag?.ToString());
        }

        return new ApiResult<T>(response.StatusCode, default, await ProblemTextAsync(response, cancellationToken));
    }

    private static async Task<string?> ProblemTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
        var title = problem.TryGetProperty("title", out var t) ? t.GetString() : null;
        var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
        return detail is null ? title : $"{title}: {detail}";
    }
}

/// <summary>
/// The API's base address: <see cref="ConsoleOptions.ApiBaseUrl"/>, or this host's own first
/// listening address (known only once the server has started, hence resolved on first use).
/// </summary>
public sealed class ApiAddress(IOptions<ConsoleOptions> options, IServer server)
{
    private Uri? _resolved;

    public Uri BaseUri => _resolved ??= Resolve();

    private Uri Resolve()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.ApiBaseUrl))
        {
            return new Uri(options.Value.ApiBaseUrl);
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var first = addresses.OrderBy(a => a.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? 1 : 0).FirstOrDefault()
            ?? throw new InvalidOperationException("The console found no listening address for the API: set TalentMatch:Console:ApiBaseUrl.");
        // A wildcard binding (http://+:8080, 0.0.0.0, [::]) is reached on the loopback address.
        var uri = new UriBuilder(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::" or "localhost")
        {
            uri.Host = "127.0.0.1";
        }

        return uri.Uri;
    }
}
