using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TalentMatch.Contracts;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Modules.Insights.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Insights;

/// <summary>
/// Keeps the insights facts of every job and candidate: written from <see cref="ProfileEmbedded"/> (it carries the
/// whole profile, as for matching's store), a job marked closed or a document removed on <see cref="DocumentDeleted"/>,
/// and every erasure confirmed with <see cref="DocumentErased"/> (a candidate's skills are personal data).
/// Idempotent: the processed key commits with the row, and an older revision never overwrites a newer one.
/// </summary>
public sealed class InsightFactsConsumer(InsightsDbContext db, IOptions<InsightsOptions> options, TimeProvider clock) : IConsumer<ProfileEmbedded>, IConsumer<DocumentDeleted>
{
    /// <summary>
    /// Skills kept per job, required first: a job's skill pairs are tallied (ADR 0013), so an ad naming hundreds of
    /// skills would write tens of thousands of counts. Scan and tallies both see the same capped list.
    /// </summary>
    public const int MaxSkillsPerJob = 50;

    private int DetailsFrom => options.Value.ScopedDetailsFrom;

    public async Task Consume(ConsumeContext<ProfileEmbedded> context)
    {
        var m = context.Message;
        var cancellationToken = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.AlreadyProcessedAsync(context, nameof(InsightFactsConsumer), clock))
        {
            return;
        }

        if (m.Kind == DocumentKind.Job)
        {
            await InsightTallies.LockAsync(db, m.TenantId, DetailsFrom, cancellationToken);
            var row = await db.Jobs.SingleOrDefaultAsync(j => j.TenantId == m.TenantId && j.Id == m.DocumentId, cancellationToken);
            if (row is null)
            {
                row = new InsightJob { TenantId = m.TenantId, Id = m.DocumentId, Required = "", Preferred = "", Posted = clock.GetUtcNow() };
                db.Jobs.Add(row);
            }
            else if (row.Revision > m.Revision)
            {
                row = null; // an older revision, late: the newer one stays, and so do its counts
            }

            if (row is not null)
            {
                // The revision it replaces leaves the counts exactly as it came in: read back from its stored facts.
                List<(MarketJob, int)> changes = db.Entry(row).State == EntityState.Added ? [] : [(row.ToMarketJob(), -1)];
                Apply(row, MarketJob.From(m.DocumentId.ToString(), m.Title, m.Skills, m.Facts, open: true, row.Posted), m.Revision);
                changes.Add((row.ToMarketJob(), +1));
                await InsightTallies.ApplyAsync(db, m.TenantId, changes, DetailsFrom, cancellationToken);
            }
        }
        else
        {
            // The candidates' counts for /supply (InsightCandidateTallies) change under the same lock as the jobs'.
            await InsightTallies.LockAsync(db, m.TenantId, DetailsFrom, cancellationToken);
            var row = await db.Candidates.SingleOrDefaultAsync(c => c.TenantId == m.TenantId && c.Id == m.DocumentId, cancellationToken);
            List<(MarketCandidate, int)> changes = row is null ? [] : [(row.ToMarketCandidate(), -1)];
            if (row is null)
            {
                row = new InsightCandidate { TenantId = m.TenantId, Id = m.DocumentId, Skills = "" };
                db.Candidates.Add(row);
            }

            if (row.Revision <= m.Revision)
            {
                row.Revision = m.Revision;
                row.Skills = Join(m.Skills.Select(s => s.Id).Distinct(StringComparer.Ordinal));
                // Hundredths, as the counts of years keep them (MarketSupply.TalliesOf): the scan and the counts agree.
                row.Years = m.Facts?.YearsOfExperience is { } years ? Math.Round(Math.Clamp(years, 0, MarketSupply.MaxYears), 2) : null;
                changes.Add((row.ToMarketCandidate(), +1));
                await InsightCandidateTallies.ApplyAsync(db, m.TenantId, changes, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task Consume(ConsumeContext<DocumentDeleted> context)
    {
        var m = context.Message;
        var cancellationToken = context.CancellationToken;
        if (m.Kind == DocumentKind.Job)
        {
            // Closed: out of the open-jobs default, still in `status=all` figures; deleted: gone. Either moves the job's
            // counts once: a redelivery finds it closed or gone already (the tenant's lock orders the two).
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await InsightTallies.LockAsync(db, m.TenantId, DetailsFrom, cancellationToken);
            var row = await db.Jobs.SingleOrDefaultAsync(j => j.TenantId == m.TenantId && j.Id == m.DocumentId, cancellationToken);
            if (row is not null && (m.Erasure || row.Open))
            {
                List<(MarketJob, int)> changes = [(row.ToMarketJob(), -1)];
                if (m.Erasure)
                {
                    db.Jobs.Remove(row);
                }
                else
                {
                    row.Open = false;
                    changes.Add((row.ToMarketJob(), +1));
                }

                await InsightTallies.ApplyAsync(db, m.TenantId, changes, DetailsFrom, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            // Gone from the facts and from every count of supply in one commit: an erased candidate counts nowhere.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await InsightTallies.LockAsync(db, m.TenantId, DetailsFrom, cancellationToken);
            var row = await db.Candidates.SingleOrDefaultAsync(c => c.TenantId == m.TenantId && c.Id == m.DocumentId, cancellationToken);
            if (row is not null)
            {
                db.Candidates.Remove(row);
                await InsightCandidateTallies.ApplyAsync(db, m.TenantId, [(row.ToMarketCandidate(), -1)], cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (m.Erasure)
        {
            await context.Publish(new DocumentErased(m.DocumentId, m.TenantId, m.Kind, ServiceModules.Insights, clock.GetUtcNow()), cancellationToken);
        }
    }

    private static void Apply(InsightJob row, MarketJob job, int revision)
    {
        row.Revision = revision;
        var required = job.Required.Take(MaxSkillsPerJob).ToList();
        row.Required = Join(required);
        row.Preferred = Join(job.Preferred.Take(MaxSkillsPerJob - required.Count));
        row.City = Bounded(job.City, 100);
        row.Seniority = Bounded(job.Seniority, 32);
        row.Category = Bounded(job.Category, 100);
        var pay = job.Pay is { Negotiable: false, Currency: not null } p ? p : null;
        row.Currency = pay?.Currency;
        // Rounded as the columns store them (hundredths), so the counts taken away later equal the ones added now.
        row.MonthlyMidpoint = pay?.MonthlyMidpoint is { } monthly ? Math.Round(monthly, 2) : null;
        row.AnnualMidpoint = pay?.AnnualMidpoint is { } annual ? Math.Round(annual, 2) : null;
    }

    /// <summary>Space-separated ids, cut at whole ids below the column's length (a skill-dense ad keeps its first ones).</summary>
    private static string Join(IEnumerable<string> ids)
    {
        var joined = new System.Text.StringBuilder();
        foreach (var id in ids)
        {
            if (joined.Length + id.Length + 1 > InsightJob.MaxSkillsLength)
            {
                break;
            }

            joined.Append(joined.Length == 0 ? "" : " ").Append(id);
        }

        return joined.ToString();
    }

    private static string? Bounded(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
