using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Contracts;
using TalentMatch.Core.Matching;
using TalentMatch.Modules.Matching.Persistence;

namespace TalentMatch.Modules.Matching.Audit;

/// <summary>One row scored again: the recorded score next to today's for the same inputs and weights.</summary>
/// <param name="Identical">Score and every component (applicability, score, weights, contribution) equal bit for bit.</param>
/// <param name="Reason">Why the row could not be scored again (erased, or an input's snapshot is gone).</param>
public sealed record AuditReplayRow(int Position, Guid? CandidateId, Guid? JobId, double? RecordedScore, double? ReplayedScore, bool Identical, string? Reason);

/// <summary>A record scored again with the current code and taxonomy (each recorded version shown next to the current one).</summary>
public sealed record AuditReplay(
    Guid RecordId, bool Identical, string RecordedTaxonomyVersion, string TaxonomyVersion, string RecordedCodeVersion, string CodeVersion,
    IReadOnlyList<AuditReplayRow> Rows);

/// <summary>Scores a record's rows again from the profile snapshots it points at and the weights it recorded.</summary>
public sealed class AuditReplayer(MatchingDbContext db)
{
    /// <returns>Null when the tenant has no such record, or its content was erased.</returns>
    public async Task<AuditReplay?> ReplayAsync(string tenantId, Guid recordId, CancellationToken cancellationToken)
    {
        var record = await db.AuditRecords.AsNoTracking().Include(r => r.Rows)
            .SingleOrDefaultAsync(r => r.TenantId == tenantId && r.Id == recordId, cancellationToken);
        if (record?.Header is null)
        {
            return null;
        }

        var header = JsonSerializer.Deserialize<AuditHeader>(record.Header, AuditJson.Options)!;
        var rows = new List<AuditReplayRow>();
        foreach (var row in record.Rows.OrderBy(r => r.Position))
        {
            rows.Add(row.Content is null
                ? new AuditReplayRow(row.Position, null, null, null, null, false, "erased with its candidate or job")
                : await ReplayRowAsync(tenantId, header, JsonSerializer.Deserialize<AuditRowContent>(row.Content, AuditJson.Options)!, cancellationToken));
        }

        return new AuditReplay(record.Id, rows.All(r => r.Identical), header.TaxonomyVersion, Matcher.Default.Taxonomy.Version,
            header.CodeVersion, AuditTrail.CodeVersion, rows);
    }

    private async Task<AuditReplayRow> ReplayRowAsync(string tenantId, AuditHeader header, AuditRowContent row, CancellationToken cancellationToken)
    {
        var candidate = await SnapshotAsync(tenantId, row.Candidate, cancellationToken);
        var job = row.Job is null ? null : await SnapshotAsync(tenantId, row.Job, cancellationToken);
        if (candidate is null || (row.Job is not null && job is null))
        {
            return new AuditReplayRow(row.Position, row.Candidate.Id, row.Job?.Id, row.Score, null, false, "an input's snapshot is gone");
        }

        var target = job?.ToJob(row.Job!.Id) ?? ProfileBuilder.Role(header.Role!);
        var profile = candidate.ToCandidate(row.Candidate.Id);
        var result = Matcher.Default.Score(target, profile, header.Weights);
        var identical = result.Score == row.Score
            && result.Components.Select(AuditComponent.From).SequenceEqual(row.Components)
            && (row.ScoreIfClosed is null || GapAnalyzer.Analyze(profile, target, header.Weights).ScoreIfClosed == row.ScoreIfClosed);
        return new AuditReplayRow(row.Position, row.Candidate.Id, row.Job?.Id, row.Score, result.Score, identical, null);
    }

    private async Task<ProfilePayload?> SnapshotAsync(string tenantId, AuditInputRef input, CancellationToken cancellationToken)
    {
        var payload = await db.AuditInputs.AsNoTracking()
            .Where(i => i.TenantId == tenantId && i.Kind == input.Kind && i.Id == input.Id && i.Version == input.Version)
            .Select(i => i.Payload).SingleOrDefaultAsync(cancellationToken);
        return payload is null ? null : ProfilePayload.FromJson(payload);
    }
}
