using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Platform.Security;

public sealed class RateLimitOptions
{
    public const string Section = "TalentMatch:RateLimit";

    /// <summary>Sustained requests per second per API key (anonymous callers: per IP address).</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerSecond { get; set; } = 50;

    /// <summary>Requests a key may make at once above the sustained rate.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 100;

    /// <summary>
    /// Sustained requests per second per client address, counted before authentication, so that
    /// traffic without a valid key is bounded too. Behind a reverse proxy every client has the
    /// proxy's address unless forwarded headers are configured (docs/operations.md).
    /// </summary>
    [Range(1, 1_000_000)]
    public int PerAddressRequestsPerSecond { get; set; } = 500;

    /// <summary>Requests a client address may make at once above its sustained rate.</summary>
    [Range(1, 1_000_000)]
    public int PerAddressBurst { get; set; } = 1000;

    /// <summary>
    /// Failed authentications (401s) a client address may have at once; past them every request from
    /// the address gets 429 before its key is looked up, until the allowance refills.
    /// </summary>
    [Range(1, 100_000)]
    public int FailedAuthenticationBurst { get; set; } = 30;

    /// <summary>How fast the failed-authentication allowance refills.</summary>
    [Range(1, 100_000)]
    public int FailedAuthenticationsPerMinute { get; set; } = 60;

    /// <summary>Hybrid searches, match and insights requests running at once per tenant (see <see cref="CostlyRequests"/>).</summary>
    [Range(1, 1000)]
    public int ConcurrentCostlyRequestsPerTenant { get; set; } = 4;
}

public static class SecurityExtensions
{
    /// <summary>API-key authentication, the request's tenant, one authorization policy per scope, per-key rate limits.</summary>
    public static IHostApplicationBuilder AddTalentMatchSecurity(this IHostApplicationBuilder builder)
    {
        Tenant.Register(builder.Services);
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, _ => { });
        builder.Services.AddAuthorization(options =>
        {
            foreach (var scope in Scopes.All)
            {
                options.AddPolicy(scope, policy => policy.RequireAssertion(context => HasScope(context.User, scope)));
            }
        });

        var limits = builder.AddSettings<RateLimitOptions>(RateLimitOptions.Section);
        builder.Services.AddSingleton(_ => new ClientAddressLimiter(limits));
        builder.Services.AddSingleton(_ => new CostlyRequests(limits));
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var key = context.User.FindFirstValue(TalentMatchClaims.KeyId)
                    ?? "ip:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                return new ValueTask(RateLimitedProblem.WriteAsync(rejected.HttpContext, retryAfter,
                    $"This API key is limited to {limits.RequestsPerSecond} requests per second (bursts of {limits.Burst})"));
            };
        });
        return builder;
    }

    /// <summary>The endpoint needs a key with <paramref name="scope"/> (or admin).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(scope);

    /// <summary>The endpoint needs a key with any one of <paramref name="scopes"/> (or admin).</summary>
    public static TBuilder RequireAnyScope<TBuilder>(this TBuilder builder, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizationPolicyBuilder()
            .RequireAssertion(context => scopes.Any(scope => HasScope(context.User, scope)))
            .Build());

    /// <summary>
    /// The endpoint is the candidate portal's: only a portal link's token is accepted (no API key, not even an
    /// admin's: a key has no candidate of its own), and it reads as <see cref="PortalCandidate"/> only.
    /// </summary>
    public static TBuilder RequirePortalCandidate<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizationPolicyBuilder().RequireClaim(TalentMatchClaims.Candidate).Build());

    /// <summary>The candidate a portal link's token is bound to (null for an API key).</summary>
    public static Guid? PortalCandidate(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(TalentMatchClaims.Candidate), out var id) ? id : null;

    /// <summary>Whether the caller's key has <paramref name="scope"/> (or admin).</summary>
    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.HasClaim(TalentMatchClaims.Scope, scope) || user.HasClaim(TalentMatchClaims.Scope, Scopes.Admin);
}
