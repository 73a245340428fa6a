using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TalentMatch.Platform.Security;

/// <summary>
/// A bound on requests that cost far more than a lookup (hybrid search embeds its query; matching
/// retrieves and scores up to a hundred profiles; insights aggregate a tenant's jobs): at most
/// <see cref="RateLimitOptions.ConcurrentCostlyRequestsPerTenant"/> of them run at once per tenant, so
/// that one tenant's key cannot take every core from the others. Past that a request gets 429 at once
/// (no queue: a client that waits should retry, not hold a connection).
/// </summary>
public sealed class CostlyRequests(RateLimitOptions options) : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<string> _running = PartitionedRateLimiter.Create<string, string>(tenant =>
        RateLimitPartition.GetConcurrencyLimiter(tenant, _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = options.ConcurrentCostlyRequestsPerTenant,
            QueueLimit = 0,
        }));

    /// <summary>A lease to dispose when the work is done, or null with the 429 problem to answer.</summary>
    public RateLimitLease? TryEnter(string tenantId, out ProblemHttpResult? problem)
    {
        var lease = _running.AttemptAcquire(tenantId);
        if (lease.IsAcquired)
        {
            problem = null;
            return lease;
        }

        lease.Dispose();
        problem = TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            type: "urn:talentmatch:problem:rate-limited",
            title: "Too many requests",
            detail: string.Create(CultureInfo.InvariantCulture,
                $"At most {options.ConcurrentCostlyRequestsPerTenant} hybrid searches, match and insights requests run at once per tenant; retry when one has finished."));
        return null;
    }

    public ValueTask DisposeAsync() => _running.DisposeAsync();
}
