using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Platform.Security;

namespace TalentMatch.Platform.Security;

/// <summary>A finished response kept for replay under its Idempotency-Key.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);

/// <summary>What <see cref="IIdempotencyStore.BeginAsync"/> found for a key.</summary>
public enum IdempotencyClaim
{
    /// <summary>First use (or the earlier use expired): run the request, then <c>CompleteAsync</c>.</summary>
    Claimed,

    /// <summary>The same request was answered before: replay the stored response.</summary>
    Replay,

    /// <summary>The key was used for a different request: 422.</summary>
    Mismatch,

    /// <summary>The first request with this key is still running: 409, retry later.</summary>
    InProgress,
}

/// <summary>Where idempotency keys live (the api service's database).</summary>
public interface IIdempotencyStore
{
    Task<(IdempotencyClaim Claim, StoredResponse? Response)> BeginAsync(string tenantId, string key, string fingerprint, CancellationToken cancellationToken);

    Task CompleteAsync(string tenantId, string key, StoredResponse response, CancellationToken cancellationToken);

    /// <summary>The request failed on our side (5xx): forget the key so a retry can run.</summary>
    Task AbandonAsync(string tenantId, string key, CancellationToken cancellationToken);
}

/// <summary>
/// <c>Idempotency-Key</c> on POST: the same key with the same request replays the first response;
/// the same key with another request is a 422; kept 24 hours. The fingerprint covers method, path
/// and the SHA-256 of the body. Server errors are not kept, so a retry after a 5xx runs again.
/// </summary>
public static class IdempotencyExtensions
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 255;

    /// <summary>
    /// The content type kept in place of a response that carried a secret (an API key, a webhook
    /// signing secret): its body is not kept, so the record cannot hand the secret out again.
    /// </summary>
    public const string SecretNotKept = "application/x.talentmatch.secret-not-kept";

    /// <summary>Lets the filter read a POST body that model binding or the handler reads too.</summary>
    public static WebApplication UseIdempotencyBuffering(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.ContainsKey(Header))
            {
                context.Request.EnableBuffering();
            }

            return next(context);
        });
        return app;
    }

    /// <param name="builder">The endpoint.</param>
    /// <param name="responseHoldsSecret">
    /// The success response shows a secret once (a new API key, a webhook secret): it is not kept, and a
    /// replay answers 409 <c>secret-not-replayed</c> with the created resource's Location instead.
    /// </param>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder, bool responseHoldsSecret = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder
        // The answers the filter itself gives, so that the document lists them on every endpoint that has it.
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .AddEndpointFilter(async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            var key = http.Request.Headers[Header].ToString();
            var store = http.RequestServices.GetService<IIdempotencyStore>();
            var tenantId = http.User.FindFirstValue(TalentMatchClaims.Tenant);
            if (string.IsNullOrEmpty(key) || store is null || tenantId is null)
            {
                return await next(invocation);
            }

            if (key.Length > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
            {
                return Problem(StatusCodes.Status400BadRequest, "invalid-idempotency-key", "The Idempotency-Key is not valid",
                    $"Use 1–{MaxKeyLength} visible ASCII characters, e.g. a UUID.");
            }

            var fingerprint = await FingerprintAsync(http.Request, http.RequestAborted);
            var (claim, stored) = await store.BeginAsync(tenantId, key, fingerprint, http.RequestAborted);
            switch (claim)
            {
                case IdempotencyClaim.Replay when stored!.ContentType == SecretNotKept:
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                    if (stored.Location is not null)
                    {
                        http.Response.Headers.Location = stored.Location;
                    }

                    return Problem(StatusCodes.Status409Conflict, "secret-not-replayed", "The first request with this Idempotency-Key succeeded; its secret is not shown again",
                        "A secret is shown once and never stored in clear. The resource it belongs to is at the Location header; rotate its secret to get a new one.");
                case IdempotencyClaim.Replay:
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                    return new ReplayResult(stored!);
                case IdempotencyClaim.Mismatch:
                    return Problem(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "The Idempotency-Key was used for another request",
                        "A key identifies one request: send a new key for a different body or endpoint.");
                case IdempotencyClaim.InProgress:
                    return Problem(StatusCodes.Status409Conflict, "idempotency-request-in-progress", "A request with this Idempotency-Key is still running",
                        "Retry in a moment to get its response.");
            }

            object? result;
            try
            {
                result = await next(invocation);
            }
            catch
            {
                await store.AbandonAsync(tenantId, key, CancellationToken.None);
                throw;
            }

            // Run the result into a buffer so that exactly what the client gets is what is kept.
            var original = http.Response.Body;
            using var buffer = new MemoryStream();
            http.Response.Body = buffer;
            try
            {
                await (result is IResult r ? r : Results.Ok(result)).ExecuteAsync(http);
            }
            finally
            {
                http.Response.Body = original;
            }

            var response = new StoredResponse(http.Response.StatusCode, http.Response.ContentType,
                http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null, buffer.ToArray());
            if (response.StatusCode >= 500)
            {
                await store.AbandonAsync(tenantId, key, CancellationToken.None);
            }
            else
            {
                var kept = responseHoldsSecret && response.StatusCode < 300
                    ? response with { ContentType = SecretNotKept, Body = [] }
                    : response;
                await store.CompleteAsync(tenantId, key, kept, CancellationToken.None);
            }

            await original.WriteAsync(response.Body, http.RequestAborted);
            return Results.Empty;
        });

    private static async Task<string> FingerprintAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.Body.Position = 0;
        var bodyHash = await SHA256.HashDataAsync(request.Body, cancellationToken);
        request.Body.Position = 0;
        var target = System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}");
        return Convert.ToHexStringLower(SHA256.HashData([.. target, .. bodyHash]));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(int status, string code, string title, string detail) =>
        TypedResults.Problem(statusCode: status, type: $"urn:talentmatch:problem:{code}", title: title, detail: detail);

    private sealed class ReplayResult(StoredResponse response) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = response.StatusCode;
            httpContext.Response.ContentType = response.ContentType;
            if (response.Location is not null)
            {
                httpContext.Response.Headers.Location = response.Location;
            }

            await httpContext.Response.Body.WriteAsync(response.Body, httpContext.RequestAborted);
        }
    }
}
