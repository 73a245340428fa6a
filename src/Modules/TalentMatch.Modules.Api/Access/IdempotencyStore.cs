using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Access;

/// <summary>
/// Idempotency keys in the api database. The first request inserts its row; the primary key
/// (tenant, key) makes a concurrent second request fail to insert and find the first. The kept
/// response body is protected with Data Protection: it is what the client got, new API keys
/// (<c>tm_…</c>) and webhook secrets (<c>whsec_…</c>) included, which must not sit in the database
/// in the clear.
/// </summary>
public sealed class IdempotencyStore(IServiceScopeFactory scopes, TimeProvider clock, IDataProtectionProvider dataProtection) : IIdempotencyStore
{
    public const string Purpose = "TalentMatch.Idempotency.Response.v1";
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(24);

    /// <summary>How every Data Protection payload starts (its format's magic header).</summary>
    private static readonly byte[] ProtectedHeader = [0x09, 0xF0, 0xC9, 0xF0];

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    public async Task<(IdempotencyClaim Claim, StoredResponse? Response)> BeginAsync(
        string tenantId, string key, string fingerprint, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
        var now = clock.GetUtcNow();
        var existing = await db.IdempotencyRecords.SingleOrDefaultAsync(r => r.TenantId == tenantId && r.Key == key, cancellationToken);
        if (existing is not null && existing.CreatedAt + KeepFor < now)
        {
            db.IdempotencyRecords.Remove(existing); // expired: the key is free again
            await db.SaveChangesAsync(cancellationToken);
            existing = null;
        }

        if (existing is null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord { TenantId = tenantId, Key = key, Fingerprint = fingerprint, CreatedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (IdempotencyClaim.Claimed, null);
            }
            catch (DbUpdateException)
            {
                // Another request with the same key inserted first: judge against it.
                db.ChangeTracker.Clear();
                existing = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.TenantId == tenantId && r.Key == key, cancellationToken);
            }
        }

        if (existing.Fingerprint != fingerprint)
        {
            return (IdempotencyClaim.Mismatch, null);
        }

        return existing.StatusCode is int status
            ? (IdempotencyClaim.Replay, new StoredResponse(status, existing.ContentType, existing.Location, Unprotect(existing.Body)))
            : (IdempotencyClaim.InProgress, null);
    }

    public async Task CompleteAsync(string tenantId, string key, StoredResponse response, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
        await db.IdempotencyRecords.Where(r => r.TenantId == tenantId && r.Key == key)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.StatusCode, response.StatusCode)
                .SetProperty(r => r.ContentType, response.ContentType)
                .SetProperty(r => r.Location, response.Location)
                .SetProperty(r => r.Body, _protector.Protect(response.Body)), cancellationToken);
    }

    /// <summary>
    /// The body as the client got it. A row kept before bodies were protected holds the body
    /// plain (a JSON or problem body, which never starts with the payload header) and is replayed
    /// as is; such rows expire within <see cref="KeepFor"/>, so no migration rewrites them.
    /// </summary>
    private byte[] Unprotect(byte[]? stored) =>
        stored is null or [] ? [] : stored.AsSpan().StartsWith(ProtectedHeader) ? _protector.Unprotect(stored) : stored;

    public async Task AbandonAsync(string tenantId, string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
        await db.IdempotencyRecords.Where(r => r.TenantId == tenantId && r.Key == key).ExecuteDeleteAsync(cancellationToken);
    }
}
