using MassTransit;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using TalentMatch.Contracts;

namespace TalentMatch.Platform.Security;

/// <summary>
/// Validates API keys in a process that does not run the api module (a search or worker process
/// serving HTTP): it asks the api service over the bus, sending the key id and the hash of the
/// secret, never the key. Answers are cached for 30 seconds, so a revoked key stops working in
/// such a process within that time. When the api service does not answer, the request is refused.
/// </summary>
public sealed class BusApiKeyValidator(
    IRequestClient<ApiKeyValidationRequested> client,
    BusApiKeyValidator.AnswerCache answers,
    ILogger<BusApiKeyValidator> logger) : IApiKeyValidator
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The answers, positive and negative, of this process: bounded, because every guessed key is a new
    /// entry (failed authentications are also rate-limited per address, see <see cref="ClientAddressLimiter"/>).
    /// </summary>
    public sealed class AnswerCache : IDisposable
    {
        public const int MaxEntries = 10_000;

        internal MemoryCache Entries { get; } = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

        public void Dispose() => Entries.Dispose();
    }

    public async ValueTask<ApiKeyIdentity?> ValidateAsync(string presentedKey, CancellationToken cancellationToken)
    {
        var portal = ApiKeyFormat.TryParsePortal(presentedKey, out var keyId, out var hash);
        if (!portal && !ApiKeyFormat.TryParse(presentedKey, out keyId, out hash))
        {
            return null;
        }

        var cacheKey = $"bus-api-key:{(portal ? "portal:" : "")}{keyId:N}:{Convert.ToHexString(hash)}";
        if (answers.Entries.TryGetValue(cacheKey, out ApiKeyIdentity? cached))
        {
            return cached;
        }

        try
        {
            var response = await client.GetResponse<ApiKeyValidated>(
                new ApiKeyValidationRequested(keyId, hash, portal), cancellationToken, RequestTimeout.After(s: 5));
            var answer = response.Message;
            var identity = answer.Valid && answer.TenantId is not null
                ? new ApiKeyIdentity(keyId, answer.TenantId, answer.Scopes.ToHashSet(StringComparer.Ordinal), answer.Candidate, answer.Anonymise)
                : null;
            // When full, the cache refuses new entries (and compacts): the answer is then simply not cached.
            answers.Entries.Set(cacheKey, identity, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CacheFor });
            return identity;
        }
        catch (RequestTimeoutException)
        {
            // Fail closed: without the api service nobody can say whose key this is.
            logger.LogWarning("API key validation timed out: is the api service running?");
            return null;
        }
    }
}
