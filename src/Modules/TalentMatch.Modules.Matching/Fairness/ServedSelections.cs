using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Core.Matching.Fairness;
using TalentMatch.Modules.Matching.Audit;
using TalentMatch.Modules.Matching.Persistence;

namespace TalentMatch.Modules.Matching.Fairness;

/// <summary>
/// The candidates the tool actually ranked for jobs in a window of time, read from the audit trail: every candidate
/// list served for a job (<c>GET /v1/jobs/{id}/matches</c>) and every proactive announcement of candidates. A bias audit
/// of what recruiters were shown, as LL144 asks of a tool in use, rather than of everyone scored again today.
/// </summary>
/// <remarks>
/// One assessment per (job, candidate) pair, with the score most recently served for it in the window: a recruiter
/// who opens a list ten times does not weigh that list ten times. Role lists and gap reports rank jobs for a
/// candidate, not candidates for a job, so they are not screening and are not read. Erased rows (their content is
/// gone) are not counted: an erased person is no longer in the data.
/// </remarks>
internal static class ServedSelections
{
    /// <summary>The most served rows one report reads; a longer window is a 422 that asks for a shorter one.</summary>
    public const int MaxRows = 200_000;

    private static readonly string[] Screening = [AuditOperations.CandidatesForJob, AuditOperations.ProactiveCandidates];

    /// <summary>The served pairs in [from, to), oldest first; null when there are more than <see cref="MaxRows"/> rows.</summary>
    public static async Task<List<AssessedPerson>?> ReadAsync(
        MatchingDbContext db, string tenantId, DateTimeOffset from, DateTimeOffset to, Guid? jobId,
        IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, string?>> categories, CancellationToken cancellationToken)
    {
        var (start, end) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        var records = db.AuditRecords.AsNoTracking()
            .Where(r => r.TenantId == tenantId && Screening.Contains(r.Operation) && r.RecordedAtMs >= start && r.RecordedAtMs < end);
        if (jobId is Guid job)
        {
            records = records.Where(r => r.SubjectId == job);
        }

        var rows = records.SelectMany(r => r.Rows).Where(row => row.Content != null && row.CandidateId != null && row.JobId != null);
        if (await rows.CountAsync(cancellationToken) > MaxRows)
        {
            return null;
        }

        var served = await rows.OrderBy(row => row.Sequence).ThenBy(row => row.Position)
            .Select(row => new { Candidate = row.CandidateId!.Value, Job = row.JobId!.Value, row.Content })
            .ToListAsync(cancellationToken);

        // Later rows overwrite earlier ones: the score most recently served for each pair.
        var latest = new Dictionary<(Guid Job, Guid Candidate), double>();
        foreach (var row in served)
        {
            latest[(row.Job, row.Candidate)] = JsonSerializer.Deserialize<AuditRowContent>(row.Content!, AuditJson.Options)!.Score;
        }

        var none = new Dictionary<string, string?>();
        return [.. latest.Select(pair => new AssessedPerson(
            $"{pair.Key.Job:N}:{pair.Key.Candidate:N}", pair.Value, categories.GetValueOrDefault(pair.Key.Candidate) ?? none, pair.Key.Job.ToString("N")))];
    }
}
