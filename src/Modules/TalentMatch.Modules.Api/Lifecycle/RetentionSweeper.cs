using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Persistence;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Api.Lifecycle;

/// <summary>
/// Enforces retention once an hour (and at start): a candidate past its tenant's
/// <see cref="TenantAccount.CandidateRetentionDays"/> or whose consent record has expired, and a
/// rejected document past <see cref="TenantAccount.RejectedRetentionDays"/>, is erased through
/// <see cref="DocumentEraser"/>, the path a tenant's delete takes, with the same erasure receipt.
/// </summary>
public sealed class RetentionSweeper(
    IServiceScopeFactory scopes, DocumentEraser eraser, IMeterFactory meters, TimeProvider clock, ILogger<RetentionSweeper> logger)
    : HourlyPruner(clock, logger)
{
    /// <summary>Why a document was erased: the metric's <c>rule</c> tag and the log's.</summary>
    public const string CandidateAge = "candidate-age", RejectedAge = "rejected-age", ConsentExpired = "consent-expired";

    private const int Batch = 100; // documents erased per database context, so tracking stays small
    private const int ScanPage = 5000; // candidates' key columns read per query by the scan

    private readonly Counter<long> _erased = meters.Create(TalentMatchMetrics.Name).CreateCounter<long>(
        "talentmatch.retention.erased", "{document}", "Documents erased by the retention sweep, by kind and rule.");

    private sealed record Expired(Guid Id, DocumentKind Kind, string Rule);

    public override async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var expired = await FindExpiredAsync(Clock.GetUtcNow(), cancellationToken);
        var erased = 0;
        foreach (var batch in expired.Chunk(Batch))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
            foreach (var document in batch)
            {
                erased += await TryEraseAsync(db, document, cancellationToken) ? 1 : 0;
            }
        }

        if (erased > 0)
        {
            Logger.LogInformation("Retention erased {Count} documents", erased);
        }

        return erased;
    }

    private async Task<List<Expired>> FindExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
        var tenants = await db.Tenants.AsNoTracking()
            .Where(t => t.CandidateRetentionDays != null || t.RejectedRetentionDays != null)
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        var withPolicy = tenants.Keys.ToList();

        // Dates are compared here, not in SQL: SQLite cannot compare DateTimeOffset values. Only live
        // documents that some rule could apply to are read, only their key columns, a page at a time
        // (keyset by id) so that a large tenant base is never held in memory at once.
        bool Older(DateTimeOffset submittedAt, int? days) => days is int d && submittedAt <= now.AddDays(-d);
        int? Policy(string tenantId, Func<TenantAccount, int?> period) => tenants.TryGetValue(tenantId, out var t) ? period(t) : null;

        var expired = new List<Expired>();
        for (Guid? last = null; ;)
        {
            var candidates = db.Candidates.AsNoTracking()
                .Where(c => c.Status != PipelineStatus.Deleted && (withPolicy.Contains(c.TenantId) || c.Consent!.ExpiresAt != null));
            if (last is Guid after)
            {
                candidates = candidates.Where(c => c.Id.CompareTo(after) > 0);
            }

            var page = await candidates.OrderBy(c => c.Id).Take(ScanPage)
                .Select(c => new { c.Id, c.TenantId, c.Status, c.SubmittedAt, ConsentExpiresAt = c.Consent == null ? null : c.Consent.ExpiresAt })
                .ToListAsync(cancellationToken);
            foreach (var c in page)
            {
                var rule = c.ConsentExpiresAt <= now ? ConsentExpired
                    : Older(c.SubmittedAt, Policy(c.TenantId, t => t.CandidateRetentionDays)) ? CandidateAge
                    : c.Status == PipelineStatus.Rejected && Older(c.SubmittedAt, Policy(c.TenantId, t => t.RejectedRetentionDays)) ? RejectedAge
                    : null;
                if (rule is not null)
                {
                    expired.Add(new Expired(c.Id, DocumentKind.Resume, rule));
                }
            }

            if (page.Count < ScanPage)
            {
                break;
            }

            last = page[^1].Id;
        }

        // Rejected jobs are few (a rejection is an exception), so they are read in one go.
        var rejectedJobs = await db.Jobs.AsNoTracking()
            .Where(j => j.Status == PipelineStatus.Rejected && withPolicy.Contains(j.TenantId))
            .Select(j => new { j.Id, j.TenantId, j.SubmittedAt })
            .ToListAsync(cancellationToken);

        expired.AddRange(rejectedJobs
            .Where(j => Older(j.SubmittedAt, Policy(j.TenantId, t => t.RejectedRetentionDays)))
            .Select(j => new Expired(j.Id, DocumentKind.Job, RejectedAge)));
        return expired;
    }

    private async Task<bool> TryEraseAsync(ApiDbContext db, Expired expired, CancellationToken cancellationToken)
    {
        try
        {
            var erased = await PipelineChangeRetry.RunAsync(db, async _ =>
            {
                TrackedDocument? document = expired.Kind == DocumentKind.Resume
                    ? await db.Candidates.SingleOrDefaultAsync(c => c.Id == expired.Id && c.Status != PipelineStatus.Deleted, cancellationToken)
                    : await db.Jobs.SingleOrDefaultAsync(j => j.Id == expired.Id && j.Status != PipelineStatus.Deleted, cancellationToken);
                if (document is null)
                {
                    return false; // deleted by its tenant since the scan
                }

                await eraser.EraseAsync(db, document, expired.Kind, cancellationToken, versionOnly: true);
                return true;
            });
            if (!erased)
            {
                return false;
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // Changed by the pipeline at every attempt: the next sweep finds it again.
            db.ChangeTracker.Clear();
            return false;
        }

        _erased.Add(1, new KeyValuePair<string, object?>("kind", expired.Kind == DocumentKind.Resume ? "resume" : "job"),
            new KeyValuePair<string, object?>("rule", expired.Rule));
        Logger.LogInformation("Retention erased {Kind} {DocumentId} ({Rule})", expired.Kind, expired.Id, expired.Rule);
        return true;
    }
}
