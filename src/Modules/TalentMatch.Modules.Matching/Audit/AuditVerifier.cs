using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Modules.Matching.Persistence;

namespace TalentMatch.Modules.Matching.Audit;

/// <summary>The outcome of walking a tenant's chain.</summary>
/// <param name="Valid">Every record is intact, in sequence, and the last one is the head.</param>
/// <param name="Records">Records walked (tombstones included).</param>
/// <param name="Erased">Of those, records whose content was erased with a document (their hashes still count).</param>
/// <param name="HeadHash">The chain hash of the last record: keep it outside TalentMatch to detect a rewrite of the whole chain.</param>
/// <param name="BrokenAt">The sequence number of the first record that does not verify.</param>
/// <param name="Problem">What is wrong there.</param>
public sealed record AuditVerification(bool Valid, long Records, long Erased, string HeadHash, long? BrokenAt, string? Problem);

/// <summary>
/// Walks a tenant's chain from its first record: recomputes each header's and row's hash from the stored text,
/// each record's hash from them, and each link from the previous one, and checks the query columns against the
/// hashed header. An edited, inserted, reordered or deleted record (or row) breaks it.
/// </summary>
public sealed class AuditVerifier(MatchingDbContext db)
{
    private const int Batch = 200;

    public async Task<AuditVerification> VerifyAsync(string tenantId, CancellationToken cancellationToken)
    {
        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.TenantId == tenantId, cancellationToken)
            ?? new AuditHead { TenantId = tenantId, Sequence = 0, ChainHash = AuditTrail.Genesis };
        var previous = AuditTrail.Genesis;
        long expected = 1, erased = 0;
        while (true)
        {
            var from = expected;
            var records = await db.AuditRecords.AsNoTracking().Include(r => r.Rows)
                .Where(r => r.TenantId == tenantId && r.Sequence >= from)
                .OrderBy(r => r.Sequence).Take(Batch).ToListAsync(cancellationToken);
            foreach (var record in records)
            {
                if (record.Sequence != expected)
                {
                    return Broken(expected - 1, expected, $"Record {expected} is missing.");
                }

                if (Check(record, previous) is { } problem)
                {
                    return Broken(expected - 1, record.Sequence, problem);
                }

                erased += record.ErasedAt is null ? 0 : 1;
                previous = record.ChainHash;
                expected++;
            }

            if (records.Count < Batch)
            {
                break;
            }
        }

        var count = expected - 1;
        if (count != head.Sequence || previous != head.ChainHash)
        {
            return Broken(count, count + 1, $"The chain ends at record {count}, but {head.Sequence} were appended: the last records were deleted.");
        }

        return new AuditVerification(true, count, erased, previous, null, null);

        AuditVerification Broken(long walked, long at, string problem) => new(false, walked, erased, previous, at, problem);
    }

    private static string? Check(AuditRecord record, string previous)
    {
        if (record.Header is not null)
        {
            if (AuditTrail.Hash(record.Header) != record.HeaderHash)
            {
                return "Its header was changed.";
            }

            var header = JsonSerializer.Deserialize<AuditHeader>(record.Header, AuditJson.Options)!;
            if (header.Id != record.Id || header.Sequence != record.Sequence || header.TenantId != record.TenantId
                || header.Operation != record.Operation || header.RecordedAt.ToUnixTimeMilliseconds() != record.RecordedAtMs
                || header.Subject.Id != record.SubjectId || header.KeyId != record.KeyId)
            {
                return "Its columns do not match its header.";
            }
        }

        var rows = record.Rows.OrderBy(r => r.Position).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Position != i)
            {
                return $"Row {i} is missing.";
            }

            if (row.Content is null)
            {
                continue;
            }

            if (AuditTrail.Hash(row.Content) != row.RowHash)
            {
                return $"Row {i} was changed.";
            }

            var content = JsonSerializer.Deserialize<AuditRowContent>(row.Content, AuditJson.Options)!;
            if (content.RecordId != record.Id || content.Position != i || content.Candidate.Id != row.CandidateId || content.Job?.Id != row.JobId)
            {
                return $"Row {i}'s columns do not match its content.";
            }
        }

        var recordHash = AuditTrail.RecordHash(record.HeaderHash, rows.Select(r => r.RowHash));
        if (recordHash != record.RecordHash)
        {
            return "Its rows or header hash were changed.";
        }

        return AuditTrail.ChainHash(previous, recordHash) != record.ChainHash ? "Its link to the previous record does not hold." : null;
    }
}
