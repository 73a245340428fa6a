using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TalentMatch.Platform.Security;

/// <summary>
/// Rate limits that run <em>before</em> authentication, per client address: every request spends
/// from the address's allowance, and every 401 spends from its failed-authentication allowance.
/// When either is empty the request gets 429 without its key being looked up, so that traffic with
/// missing, malformed or guessed keys costs neither a database lookup nor a bus request. The
/// per-key limit (<see cref="SecurityExtensions.AddTalentMatchSecurity"/>) still applies after
/// authentication.
/// </summary>
public sealed class ClientAddressLimiter : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<string> _requests;
    private readonly PartitionedRateLimiter<string> _failures;
    private readonly RateLimitOptions _options;

    /// <summary>How long until one more failed authentication is allowed.</summary>
    private readonly TimeSpan _failureRefill;

    public ClientAddressLimiter(RateLimitOptions options)
    {
        _options = options;
        _failureRefill = TimeSpan.FromSeconds(60.0 / options.FailedAuthenticationsPerMinute);
        _requests = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.PerAddressBurst,
                TokensPerPeriod = options.PerAddressRequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.FailedAuthenticationBurst,
                TokensPerPeriod = Math.Max(1, options.FailedAuthenticationsPerMinute / 60),
                ReplenishmentPeriod = options.FailedAuthenticationsPerMinute >= 60
                    ? TimeSpan.FromSeconds(1)
                    : TimeSpan.FromSeconds(60.0 / options.FailedAuthenticationsPerMinute),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var address = "ip:" + context.Connection.RemoteIpAddress;

        // A failed-authentication allowance that is already spent refuses before anything else runs.
        // Whole permits are what counts: the bucket refills in fractions, and asking it for zero
        // permits would succeed on a fraction.
        if (_failures.GetStatistics(address) is { CurrentAvailablePermits: < 1 })
        {
            await RateLimitedProblem.WriteAsync(context, _failureRefill, "Too many failed authentications from this address");
            return;
        }

        using var lease = _requests.AttemptAcquire(address);
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            await RateLimitedProblem.WriteAsync(context, retryAfter, $"This address is limited to {_options.PerAddressRequestsPerSecond} requests per second (bursts of {_options.PerAddressBurst})");
            return;
        }

        await next(context);

        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            _failures.AttemptAcquire(address).Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _requests.DisposeAsync();
        await _failures.DisposeAsync();
    }
}

public static class ClientAddressLimiterExtensions
{
    /// <summary>Call before <c>UseAuthentication</c>: the limits must apply to requests whose key is not yet checked.</summary>
    public static WebApplication UseClientAddressLimits(this WebApplication app)
    {
        var limiter = app.Services.GetRequiredService<ClientAddressLimiter>();
        app.Use((context, next) => limiter.InvokeAsync(context, next));
        return app;
    }
}
