using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Access;

/// <summary>A link as created: the only time its token exists outside the caller's hands.</summary>
public sealed record CreatedPortalLink(PortalLink Link, string Token);

/// <summary>
/// Candidate portal links (docs/adr/0009-console.md, addendum): a token shaped like an API key
/// (<see cref="ApiKeyFormat.PortalPrefix"/>), of which only the secret's hash is stored. A valid one
/// authenticates as its candidate with no scope at all, so that only the portal's read-only
/// endpoints (<see cref="SecurityExtensions.RequirePortalCandidate"/>) accept it. Not cached: a
/// revocation or an expiry takes effect at the next request, and portal traffic is a person reading.
/// </summary>
public sealed class PortalLinkStore(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async ValueTask<ApiKeyIdentity?> ValidateAsync(Guid linkId, byte[] hash, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
        var link = await db.PortalLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Id == linkId, cancellationToken);
        if (link is null || link.RevokedAt is not null || link.ExpiresAt <= clock.GetUtcNow()
            || !CryptographicOperations.FixedTimeEquals(link.SecretHash, hash))
        {
            return null;
        }

        return new ApiKeyIdentity(link.Id, link.TenantId, new HashSet<string>(), link.CandidateId);
    }

    /// <summary>Adds a link to <paramref name="db"/> (the caller saves) and returns it with its token.</summary>
    public CreatedPortalLink Create(ApiDbContext db, string tenantId, Guid candidateId, TimeSpan lifetime)
    {
        var id = Guid.CreateVersion7();
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var link = new PortalLink
        {
            Id = id,
            TenantId = tenantId,
            CandidateId = candidateId,
            SecretHash = ApiKeyFormat.Hash(secret),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        db.PortalLinks.Add(link);
        return new CreatedPortalLink(link, ApiKeyFormat.Compose(id, secret, ApiKeyFormat.PortalPrefix));
    }

    public void Revoke(PortalLink link) => link.RevokedAt ??= clock.GetUtcNow();

    /// <summary>Whether the link still opens (neither revoked nor expired).</summary>
    public bool IsActive(PortalLink link) => link.RevokedAt is null && link.ExpiresAt > clock.GetUtcNow();
}
