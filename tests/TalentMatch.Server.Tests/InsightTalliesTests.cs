using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Contracts;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Core.Skills;
using TalentMatch.Modules.Insights;
using TalentMatch.Modules.Insights.Persistence;
using TalentMatch.Platform.Persistence;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// The running tallies behind <c>GET /v1/insights/skills</c> (ADR 0013) against the scan of the same facts: random jobs
/// go in through the insights consumer (new revisions, late older ones, redeliveries, closes, deletes, another
/// tenant's jobs), then the unfiltered report (tallies) must equal the report with a <c>since</c> filter that every job
/// passes (the scan), over open and over all jobs.
/// </summary>
public sealed class InsightTalliesTests : IAsyncLifetime
{
    internal static readonly string[] Skills = ["pytorch", "python", "cuda", "jax", "kubernetes", "deepspeed", "tensorflow", "sql", "rag", "langchain"];
    private static readonly string[] Cities = ["Shenzhen", "Beijing", "Remote"];
    private static readonly string[] Seniorities = ["junior", "senior", "staff"];
    private static readonly string[] Roles = ["role-mlops-engineer", "role-data-scientist"];

    /// <summary>Each filter the tallies keep a view for, one value of each: its report must equal the scan's.</summary>
    private static readonly string[] Filters = ["city=Shenzhen", "city=Remote", "seniority=senior", "seniority=junior", "category=role-mlops-engineer", "category=role-data-scientist"];

    /// <summary>
    /// A view keeps a skill's details once 3 of its jobs ask for it (50 in service): in these small markets some skills
    /// of each view are kept (marked by the first build or by the writer when they reach 3) and some are counted from
    /// the facts, so that every filtered report below goes through both (ADR 0013, "Details of a view's common skills").
    /// </summary>
    private static readonly Dictionary<string, string?> Settings = new() { ["TalentMatch:Insights:ScopedDetailsFrom"] = "3" };

    private readonly TalentMatchApp _app = TalentMatchApp.Embedded(Settings);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    internal static ProfileEmbedded RandomJob(Random random, string tenant, Guid id, int revision, IEnumerable<string>? picked = null)
    {
        var skills = (picked ?? Skills.Where(_ => random.NextDouble() < 0.4))
            .Select(s => new ExtractedSkill(s, s, Level: random.NextDouble() < 0.6 ? "required" : "preferred"))
            .ToList();
        // Most jobs in a city, at a seniority, of a role (the filters' dimensions); some without, which no filter passes.
        if (random.NextDouble() < 0.7)
        {
            skills.Add(new ExtractedSkill(Roles[random.Next(Roles.Length)], "role"));
        }

        var city = random.NextDouble() < 0.85 ? Cities[random.Next(Cities.Length)] : null;
        var seniority = random.NextDouble() < 0.85 ? Seniorities[random.Next(Seniorities.Length)] : null;
        // Posted in round steps 10 % apart: every pay bucket holds one figure, so even percentiles agree exactly.
        var mid = Math.Round(100m * (decimal)Math.Pow(1.1, random.Next(0, 20))) * 100;
        Compensation? pay = random.NextDouble() switch
        {
            < 0.75 => new Compensation("CNY", "month", mid - 2_500, mid + 2_500, 14, true, AnnualMidpoint: mid * 14, MonthlyMidpoint: mid),
            < 0.85 => new Compensation("USD", "year", null, null, AnnualMidpoint: mid * 4, MonthlyMidpoint: mid * 4 / 12),
            < 0.9 => new Compensation(null, null, null, null, Negotiable: true),
            _ => null,
        };
        return new ProfileEmbedded(id, tenant, DocumentKind.Job, $"job {id}", "text", skills, [.. Enumerable.Range(0, 384).Select(i => i == 0 ? 1f : 0f)], "test-model", new ProfileFacts("en", Location: city, Seniority: seniority, Compensation: pay), revision);
    }

    [Fact]
    public Task Tallies_kept_through_revisions_redeliveries_closes_and_deletes_answer_as_the_scan_does() => CompareWithScanAsync(_app);

