using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Contracts;
using TalentMatch.Core.Matching;
using TalentMatch.Modules.Matching.Persistence;

namespace TalentMatch.Modules.Matching.Audit;

/// <summary>
/// Appends records of served scores to the tenant's hash chain, and erases a document's part of it
/// (docs/adr/0012-audit-trail.md). A record commits in the transaction of what it records: a proactive
/// announcement's record with the announced pairs, a served list's on its own.
/// </summary>
public sealed class AuditTrail(MatchingDbContext db, TimeProvider clock)
{
    /// <summary>The chain's start: the "previous chain hash" of a tenant's first record.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The matching library's version, commit included where the build stamped it.</summary>
    public static readonly string CodeVersion =
        typeof(Matcher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Saves the context's pending changes and, when given, the record of <paramref name="entry"/>, in one transaction.</summary>
    /// <returns>The record's id; null without an entry.</returns>
    public async Task<Guid?> SaveAsync(string tenantId, AuditEntry? entry, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Guid? id = entry is null ? null : await AppendAsync(tenantId, entry, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    private async Task<Guid> AppendAsync(string tenantId, AuditEntry entry, CancellationToken cancellationToken)
    {
        // Serialise appends per tenant: the UPDATE holds the head row's lock until the commit (PostgreSQL, SQL Server);
        // on SQLite the transaction is BEGIN IMMEDIATE, so it already holds the database's write lock.
        await EnsureHeadAsync(tenantId, cancellationToken);
        await db.AuditHeads.Where(h => h.TenantId == tenantId)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Sequence, h => h.Sequence + 1), cancellationToken);
        var head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.TenantId == tenantId, cancellationToken);

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var header = new AuditHeader(id, head.Sequence, tenantId, entry.Operation, now, entry.KeyId,
            Ref(entry.Subject, entry.SubjectKind), entry.Role, entry.Limit, entry.Threshold, entry.Weights, Matcher.Default.Taxonomy.Version, CodeVersion,
            entry.Decision);
        var headerJson = JsonSerializer.Serialize(header, AuditJson.Options);
        var rows = entry.Rows.Select((r, i) => Row(tenantId, head.Sequence, id, i, r)).ToList();
        var headerHash = Hash(headerJson);
        var recordHash = RecordHash(headerHash, rows.Select(r => r.RowHash));
        var record = new AuditRecord
        {
            TenantId = tenantId,
            Sequence = head.Sequence,
            Id = id,
            Operation = entry.Operation,
            RecordedAtMs = now.ToUnixTimeMilliseconds(),
            SubjectId = entry.Subject.Id,
            KeyId = entry.KeyId,
            Header = headerJson,
            HeaderHash = headerHash,
            RecordHash = recordHash,
            ChainHash = ChainHash(head.ChainHash, recordHash),
            Rows = rows,
        };
        db.AuditRecords.Add(record);
        await db.AuditHeads.Where(h => h.TenantId == tenantId)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.ChainHash, record.ChainHash), cancellationToken);
        await SnapshotInputsAsync(tenantId, entry, cancellationToken);
        return id;
    }

    /// <summary>Creates the tenant's head at sequence 0 if it has none (two first appends racing: one insert wins, the other does nothing).</summary>
    private async Task EnsureHeadAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlServer())
        {
            await db.Database.ExecuteSqlAsync($"""
                IF NOT EXISTS (SELECT 1 FROM [MatchAuditHeads] WITH (UPDLOCK, HOLDLOCK) WHERE [TenantId] = {tenantId})
                INSERT INTO [MatchAuditHeads] ([TenantId], [Sequence], [ChainHash]) VALUES ({tenantId}, 0, {Genesis})
                """, cancellationToken);
            return;
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "MatchAuditHeads" ("TenantId", "Sequence", "ChainHash") VALUES ({tenantId}, 0, {Genesis})
            ON CONFLICT ("TenantId") DO NOTHING
            """, cancellationToken);
    }

    /// <summary>Keeps each scored profile version once, so a record can be scored again after the profile changed.</summary>
    private async Task SnapshotInputsAsync(string tenantId, AuditEntry entry, CancellationToken cancellationToken)
    {
        var inputs = entry.Rows.SelectMany(r => new[] { (DocumentKind.Resume, r.Candidate), (DocumentKind.Job, r.Job) })
            .Append((entry.SubjectKind, entry.Subject))
            .Where(p => p.Item2 is not null)
            .Select(p => (Kind: p.Item1, Profile: p.Item2!))
            .DistinctBy(p => (p.Kind, p.Profile.Id, p.Profile.Version))
            .ToList();
        var ids = inputs.Select(i => i.Profile.Id).Distinct().ToList();
        var known = (await db.AuditInputs.AsNoTracking()
                .Where(i => i.TenantId == tenantId && ids.Contains(i.Id))
                .Select(i => new { i.Kind, i.Id, i.Version })
                .ToListAsync(cancellationToken))
            .Select(i => (i.Kind, i.Id, i.Version))
            .ToHashSet();
        db.AuditInputs.AddRange(inputs
            .Where(i => !known.Contains((i.Kind, i.Profile.Id, i.Profile.Version)))
            .Select(i => new AuditInput { TenantId = tenantId, Kind = i.Kind, Id = i.Profile.Id, Version = i.Profile.Version, Payload = i.Profile.Payload.ToJson() }));
    }

    /// <summary>
    /// Erases what the trail holds about a document: its snapshots, its rows in other records, and the records
    /// about it. Their hashes stay, so the chain of what remains still verifies.
    /// </summary>
    public async Task EraseAsync(string tenantId, DocumentKind kind, Guid id, CancellationToken cancellationToken)
    {
        var erasedAt = clock.GetUtcNow();
        await db.AuditRows
            .Where(r => r.TenantId == tenantId && db.AuditRecords.Any(a => a.TenantId == tenantId && a.Sequence == r.Sequence && a.SubjectId == id))
            .ExecuteUpdateAsync(EraseRow, cancellationToken);
        await db.AuditRecords.Where(a => a.TenantId == tenantId && a.SubjectId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Header, (string?)null).SetProperty(a => a.SubjectId, (Guid?)null)
                .SetProperty(a => a.KeyId, (Guid?)null).SetProperty(a => a.ErasedAt, erasedAt), cancellationToken);
        await (kind == DocumentKind.Resume
                ? db.AuditRows.Where(r => r.TenantId == tenantId && r.CandidateId == id)
                : db.AuditRows.Where(r => r.TenantId == tenantId && r.JobId == id))
            .ExecuteUpdateAsync(EraseRow, cancellationToken);
        await db.AuditInputs.Where(i => i.TenantId == tenantId && i.Kind == kind && i.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Empties the tenant's records made before <paramref name="before"/> (its retention period), as an erasure does:
    /// content, subject and caller go, the hashes stay, so the chain still verifies. Returns how many records expired.
    /// </summary>
    public async Task<int> ExpireAsync(string tenantId, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var (cutoff, erasedAt) = (before.ToUnixTimeMilliseconds(), clock.GetUtcNow());
        var expired = db.AuditRecords.Where(a => a.TenantId == tenantId && a.RecordedAtMs < cutoff && a.ErasedAt == null);
        await db.AuditRows
            .Where(r => r.TenantId == tenantId && expired.Any(a => a.Sequence == r.Sequence))
            .ExecuteUpdateAsync(EraseRow, cancellationToken);
        return await expired
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Header, (string?)null).SetProperty(a => a.SubjectId, (Guid?)null)
                .SetProperty(a => a.KeyId, (Guid?)null).SetProperty(a => a.ErasedAt, erasedAt), cancellationToken);
    }

    private static void EraseRow(Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<AuditRow> s) =>
        s.SetProperty(r => r.Content, (string?)null).SetProperty(r => r.CandidateId, (Guid?)null).SetProperty(r => r.JobId, (Guid?)null);

    private static AuditRow Row(string tenantId, long sequence, Guid recordId, int position, AuditScore score)
    {
        var content = new AuditRowContent(recordId, position,
            Ref(score.Candidate, DocumentKind.Resume), score.Job is null ? null : Ref(score.Job, DocumentKind.Job),
            score.Result.Score, score.ScoreIfClosed, [.. score.Result.Components.Select(AuditComponent.From)]);
        var json = JsonSerializer.Serialize(content, AuditJson.Options);
        return new AuditRow
        {
            TenantId = tenantId,
            Sequence = sequence,
            Position = position,
            CandidateId = score.Candidate.Id,
            JobId = score.Job?.Id,
            Content = json,
            RowHash = Hash(json),
        };
    }

    private static AuditInputRef Ref(LoadedProfile profile, DocumentKind kind) => new(kind, profile.Id, profile.Version, profile.Revision, profile.Model);

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string RecordHash(string headerHash, IEnumerable<string> rowHashes) => Hash(string.Join('\n', rowHashes.Prepend(headerHash)));

    public static string ChainHash(string previous, string recordHash) => Hash(previous + "\n" + recordHash);
}

/// <summary>The one serialisation of record content: what is hashed is the stored text, so it is written once and never re-serialised.</summary>
public static class AuditJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
