using MassTransit;
using Microsoft.EntityFrameworkCore;
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
public sealed class InsightFactsConsumer(InsightsDbContext db, TimeProvider clock) : IConsumer<ProfileEmbedded>, IConsumer<DocumentDeleted>
{
    public async Task Consume(ConsumeContext<ProfileEmbedded> context)
    {
        var m = context.Message;
        if (await db.AlreadyProcessedAsync(context, nameof(InsightFactsConsumer), clock))
        {
            return;
        }

        if (m.Kind == DocumentKind.Job)
        {
            var row = await db.Jobs.SingleOrDefaultAsync(j => j.TenantId == m.TenantId && j.Id == m.DocumentId, context.CancellationToken);
            if (row is null)
            {
                row = new InsightJob { TenantId = m.TenantId, Id = m.DocumentId, Required = "", Preferred = "", Posted = clock.GetUtcNow() };
                db.Jobs.Add(row);
            }

            if (row.Revision <= m.Revision)
            {
                Apply(row, MarketJob.From(m.DocumentId.ToString(), m.Title, m.Skills, m.Facts, open: true, row.Posted), m.Revision);
            }
        }
        else
        {
            var row = await db.Candidates.SingleOrDefaultAsync(c => c.TenantId == m.TenantId && c.Id == m.DocumentId, context.CancellationToken);
            if (row is null)
            {
                row = new InsightCandidate { TenantId = m.TenantId, Id = m.DocumentId, Skills = "" };
                db.Candidates.Add(row);
            }

            if (row.Revision <= m.Revision)
            {
                row.Revision = m.Revision;
                row.Skills = Join(m.Skills.Select(s => s.Id).Distinct(StringComparer.Ordinal));
                row.Years = m.Facts?.YearsOfExperience;
            }
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<DocumentDeleted> context)
    {
        var m = context.Message;
        if (m.Kind == DocumentKind.Job && !m.Erasure)
        {
            // Closed: out of the open-jobs default, still in `status=all` figures.
            await db.Jobs.Where(j => j.TenantId == m.TenantId && j.Id == m.DocumentId)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Open, false), context.CancellationToken);
            return;
        }

        await (m.Kind == DocumentKind.Job
                ? db.Jobs.Where(j => j.TenantId == m.TenantId && j.Id == m.DocumentId).ExecuteDeleteAsync(context.CancellationToken)
                : db.Candidates.Where(c => c.TenantId == m.TenantId && c.Id == m.DocumentId).ExecuteDeleteAsync(context.CancellationToken));
        if (m.Erasure)
        {
            await context.Publish(new DocumentErased(m.DocumentId, m.TenantId, m.Kind, ServiceModules.Insights, clock.GetUtcNow()), context.CancellationToken);
        }
    }

    private static void Apply(InsightJob row, MarketJob job, int revision)
    {
        row.Revision = revision;
        row.Required = Join(job.Required);
        row.Preferred = Join(job.Preferred);
        row.City = Bounded(job.City, 100);
        row.Seniority = Bounded(job.Seniority, 32);
        row.Category = Bounded(job.Category, 100);
        var pay = job.Pay is { Negotiable: false, Currency: not null } p ? p : null;
        row.Currency = pay?.Currency;
        row.MonthlyMidpoint = pay?.MonthlyMidpoint;
        row.AnnualMidpoint = pay?.AnnualMidpoint;
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