    /// <summary>The same on PostgreSQL and RabbitMQ: the providers translate the tallies' queries and locks differently.</summary>
    [Fact]
    public async Task Tallies_answer_as_the_scan_does_on_postgresql_and_rabbitmq()
    {
        await using var rabbit = await RabbitMqVirtualHost.CreateAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        await using var app = TalentMatchApp.Distributed(rabbit, database, Settings);
        await app.Services.MigrateDatabasesAsync(Ct);
        await CompareWithScanAsync(app);
    }

    private static async Task CompareWithScanAsync(TalentMatchApp app)
    {
        var (tenant, client) = await app.CreateTenantClientAsync();
        var (other, _) = await app.CreateTenantClientAsync();
        var bus = app.Services.GetRequiredService<IBus>();
        var observer = new ConsumedMessages();
        using var connection = bus.ConnectConsumeObserver(observer);
        var random = new Random(19);
        var ids = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();
        var revisions = new Dictionary<Guid, int>();
        var sent = new List<Guid>();

        async Task SendAsync<T>(T message, Guid messageId)
            where T : class
        {
            await bus.Publish(message, c => c.MessageId = messageId, Ct);
            sent.Add(messageId);
        }

        for (var step = 0; step < 90; step++)
        {
            var id = ids[random.Next(ids.Count)];
            var draw = random.NextDouble();
            if (!revisions.TryGetValue(id, out var revision) || draw < 0.45)
            {
                var message = RandomJob(random, tenant, id, revisions[id] = revision + 1);
                var messageId = Guid.NewGuid();
                await SendAsync(message, messageId);
                if (draw < 0.1)
                {
                    await SendAsync(message, messageId); // redelivered: counted once
                }
            }
            else if (draw < 0.55)
            {
                await SendAsync(RandomJob(random, tenant, id, revision - 1), Guid.NewGuid()); // a late older revision: changes nothing
            }
            else if (draw < 0.8)
            {
                await SendAsync(new DocumentDeleted(id, tenant, DocumentKind.Job), Guid.NewGuid()); // closed (again, at times)
            }
            else
            {
                await SendAsync(new DocumentDeleted(id, tenant, DocumentKind.Job, Erasure: true), Guid.NewGuid());
                revisions.Remove(id);
                ids.Remove(id);
                ids.Add(Guid.NewGuid());
            }

            // Another tenant's job, at ten times the pay: never in the caller's figures, whichever way they are computed.
            var theirs = RandomJob(random, other, Guid.NewGuid(), 1);
            await SendAsync(theirs with { Facts = theirs.Facts! with { Compensation = new Compensation("CNY", "month", null, null, AnnualMidpoint: 9_000_000, MonthlyMidpoint: 750_000) } }, Guid.NewGuid());

            // One at a time, as the order of a document's own messages is what the test is about.
            await Eventually.HoldsAsync(() => sent.CountBy(m => m).All(p => observer.Count(p.Key, "insight") >= p.Value), "every message consumed by insights");
        }

        foreach (var status in new[] { "open", "all" })
        {
            var tallied = await GetAsync(client, $"/v1/insights/skills?status={status}&limit=500");
            var scanned = await GetAsync(client, $"/v1/insights/skills?status={status}&limit=500&since=1970-01-01");
            Assert.Equal(scanned, tallied);
            Assert.True(JsonDocument.Parse(tallied).RootElement.GetProperty("jobs").GetInt32() > 3, "a market worth comparing");
            Assert.Equal(
                await GetAsync(client, $"/v1/insights/skills?status={status}&under=machine-learning&since=1970-01-01"),
                await GetAsync(client, $"/v1/insights/skills?status={status}&under=machine-learning"));
            await AssertFilteredAsTheScanAsync(client, status);
        }

        await AssertViewsKeepSomeDetailsAndCountOthersFromFactsAsync(app, tenant);
        await AssertSalariesAsTheScanAsync(app, tenant);
        await AssertTwoFiltersChooseTheJobsTheScanDoesAsync(app, tenant);
    }

