using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Access;

/// <summary>A key as created: the only time its secret exists outside the caller's hands.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret);

/// <summary>
/// Creates, validates, revokes and rotates API keys (format: <see cref="ApiKeyFormat"/>): the id
/// finds the row, the secret's hash is compared in constant time. Validated keys are
/// cached for <see cref="CacheFor"/>, so a revocation reaches other processes within that time
/// (in this process at once).
/// </summary>
public sealed partial class ApiKeyStore(IServiceScopeFactory scopes, IMemoryCache cache, TimeProvider clock, PortalLinkStore portalLinks) : IApiKeyValidator
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    /// <summary>An API key, or a candidate portal link's token (the other credential this service issues).</summary>
    public async ValueTask<ApiKeyIdentity?> ValidateAsync(string presentedKey, CancellationToken cancellationToken)
    {
        if (ApiKeyFormat.TryParse(presentedKey, out var keyId, out var hash))
        {
            return await ValidateAsync(keyId, hash, cancellationToken);
        }

        return ApiKeyFormat.TryParsePortal(presentedKey, out var linkId, out hash)
            ? await portalLinks.ValidateAsync(linkId, hash, cancellationToken)
            : null;
    }

    /// <summary>The check itself, also answering other processes' requests over the bus.</summary>
    public async ValueTask<ApiKeyIdentity?> ValidateAsync(Guid keyId, byte[] hash, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey(keyId), out CachedKey? cached) && cached is not null)
        {
            return CryptographicOperations.FixedTimeEquals(cached.Hash, hash) ? cached.Identity : null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        if (key is null || key.RevokedAt is not null)
        {
            return null;
        }

        // The tenant's anonymisation travels with the key, so that search and matching apply it without asking the api.
        var anonymise = await db.Tenants.AsNoTracking().Where(t => t.Id == key.TenantId)
            .Select(t => Anonymisation.ClaimValue(t.Anonymised, t.AnonymiseSchools)).SingleOrDefaultAsync(cancellationToken);
        var identity = new ApiKeyIdentity(key.Id, key.TenantId, key.ScopeSet, Anonymise: anonymise);
        cache.Set(CacheKey(keyId), new CachedKey(key.SecretHash, identity), CacheFor);
        return CryptographicOperations.FixedTimeEquals(key.SecretHash, hash) ? identity : null;
    }

    /// <summary>Adds a key to <paramref name="db"/> (the caller saves) and returns it with its secret.</summary>
    public CreatedApiKey Create(ApiDbContext db, string tenantId, string name, IEnumerable<string> scopes)
    {
        var id = Guid.CreateVersion7();
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Id = id,
            TenantId = tenantId,
            Name = name,
            Scopes = string.Join(' ', scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            SecretHash = ApiKeyFormat.Hash(secret),
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(key);
        return new CreatedApiKey(key, ApiKeyFormat.Compose(id, secret));
    }

    /// <summary>Forgets the cached identities of a tenant's keys, after a change to what they carry (the anonymisation setting).</summary>
    public async Task ForgetTenantAsync(ApiDbContext db, string tenantId, CancellationToken cancellationToken)
    {
        foreach (var id in await db.ApiKeys.Where(k => k.TenantId == tenantId).Select(k => k.Id).ToListAsync(cancellationToken))
        {
            cache.Remove(CacheKey(id));
        }
    }

    public void Revoke(ApiKey key)
    {
        key.RevokedAt ??= clock.GetUtcNow();
        cache.Remove(CacheKey(key.Id));
    }

    /// <summary>
    /// Creates a tenant with one admin key (the operator's bootstrap: <c>TalentMatch.Server bootstrap</c>).
    /// Fails if the tenant exists.
    /// </summary>
    public async Task<CreatedApiKey> CreateTenantAsync(string tenantId, string name, CancellationToken cancellationToken)
    {
        if (!TenantIdPattern().IsMatch(tenantId))
        {
            throw new ArgumentException("A tenant id is 1–64 characters of a–z, 0–9 and '-', starting with a letter or digit.", nameof(tenantId));
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
        if (await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken))
        {
            throw new InvalidOperationException($"Tenant '{tenantId}' already exists.");
        }

        db.Tenants.Add(new TenantAccount { Id = tenantId, Name = name, CreatedAt = clock.GetUtcNow() });
        var created = Create(db, tenantId, "bootstrap admin key", [Scopes.Admin]);
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    private static string CacheKey(Guid keyId) => $"api-key:{keyId:N}";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex TenantIdPattern();

    private sealed record CachedKey(byte[] Hash, ApiKeyIdentity Identity);
}
