using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TalentMatch.Platform.Security;

/// <summary>Who a valid key belongs to and what it may do.</summary>
/// <param name="Candidate">
/// Set for a candidate portal link only: the one candidate it reads as (it then has no scope, so that
/// only the portal's endpoints, which require this, accept it).
/// </param>
public sealed record ApiKeyIdentity(Guid KeyId, string TenantId, IReadOnlySet<string> Scopes, Guid? Candidate = null, string? Anonymise = null);

/// <summary>Checks a presented API key. Implemented by the service that owns tenants and keys (api).</summary>
public interface IApiKeyValidator
{
    /// <returns>The key's identity, or null when it is unknown, malformed, expired or revoked.</returns>
    ValueTask<ApiKeyIdentity?> ValidateAsync(string presentedKey, CancellationToken cancellationToken);
}

/// <summary>
/// Authenticates requests by API key: <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>.
/// A missing key is a 401, a bad key a 401, a key without the endpoint's scope a 403; all three
/// as problem details, saying which it was without saying anything about the key itself.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IServiceProvider services) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string FailureItem = "talentmatch.auth-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var validator = services.GetService<IApiKeyValidator>();
        var identity = validator is null ? null : await validator.ValidateAsync(presented, Context.RequestAborted);
        if (identity is null)
        {
            Context.Items[FailureItem] = true;
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var claims = new List<Claim>
        {
            new(TalentMatchClaims.Tenant, identity.TenantId),
            new(TalentMatchClaims.KeyId, identity.KeyId.ToString()),
        };
        claims.AddRange(identity.Scopes.Select(scope => new Claim(TalentMatchClaims.Scope, scope)));
        if (identity.Candidate is Guid candidate)
        {
            claims.Add(new Claim(TalentMatchClaims.Candidate, candidate.ToString()));
        }

        if (identity.Anonymise is { } anonymise)
        {
            claims.Add(new Claim(TalentMatchClaims.Anonymise, anonymise));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var invalid = Context.Items.ContainsKey(FailureItem);
        if (invalid && PresentedKey(Request)?.StartsWith(ApiKeyFormat.PortalPrefix, StringComparison.Ordinal) == true)
        {
            return WriteProblem(StatusCodes.Status401Unauthorized, "invalid-portal-link", "The portal link is not valid",
                "The link has expired, was revoked, or is not one we issued: ask for a new one.");
        }

        return WriteProblem(StatusCodes.Status401Unauthorized,
            invalid ? "invalid-api-key" : "missing-api-key",
            invalid ? "The API key is not valid" : "An API key is required",
            invalid
                ? "The key is unknown, revoked or malformed."
                : "Send the key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status403Forbidden, "insufficient-scope", "The API key lacks a required scope",
            "This key may not call this endpoint; an admin key of your tenant can create one with the scope.");

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = request.Headers["X-Api-Key"].ToString();
        return string.IsNullOrWhiteSpace(header) ? null : header.Trim();
    }

    private Task WriteProblem(int status, string code, string title, string detail)
    {
        Response.StatusCode = status;
        return Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = status,
                Type = $"urn:talentmatch:problem:{code}",
                Title = title,
                Detail = detail,
            },
        }).AsTask();
    }
}