    /// <summary>
    /// Two or three of city, seniority and category at once: the database selects by the dimension whose view holds the
    /// fewest jobs and the others are compared after reading; the jobs chosen must be exactly those of every condition,
    /// chosen here from all the tenant's facts (another tenant's jobs, in the same cities, never among them).
    /// </summary>
    private static async Task AssertTwoFiltersChooseTheJobsTheScanDoesAsync(TalentMatchApp app, string tenant)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InsightsDbContext>();
        var facts = (await db.Jobs.AsNoTracking().Where(j => j.TenantId == tenant).ToListAsync(Ct)).Select(j => j.ToMarketJob()).ToList();
        var compared = 0;
        foreach (var (status, city, seniority, category) in new (string?, string?, string?, string?)[]
        {
            (null, "Shenzhen", "senior", null), ("all", "Remote", null, "role-mlops-engineer"), (null, null, "junior", "role-data-scientist"), ("all", "Beijing", "staff", "role-mlops-engineer"),
        })
        {
            Assert.True(InsightFilter.TryParse(status, null, city, seniority, category, out var filter, out _));
            var chosen = (await filter.JobsAsync(db, tenant, Ct, withIds: true)).Select(j => j.Id).Order().ToList();
            var expected = facts.Where(j => (status == "all" || j.Open) && (city is null || j.City == city) && (seniority is null || j.Seniority == seniority) && (category is null || j.Category == category))
                .Select(j => j.Id).Order().ToList();
            Assert.Equal(expected, chosen);
            compared += chosen.Count;
        }

