using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Contracts;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Modules.Insights;
using TalentMatch.Modules.Insights.Persistence;
using TalentMatch.Platform.Persistence;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// The candidates' side of <c>GET /v1/insights/supply</c> from running counts (ADR 0013, "The candidates' side")
/// against the scan of every candidate's facts: random candidates go in through the insights consumer (new revisions,
/// late older ones, redeliveries, deletes and erasures, another tenant's candidates), then every supply report must equal
/// the one computed from the facts, and the counts kept must equal a recount of the candidates left: an erased
/// candidate is in no count.
/// </summary>
public sealed class InsightSupplyTalliesTests : IAsyncLifetime
{
    /// <summary>Years as resumes state them: whole, halves, a third (stored to hundredths), none, a parsing accident.</summary>
    private static readonly double?[] Years = [null, 0, 1.5, 3, 3.333, 7, 12, 12, 250];

    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public Task Candidate_counts_kept_through_revisions_redeliveries_and_erasures_answer_as_the_scan_does() => CompareWithScanAsync(_app);

    /// <summary>The same on PostgreSQL and RabbitMQ.</summary>
    [Fact]
    public async Task Candidate_counts_answer_as_the_scan_does_on_postgresql_and_rabbitmq()
    {
        await using var rabbit = await RabbitMqVirtualHost.CreateAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        await using var app = TalentMatchApp.Distributed(rabbit, database);
        await app.Services.MigrateDatabasesAsync(Ct);
        await CompareWithScanAsync(app);
    }

    private static ProfileEmbedded RandomCandidate(Random random, string tenant, Guid id, int revision)
    {
        var skills = InsightTalliesTests.Skills.Where(_ => random.NextDouble() < 0.35).Select(s => new ExtractedSkill(s, s)).ToList();
        var facts = new ProfileFacts("en", YearsOfExperience: Years[random.Next(Years.Length)]);
        return new ProfileEmbedded(id, tenant, DocumentKind.Resume, $"resume {id}", "text", skills, [.. Enumerable.Range(0, 384).Select(i => i == 0 ? 1f : 0f)], "test-model", facts, revision);
    }

    private static async Task CompareWithScanAsync(TalentMatchApp app)
    {
        var (tenant, client) = await app.CreateTenantClientAsync();
        var (other, _) = await app.CreateTenantClientAsync();
        var bus = app.Services.GetRequiredService<IBus>();
        var observer = new ConsumedMessages();
        using var connection = bus.ConnectConsumeObserver(observer);
        var random = new Random(23);
        var sent = new List<Guid>();

        async Task SendAsync<T>(T message, Guid? messageId = null)
            where T : class
        {
            var id = messageId ?? Guid.NewGuid();
            await bus.Publish(message, c => c.MessageId = id, Ct);
            sent.Add(id);
        }

        // Jobs, so that supply lists skills (their side is InsightTalliesTests' subject).
        for (var i = 0; i < 25; i++)
        {
            await SendAsync(InsightTalliesTests.RandomJob(random, tenant, Guid.NewGuid(), 1));
        }

        var ids = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        var revisions = new Dictionary<Guid, int>();
        var erased = 0;
        for (var step = 0; step < 80; step++)
        {
            var id = ids[random.Next(ids.Count)];
            var draw = random.NextDouble();
            if (!revisions.TryGetValue(id, out var revision) || draw < 0.5)
            {
                var message = RandomCandidate(random, tenant, id, revisions[id] = revision + 1);
                var messageId = Guid.NewGuid();
                await SendAsync(message, messageId);
                if (draw < 0.1)
                {
                    await SendAsync(message, messageId); // redelivered: counted once
                }
            }
            else if (draw < 0.6)
            {
                await SendAsync(RandomCandidate(random, tenant, id, revision - 1)); // a late older revision: changes nothing
            }
            else if (draw < 0.8)
            {
                await SendAsync(new DocumentDeleted(id, tenant, DocumentKind.Resume, Erasure: draw < 0.75));
                revisions.Remove(id);
                ids.Remove(id);
                ids.Add(Guid.NewGuid());
                erased++;
            }

            // Another tenant's candidate with every skill and 40 years: never in the caller's counts or medians.
            var theirs = RandomCandidate(random, other, Guid.NewGuid(), 1);
            await SendAsync(theirs with { Skills = [.. InsightTalliesTests.Skills.Select(s => new ExtractedSkill(s, s))], Facts = new ProfileFacts("en", YearsOfExperience: 40) });
            await Eventually.HoldsAsync(() => sent.CountBy(m => m).All(p => observer.Count(p.Key, "insight") >= p.Value), "every message consumed by insights");
        }

        Assert.True(erased > 5, "candidates erased along the way");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InsightsDbContext>();
        foreach (var query in new[] { "", "city=Shenzhen", "seniority=senior", "since=1970-01-01", "city=Shenzhen&seniority=senior", "status=all" })
        {
            var parameters = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
            Assert.True(InsightFilter.TryParse(parameters.GetValueOrDefault("status"), parameters.GetValueOrDefault("since"), parameters.GetValueOrDefault("city"), parameters.GetValueOrDefault("seniority"), null, out var filter, out _));
            var scanned = await InsightsEndpoints.SupplyAsync(db, tenant, filter, 500, tallies: false, Ct);
            var tallied = await InsightsEndpoints.SupplyAsync(db, tenant, filter, 500, tallies: true, Ct);
            Assert.Equal(JsonSerializer.Serialize(scanned), JsonSerializer.Serialize(tallied));
            Assert.Equal(revisions.Count, tallied.Candidates);
            if (filter.TallyScope == "")
            {
                Assert.Contains(tallied.Skills, s => s.Candidates > 0 && s.MedianYears is not null); // a market worth comparing
            }
        }

        // Through HTTP, as the endpoint answers: the caller's candidates only.
        var supply = await client.GetFromJsonAsync<JsonElement>("/v1/insights/supply?limit=500", Ct);
        Assert.Equal(revisions.Count, supply.GetProperty("candidates").GetInt32());
        Assert.All(supply.GetProperty("skills").EnumerateArray(), s => Assert.True(s.GetProperty("medianYears").ValueKind == JsonValueKind.Null || s.GetProperty("medianYears").GetDouble() <= MarketSupply.MaxYears));

        // The counts kept are exactly a recount of the candidates left: nothing of an erased candidate, no stray zero rows.
        var facts = (await db.Candidates.AsNoTracking().Where(c => c.TenantId == tenant).ToListAsync(Ct)).Select(c => c.ToMarketCandidate()).ToList();
        Assert.Equal(revisions.Keys.Select(k => k.ToString()).Order(), facts.Select(c => c.Id).Order());
        var expected = InsightCandidateTallies.Deltas(facts.Select(c => (c, +1))).Select(d => (d.Slot.Kind, d.Slot.Key, d.Slot.Bucket, d.Count)).Order().ToList();
        var kept = await db.Tallies.AsNoTracking()
            .Where(t => t.TenantId == tenant && (t.Kind == TallyKind.Candidates || t.Kind == TallyKind.CandidateYears))
            .Select(t => new { t.Kind, t.Key, t.Bucket, t.Count })
            .ToListAsync(Ct);
        Assert.Equal(expected, kept.Select(t => (t.Kind, t.Key, t.Bucket, t.Count)).Order().ToList());
    }
}
