using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
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
/// in the clear. The key itself is stored as its SHA-256 (<see cref="StoredKey"/>): clients put
/// what they like in it (a file name, an applicant reference), and a row outlives the erasure of
/// the document it created (<see cref="EraseForAsync"/>), so it must not carry the key in the clear.
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
        var stored = StoredKey(key);
        // A row written before keys were hashed holds the key as sent; such rows expire within KeepFor.
        var existing = await db.IdempotencyRecords.FirstOrDefaultAsync(
            r => r.TenantId == tenantId && (r.Key == stored || r.Key == key), cancellationToken);
        if (existing is not null && existing.CreatedAt + KeepFor < now)
        {
            db.IdempotencyRecords.Remove(existing); // expired: the key is free again
            await db.SaveChangesAsync(cancellationToken);
            existing = null;
        }

        if (existing is null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord { TenantId = tenantId, Key = stored, Fingerprint = fingerprint, CreatedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (IdempotencyClaim.Claimed, null);
            }
            catch (DbUpdateException)
            {
                // Another request with the same key inserted first: judge against it.
                db.ChangeTracker.Clear();
                existing = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.TenantId == tenantId && r.Key == stored, cancellationToken);
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
        var stored = StoredKey(key);
        await db.IdempotencyRecords.Where(r => r.TenantId == tenantId && r.Key == stored)
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
        var stored = StoredKey(key);
        await db.IdempotencyRecords.Where(r => r.TenantId == tenantId && (r.Key == stored || r.Key == key)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>How a key is kept: <c>sha256:</c> and the hex SHA-256 of the key as sent.</summary>
    public static string StoredKey(string key) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>
    /// Part of a document's erasure, in the same unit of work as its tombstone (the caller saves):
    /// every record whose response created the document now answers 410 <c>document-erased</c>
    /// without a Location, so a replay of the original request neither returns the erased text
    /// nor submits it again. A record still keyed in the clear (written before keys were hashed)
    /// is deleted instead: its key cannot be rewritten in place.
    /// </summary>
    public async Task EraseForAsync(ApiDbContext db, string tenantId, Guid documentId, CancellationToken cancellationToken)
    {
        var suffix = "/" + documentId.ToString("D");
        var records = await db.IdempotencyRecords
            .Where(r => r.TenantId == tenantId && r.Location != null && r.Location.EndsWith(suffix))
            .ToListAsync(cancellationToken);
        foreach (var record in records)
        {
            if (!record.Key.StartsWith("sha256:", StringComparison.Ordinal))
            {
                db.IdempotencyRecords.Remove(record);
                continue;
            }

            record.StatusCode = StatusCodes.Status410Gone;
            record.ContentType = "application/problem+json";
            record.Location = null;
            record.Body = _protector.Protect(ErasedProblem);
        }
    }

    private static readonly byte[] ErasedProblem = JsonSerializer.SerializeToUtf8Bytes(new
    {
        type = "urn:talentmatch:problem:document-erased",
        title = "The document this request created was deleted and erased",
        status = StatusCodes.Status410Gone,
        detail = "Its content is not kept, so it cannot be replayed. Send a new request with a new Idempotency-Key to submit it again.",
    });
}