        Assert.True(compared > 0, "jobs passing two filters to compare");
    }

    /// <summary>
    /// <c>/salaries</c> through the jobs' skill index (ADR 0013, "A profile's jobs") against every job read and chosen
    /// in memory: the same jobs, ids and figures; and the index holds exactly the skills of the jobs left (a deleted
    /// job's rows gone, a closed job's kept), none of another tenant's.
    /// </summary>
    private static async Task AssertSalariesAsTheScanAsync(TalentMatchApp app, string tenant)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InsightsDbContext>();
        var compared = 0;
        foreach (var (status, city) in new[] { ((string?)null, (string?)null), ("all", null), (null, "Shenzhen"), ("all", "Remote") })
        {
            Assert.True(InsightFilter.TryParse(status, null, city, null, null, out var filter, out _));
            foreach (var profile in new string[][] { ["python"], ["pytorch", "cuda"], ["sql", "rag", "jax"], ["python", "no-such-skill-asked"] })
            {
                var indexed = await InsightsEndpoints.SalariesAsync(db, tenant, filter, profile, inDatabase: true, Ct);
                Assert.Equal(JsonSerializer.Serialize(await InsightsEndpoints.SalariesAsync(db, tenant, filter, profile, inDatabase: false, Ct)), JsonSerializer.Serialize(indexed));
                compared += indexed.Jobs;
            }
        }

        Assert.True(compared > 0, "profiles with jobs to compare");
        var facts = (await db.Jobs.AsNoTracking().Where(j => j.TenantId == tenant).ToListAsync(Ct)).Select(j => j.ToMarketJob()).ToList();
        var expected = facts.SelectMany(j => j.Skills.Distinct().Select(s => (s, j.Id.ToUpperInvariant()))).Order().ToList();
        var index = await db.JobSkills.AsNoTracking().Where(s => s.TenantId == tenant).Select(s => new { s.Skill, s.JobId }).ToListAsync(Ct);
        Assert.Equal(expected, index.Select(s => (s.Skill, s.JobId.ToString().ToUpperInvariant())).Order().ToList());
    }

    /// <summary>
    /// Both ways a view answers for a listed skill were compared above: some skills' details kept (marked, and their pairs
    /// counted in the view), some counted from the facts (unmarked, and no pair of theirs kept in the view).
    /// </summary>
    private static async Task AssertViewsKeepSomeDetailsAndCountOthersFromFactsAsync(TalentMatchApp app, string tenant)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InsightsDbContext>();
        var scoped = await db.Tallies.AsNoTracking().Where(t => t.TenantId == tenant && t.Scope != "").ToListAsync(Ct);
        var marked = scoped.Where(t => t.Kind == TallyKind.DetailsKept).Select(t => (t.Scope, t.Key)).ToHashSet();
        var asked = scoped.Where(t => t.Kind == TallyKind.Skill && t.Count > 0).Select(t => (t.Scope, t.Key)).ToHashSet();
        Assert.True(marked.Count > 0, "some views keep some skills' details");
        Assert.True(asked.Except(marked).Any(), "some skills' details are counted from the facts");
        Assert.All(
            scoped.Where(t => t.Kind == TallyKind.Pair || t.Kind == TallyKind.Month || t.Kind == TallyKind.Required),
            t => Assert.Contains((t.Scope, t.Key), marked));

        // Every marked skill's details, including the pairs too rare to be listed (which no answer shows), equal a count
        // of the facts now: whether marked by the writer after adds, closes, deletes and redeliveries or kept since.
        var facts = (await db.Jobs.AsNoTracking().Where(j => j.TenantId == tenant).ToListAsync(Ct)).Select(j => j.ToMarketJob()).ToList();
        var expected = InsightTallies.Deltas(facts.Select(j => (j, +1)), (s, k) => marked.Contains((s, k)), detailsOnly: true)
            .Select(d => (d.Scope, d.Open, d.Slot.Kind, d.Slot.Key, d.Slot.Other, d.Slot.Bucket, d.Count, d.Cents))
            .Order()
            .ToList();
        var kept = scoped.Where(t => t.Kind != TallyKind.DetailsKept && marked.Contains((t.Scope, t.Key)))
            .Select(t => (t.Scope, t.Open, t.Kind, t.Key, t.Other, t.Bucket, t.Count, t.SumCents))
            .Where(t => MarketTally.IsDetail(new Tally(t.Kind, t.Key, t.Other, t.Bucket, t.Count, t.SumCents)))
            .Order()
            .ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, kept);
    }

    /// <summary>Each filtered report (a view of the tallies) against the same filter with a <c>since</c> every job passes (the scan).</summary>
    private static async Task AssertFilteredAsTheScanAsync(HttpClient client, string status)
    {
        foreach (var filter in Filters)
        {
            var tallied = await GetAsync(client, $"/v1/insights/skills?status={status}&limit=500&{filter}");
            Assert.Equal(await GetAsync(client, $"/v1/insights/skills?status={status}&limit=500&{filter}&since=1970-01-01"), tallied);
            Assert.True(JsonDocument.Parse(tallied).RootElement.GetProperty("jobs").GetInt32() > 0, $"{filter}: some jobs to compare");
        }

        // Supply: jobs asking for each skill from the same views (candidates are read either way).
        foreach (var filter in Filters.Prepend("limit=500"))
        {
            Assert.Equal(await GetAsync(client, $"/v1/insights/supply?status={status}&{filter}&since=1970-01-01"), await GetAsync(client, $"/v1/insights/supply?status={status}&{filter}"));
        }

        // A value no job has: no jobs in either, not the whole market.
        Assert.Equal(await GetAsync(client, $"/v1/insights/skills?status={status}&city=Atlantis&since=1970-01-01"), await GetAsync(client, $"/v1/insights/skills?status={status}&city=Atlantis"));
    }

    /// <summary>
    /// Partner shortlists (ADR 0013, "Pruned pairs", "Partner shortlists per view") on a market wide enough to prune: 60
    /// skills, skewed, 6-12 per job, so that a common skill has far more partners than a shortlist keeps. Jobs come,
    /// change, close and leave through the consumer one message at a time, beside another tenant's jobs with the same
    /// skills in the same cities at ten times the pay; then the report read through the shortlists, of all jobs and of
    /// each city, seniority and category view, must equal the one read from every pair and the scan, while reading fewer
    /// rows.
    /// </summary>
    [Fact]
    public async Task Shortlists_give_the_report_all_pairs_give_and_read_fewer_rows()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync();
        var bus = _app.Services.GetRequiredService<IBus>();
        var observer = new ConsumedMessages();
        using var connection = bus.ConnectConsumeObserver(observer);
        var pool = SkillExtractor.Default.Taxonomy.Skills.Where(s => s.Kind == SkillKind.Skill).Select(s => s.Id).Take(60).ToArray();
        var random = new Random(23);
        var ids = new List<Guid>();

        async Task SendAsync<T>(T message)
            where T : class
        {
            var messageId = Guid.NewGuid();
            await bus.Publish(message, c => c.MessageId = messageId, Ct);
            await Eventually.HoldsAsync(() => observer.Count(messageId, "insight") == 1, "the message consumed by insights");
        }

        var (other, _) = await _app.CreateTenantClientAsync();
        ProfileEmbedded Job(Guid id, int revision, string owner) =>
            RandomJob(random, owner, id, revision, Enumerable.Range(0, random.Next(6, 13)).Select(_ => pool[(int)(pool.Length * Math.Pow(random.NextDouble(), 2))]).Distinct());

        for (var i = 0; i < 160; i++)
        {
            ids.Add(Guid.NewGuid());
            await SendAsync(Job(ids[^1], 1, tenant));
            if (i % 4 == 0)
            {
                var theirs = Job(Guid.NewGuid(), 1, other);
                await SendAsync(theirs with { Facts = theirs.Facts! with { Compensation = new Compensation("CNY", "month", null, null, AnnualMidpoint: 9_000_000, MonthlyMidpoint: 750_000) } });
            }
        }

        for (var i = 0; i < 40; i++)
        {
            var id = ids[random.Next(ids.Count)];
            var change = (i % 4) switch
            {
                0 => SendAsync(Job(id, 2 + i, tenant)), // a new revision
                1 or 2 => SendAsync(new DocumentDeleted(id, tenant, DocumentKind.Job)), // closed
                _ => SendAsync(new DocumentDeleted(id, tenant, DocumentKind.Job, Erasure: true)),
            };
            await change;
        }

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InsightsDbContext>();
        foreach (var openOnly in new[] { true, false })
        {
            var everyPair = await InsightTallies.SummariseAsync(db, tenant, "", openOnly, _ => true, 20, pruned: false, Ct);
            var shortlisted = await InsightTallies.SummariseAsync(db, tenant, "", openOnly, _ => true, 20, pruned: true, Ct);
            Assert.Equal(JsonSerializer.Serialize(everyPair.Report), JsonSerializer.Serialize(shortlisted.Report));
            Assert.True(shortlisted.RowsRead < everyPair.RowsRead, $"{shortlisted.RowsRead} rows read through the shortlists, {everyPair.RowsRead} from every pair");
            Assert.True(shortlisted.Undecided < 10, $"{shortlisted.Undecided} of 20 skills read all their pairs");
            Assert.Contains(shortlisted.Report.Skills, s => s.With.Count == MarketInsights.MaxWith);

            var status = openOnly ? "open" : "all";
            Assert.Equal(await GetAsync(client, $"/v1/insights/skills?status={status}&limit=20&since=1970-01-01"), await GetAsync(client, $"/v1/insights/skills?status={status}&limit=20"));

            // Each view of one city, seniority or category: its marked skills' pairs through their shortlists in that view.
            var viewsPruned = 0;
            foreach (var filter in Filters)
            {
                var view = filter.Replace('=', ':');
                var viewEveryPair = await InsightTallies.SummariseAsync(db, tenant, view, openOnly, _ => true, 20, pruned: false, Ct);
                var viewShortlisted = await InsightTallies.SummariseAsync(db, tenant, view, openOnly, _ => true, 20, pruned: true, Ct);
                Assert.Equal(JsonSerializer.Serialize(viewEveryPair.Report), JsonSerializer.Serialize(viewShortlisted.Report));
                Assert.True(viewShortlisted.RowsRead <= viewEveryPair.RowsRead, $"{view}: {viewShortlisted.RowsRead} rows through the shortlists, {viewEveryPair.RowsRead} from every pair");
                viewsPruned += viewShortlisted.RowsRead < viewEveryPair.RowsRead ? 1 : 0;
                Assert.Equal(await GetAsync(client, $"/v1/insights/skills?status={status}&limit=20&{filter}&since=1970-01-01"), await GetAsync(client, $"/v1/insights/skills?status={status}&limit=20&{filter}"));
            }

            Assert.True(viewsPruned > 0, "some view read fewer rows through its shortlists");
        }

        Assert.True(await db.Shortlists.AnyAsync(s => s.TenantId == tenant && s.Scope.StartsWith("seniority:"), Ct), "shortlists kept per view");
        // Only a view's marked skills have pairs there, so only they have shortlists in it.
        var marks = (await db.Tallies.AsNoTracking().Where(t => t.TenantId == tenant && t.Kind == TallyKind.DetailsKept).Select(t => new { t.Scope, t.Key }).ToListAsync(Ct)).Select(t => (t.Scope, t.Key)).ToHashSet();
        var scoped = (await db.Shortlists.AsNoTracking().Where(s => s.TenantId == tenant && s.Scope != "").Select(s => new { s.Scope, s.Skill }).ToListAsync(Ct)).Select(s => (s.Scope, s.Skill)).ToList();
        Assert.All(scoped, s => Assert.Contains(s, marks));
    }

    [Fact]
    public async Task A_tenants_first_change_after_the_upgrade_builds_its_tallies_from_the_facts_already_kept()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync();
        var ids = Enumerable.Range(0, 7).Select(_ => Guid.NewGuid()).ToList();
        // Facts written before tallies existed: rows of InsightJobs and no InsightTenants row.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InsightsDbContext>();
            for (var i = 1; i <= 6; i++)
            {
                db.Jobs.Add(new InsightJob
                {
                    TenantId = tenant, Id = ids[i], Revision = 1, Open = i != 6, Posted = new DateTimeOffset(2026, i, 1, 0, 0, 0, TimeSpan.Zero),
                    Required = i % 2 == 0 ? "pytorch cuda" : "pytorch", Preferred = "jax", Currency = "CNY", MonthlyMidpoint = i * 10_000m, AnnualMidpoint = i * 120_000m,
                });
            }

            await db.SaveChangesAsync(Ct);
        }

        var before = await GetAsync(client, "/v1/insights/skills");
        Assert.Equal(5, JsonDocument.Parse(before).RootElement.GetProperty("jobs").GetInt32());

        var bus = _app.Services.GetRequiredService<IBus>();
        var observer = new ConsumedMessages();
        using var connection = bus.ConnectConsumeObserver(observer);
        // The first change takes a kept job away (its build writes the job's index rows, the change removes them in the
        // same context); the second adds one, paid apart from the facts' figures (10,000 … 60,000 a month): no pay
        // bucket holds two different figures, so even the percentiles must agree exactly.
        var erased = Guid.NewGuid();
        await bus.Publish(new DocumentDeleted(ids[2], tenant, DocumentKind.Job, Erasure: true), c => c.MessageId = erased, Ct);
        await Eventually.HoldsAsync(() => observer.Count(erased, "insight") == 1, "the first change consumed by insights");
        var messageId = Guid.NewGuid();
        var first = RandomJob(new Random(1), tenant, Guid.NewGuid(), 1);
        first = first with { Facts = first.Facts! with { Compensation = new Compensation("CNY", "month", 14_000, 16_000, 14, true, AnnualMidpoint: 210_000, MonthlyMidpoint: 15_000) } };
        await bus.Publish(first, c => c.MessageId = messageId, Ct);
        await Eventually.HoldsAsync(() => observer.Count(messageId, "insight") == 1, "the second change consumed by insights");

        foreach (var status in new[] { "open", "all" })
        {
            var tallied = await GetAsync(client, $"/v1/insights/skills?status={status}");
            Assert.Equal(await GetAsync(client, $"/v1/insights/skills?status={status}&since=1970-01-01"), tallied);
            Assert.Equal(status == "open" ? 5 : 6, JsonDocument.Parse(tallied).RootElement.GetProperty("jobs").GetInt32());
        }

        await AssertSalariesAsTheScanAsync(_app, tenant);
    }

    /// <summary>
    /// A tenant left without tallies by a migration (facts, no InsightTenants row) and no job change since: the
    /// rebuilder builds its tallies and shortlists, so that its reads leave the scan without waiting for a change.
    /// </summary>
    [Fact]
    public async Task The_rebuilder_builds_the_tallies_of_a_tenant_that_has_facts_and_none()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync();
        var (other, otherClient) = await _app.CreateTenantClientAsync();
        var random = new Random(5);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InsightsDbContext>();
            foreach (var (owner, count) in new[] { (tenant, 40), (other, 10) })
            {
                for (var i = 0; i < count; i++)
                {
                    var job = RandomJob(random, owner, Guid.NewGuid(), 1);
                    var facts = MarketJob.From(job.DocumentId.ToString(), job.Title, job.Skills, job.Facts, open: i % 7 != 0, new DateTimeOffset(2026, 1 + (i % 12), 1, 0, 0, 0, TimeSpan.Zero));
                    db.Jobs.Add(new InsightJob
                    {
                        TenantId = owner, Id = job.DocumentId, Revision = 1, Open = facts.Open, Posted = facts.Posted, City = facts.City, Seniority = facts.Seniority, Category = facts.Category,
                        Required = string.Join(' ', facts.Required), Preferred = string.Join(' ', facts.Preferred),
                        Currency = facts.Pay is { Negotiable: false } pay ? pay.Currency : null,
                        // Hundredths, as the consumer stores them.
                        MonthlyMidpoint = facts.Pay is { Negotiable: false, Currency: not null, MonthlyMidpoint: { } monthly } ? Math.Round(monthly, 2) : null,
                        AnnualMidpoint = facts.Pay is { Negotiable: false, Currency: not null, AnnualMidpoint: { } annual } ? Math.Round(annual, 2) : null,
                    });
                }
            }

            await db.SaveChangesAsync(Ct);
            // As the migration leaves them: the app's own rebuilder may have run already, so empty them again.
            await db.Tenants.Where(t => t.TenantId == tenant || t.TenantId == other).ExecuteDeleteAsync(Ct);
            await db.Tallies.Where(t => t.TenantId == tenant || t.TenantId == other).ExecuteDeleteAsync(Ct);
            await db.Shortlists.Where(t => t.TenantId == tenant || t.TenantId == other).ExecuteDeleteAsync(Ct);
            await db.ShortlistPartners.Where(t => t.TenantId == tenant || t.TenantId == other).ExecuteDeleteAsync(Ct);
        }

        var scanned = new Dictionary<string, string>();
        foreach (var query in Filters.Prepend("status=all").Prepend("status=open"))
        {
            scanned[query] = await GetAsync(client, $"/v1/insights/skills?{query}&limit=500");
        }

        Assert.True(await InsightTallyRebuilder.RebuildAsync(_app.Services.GetRequiredService<IServiceScopeFactory>(), Ct) >= 2);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InsightsDbContext>();
            Assert.True(await db.Tenants.AnyAsync(t => t.TenantId == tenant, Ct), "the tenant has tallies: reads leave the scan");
            Assert.True(await db.Shortlists.AnyAsync(s => s.TenantId == tenant && !s.AllJobs, Ct) && await db.Shortlists.AnyAsync(s => s.TenantId == tenant && s.AllJobs, Ct), "and shortlists in both views");
            Assert.True(await db.Shortlists.AnyAsync(s => s.TenantId == tenant && s.Scope.StartsWith("city:"), Ct), "and in the views of one city, for their marked skills");
            Assert.True(await db.Tallies.AnyAsync(t => t.TenantId == tenant && t.Scope.StartsWith("city:"), Ct), "and a view per city");
            Assert.True(await db.Tallies.AnyAsync(t => t.TenantId == tenant && t.Kind == TallyKind.DetailsKept, Ct), "keeping its common skills' details");
        }

        foreach (var (query, before) in scanned)
        {
            Assert.Equal(before, await GetAsync(client, $"/v1/insights/skills?{query}&limit=500"));
            Assert.Equal(before, await GetAsync(client, $"/v1/insights/skills?{query}&limit=500&since=1970-01-01"));
        }

        Assert.Equal(10, JsonDocument.Parse(await GetAsync(otherClient, "/v1/insights/skills?status=all")).RootElement.GetProperty("jobs").GetInt32());
        Assert.Equal(0, await InsightTallyRebuilder.RebuildAsync(_app.Services.GetRequiredService<IServiceScopeFactory>(), Ct)); // built once
    }

    private static async Task<string> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
