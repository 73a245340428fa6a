using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Modules.Matching.Audit;
using TalentMatch.Modules.Matching.Persistence;
using TalentMatch.Platform.Persistence;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// The record of every score served (ADR 0012): what a recruiter was served is in the tenant's audit trail,
/// scores again to the same bits, survives erasure of a candidate as a verifiable chain, and an edit or a
/// deletion made in the database is found.
/// </summary>
public sealed class AuditTrailTests : IAsyncDisposable
{
    private const string Job = """
        LLM Training Engineer
        Requirements:
        - 3+ years of PyTorch
        - Distributed training with DeepSpeed or Megatron-LM
        - CUDA programming
        Nice to have: experience with vLLM.
        """;

    private const string Strong = """
        Jane Doe, ML infrastructure engineer.
        Experience: 5 years training large language models in PyTorch; DeepSpeed ZeRO-3 and Megatron-LM on 512 GPUs;
        wrote CUDA kernels for fused attention; served models with vLLM.
        """;

    private const string Weak = """
        John Roe, data analyst.
        Experience: 4 years of SQL, Tableau and some Python with pandas.
        """;

    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_served_match_list_is_recorded_as_served_and_scores_again_bit_for_bit_after_the_job_changed()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var job = await SubmitAsync(client, "/v1/jobs", Job);
        var strong = await SubmitAsync(client, "/v1/candidates", Strong);
        var weak = await SubmitAsync(client, "/v1/candidates", Weak);
        var served = await MatchesWithAsync(client, job, 2);

        var record = (await RecordsAsync(client, $"jobId={job}")).Last(r => r.GetProperty("operation").GetString() == "candidates-for-job");
        var header = record.GetProperty("header");
        Assert.Equal(job, header.GetProperty("subject").GetProperty("id").GetGuid());
        Assert.Equal(64, header.GetProperty("subject").GetProperty("version").GetString()!.Length);
        Assert.False(string.IsNullOrEmpty(header.GetProperty("subject").GetProperty("model").GetString()));
        Assert.NotEqual(JsonValueKind.Null, header.GetProperty("keyId").ValueKind);
        Assert.Equal(0.5, header.GetProperty("weights").GetProperty("semantic").GetDouble());
        Assert.False(string.IsNullOrEmpty(header.GetProperty("taxonomyVersion").GetString()));
        Assert.False(string.IsNullOrEmpty(header.GetProperty("codeVersion").GetString()));
        var rows = record.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("content")).ToList();
        Assert.Equal(served.Count, rows.Count);
        foreach (var (match, row) in served.Zip(rows))
        {
            Assert.Equal(match.GetProperty("candidateId").GetString(), row.GetProperty("candidate").GetProperty("id").GetString());
            Assert.Equal(match.GetProperty("score").GetDouble(), row.GetProperty("score").GetDouble());
            foreach (var (want, got) in match.GetProperty("components").EnumerateArray().Zip(row.GetProperty("components").EnumerateArray()))
            {
                Assert.Equal(want.GetProperty("component").GetString(), got.GetProperty("component").GetString());
                Assert.Equal(want.GetProperty("contribution").GetDouble(), got.GetProperty("contribution").GetDouble());
            }
        }

        // The job changes: the record still scores again exactly, from the profiles it scored.
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/v1/jobs/{job}") { Content = JsonContent.Create(new { text = "Frontend developer: React, TypeScript, CSS." }) })
        {
            put.Headers.IfMatch.Add(System.Net.Http.Headers.EntityTagHeaderValue.Any);
            using var replaced = await client.SendAsync(put, Ct);
            Assert.Equal(HttpStatusCode.Accepted, replaced.StatusCode);
        }

        await Eventually.HoldsAsync(async () => (await MatchesAsync(client, job)).All(m => m.GetProperty("score").GetDouble() != served[0].GetProperty("score").GetDouble()),
            "the replaced job scoring differently");
        var replay = await client.GetFromJsonAsync<JsonElement>($"/v1/audit/matches/{record.GetProperty("id").GetGuid()}/replay", Ct);
        Assert.True(replay.GetProperty("identical").GetBoolean(), replay.ToString());
        Assert.Equal(new[] { strong, weak }.Order(), replay.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("candidateId").GetGuid()).Order());
        Assert.All(replay.GetProperty("rows").EnumerateArray(), r => Assert.Equal(r.GetProperty("recordedScore").GetDouble(), r.GetProperty("replayedScore").GetDouble()));

        var verification = await VerifyAsync(client);
        Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
    }

    [Fact]
    public async Task Gap_reports_and_a_candidates_roles_are_recorded_with_the_key_that_asked()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var job = await SubmitAsync(client, "/v1/jobs", Job);
        var candidate = await SubmitAsync(client, "/v1/candidates", Strong);
        await MatchesWithAsync(client, job, 1);
        var gap = await client.GetFromJsonAsync<JsonElement>($"/v1/candidates/{candidate}/gaps?jobId={job}", Ct);
        await client.GetFromJsonAsync<JsonElement>($"/v1/candidates/{candidate}/matches", Ct);

        var records = await RecordsAsync(client, $"candidateId={candidate}");
        var gapRecord = records.Single(r => r.GetProperty("operation").GetString() == "gaps");
        var row = gapRecord.GetProperty("rows")[0].GetProperty("content");
        Assert.Equal(gap.GetProperty("score").GetDouble(), row.GetProperty("score").GetDouble());
        Assert.Equal(gap.GetProperty("scoreIfClosed").GetDouble(), row.GetProperty("scoreIfClosed").GetDouble());
        Assert.Contains(records, r => r.GetProperty("operation").GetString() == "jobs-for-candidate");
        Assert.All(records.Where(r => !r.GetProperty("operation").GetString()!.StartsWith("proactive", StringComparison.Ordinal)),
            r => Assert.Equal(JsonValueKind.String, r.GetProperty("header").GetProperty("keyId").ValueKind));
        var replay = await client.GetFromJsonAsync<JsonElement>($"/v1/audit/matches/{gapRecord.GetProperty("id").GetGuid()}/replay", Ct);
        Assert.True(replay.GetProperty("identical").GetBoolean(), replay.ToString());
    }

    [Fact]
    public async Task An_edited_row_a_deleted_record_and_a_cut_off_end_are_each_found_by_verification()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync();
        var job = await SubmitAsync(client, "/v1/jobs", Job);
        var candidate = await SubmitAsync(client, "/v1/candidates", Strong);
        await MatchesWithAsync(client, job, 1);
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync($"/v1/candidates/{candidate}/gaps?jobId={job}", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var before = await VerifyAsync(client);
        Assert.True(before.GetProperty("valid").GetBoolean(), before.ToString());
        var count = before.GetProperty("records").GetInt64();
        Assert.True(count >= 4);
        var gapSequences = (await RecordsAsync(client, "")).Where(r => r.GetProperty("operation").GetString() == "gaps")
            .Select(r => r.GetProperty("sequence").GetInt64()).ToList();

        // Someone with database access raises a score in a record.
        var edited = gapSequences[1];
        string original = "";
        await WithDbAsync(async db =>
        {
            var row = await db.Set<TalentMatch.Modules.Matching.Audit.AuditRow>().SingleAsync(r => r.TenantId == tenant && r.Sequence == edited, Ct);
            original = row.Content!;
            var content = JsonSerializer.Deserialize<JsonElement>(original);
            row.Content = original.Replace($"\"score\":{content.GetProperty("score").GetRawText()}", "\"score\":0.99", StringComparison.Ordinal);
            Assert.NotEqual(original, row.Content);
            await db.SaveChangesAsync(Ct);
        });
        var afterEdit = await VerifyAsync(client);
        Assert.False(afterEdit.GetProperty("valid").GetBoolean());
        Assert.Equal(edited, afterEdit.GetProperty("brokenAt").GetInt64());

        // Put it back: valid again (the check is of content, not of some flag). Then delete a record in the middle.
        await WithDbAsync(db => db.Set<TalentMatch.Modules.Matching.Audit.AuditRow>().Where(r => r.TenantId == tenant && r.Sequence == edited)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Content, original), Ct));
        Assert.True((await VerifyAsync(client)).GetProperty("valid").GetBoolean());
        await DeleteRecordAsync(tenant, gapSequences[1]);
        var afterDelete = await VerifyAsync(client);
        Assert.False(afterDelete.GetProperty("valid").GetBoolean());
        Assert.Equal(gapSequences[1], afterDelete.GetProperty("brokenAt").GetInt64());

        // A fresh tenant whose newest record is deleted: nothing in the middle is missing, but the chain no longer reaches its head.
        var (tenant2, client2) = await _app.CreateTenantClientAsync();
        var job2 = await SubmitAsync(client2, "/v1/jobs", Job);
        var candidate2 = await SubmitAsync(client2, "/v1/candidates", Strong);
        await MatchesWithAsync(client2, job2, 1);
        await client2.GetFromJsonAsync<JsonElement>($"/v1/candidates/{candidate2}/gaps?jobId={job2}", Ct);
        var last = (await RecordsAsync(client2, "")).Max(r => r.GetProperty("sequence").GetInt64());
        await DeleteRecordAsync(tenant2, last);
        var afterCut = await VerifyAsync(client2);
        Assert.False(afterCut.GetProperty("valid").GetBoolean());
        Assert.Equal(last - 1, afterCut.GetProperty("records").GetInt64());
    }

    [Fact]
    public async Task Erasing_a_candidate_erases_it_from_the_trail_and_the_rest_still_verifies_and_replays()
    {
        var (tenant, client) = await _app.CreateTenantClientAsync();
        var job = await SubmitAsync(client, "/v1/jobs", Job);
        var erased = await SubmitAsync(client, "/v1/candidates", Strong);
        var kept = await SubmitAsync(client, "/v1/candidates", Weak);
        await MatchesWithAsync(client, job, 2);
        await client.GetFromJsonAsync<JsonElement>($"/v1/candidates/{erased}/gaps?jobId={job}", Ct);
        var list = (await RecordsAsync(client, $"jobId={job}")).Last(r => r.GetProperty("operation").GetString() == "candidates-for-job");
        var gapRecord = (await RecordsAsync(client, $"candidateId={erased}")).Single(r => r.GetProperty("operation").GetString() == "gaps");

        using (var delete = await client.DeleteAsync($"/v1/candidates/{erased}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        await Eventually.HoldsAsync(async () => (await RecordsAsync(client, $"candidateId={erased}")).Count == 0, "the erased candidate's records gone");
        await Eventually.HoldsAsync(async () => !await WithDbAsync(db => db.Set<TalentMatch.Modules.Matching.Audit.AuditInput>()
            .AnyAsync(i => i.TenantId == tenant && i.Id == erased, Ct)), "the erased candidate's profile snapshots gone");

        var verification = await VerifyAsync(client);
        Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
        Assert.True(verification.GetProperty("erased").GetInt64() >= 1);
        var replay = await client.GetFromJsonAsync<JsonElement>($"/v1/audit/matches/{list.GetProperty("id").GetGuid()}/replay", Ct);
        var rows = replay.GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("candidateId").ValueKind == JsonValueKind.String && r.GetProperty("candidateId").GetGuid() == kept
            && r.GetProperty("identical").GetBoolean());
        Assert.Contains(rows, r => r.GetProperty("candidateId").ValueKind == JsonValueKind.Null && !r.GetProperty("identical").GetBoolean());
        using var gone = await client.GetAsync($"/v1/audit/matches/{gapRecord.GetProperty("id").GetGuid()}/replay", Ct);
        await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.NotFound, "not-found");
        var text = string.Join('\n', await WithDbAsync(db => db.Set<TalentMatch.Modules.Matching.Audit.AuditRecord>().Where(r => r.TenantId == tenant)
            .Select(r => r.Header ?? "").ToListAsync(Ct)));
        Assert.DoesNotContain(erased.ToString(), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenant_sees_none_of_it_and_reading_it_needs_the_audit_scope()
    {
        var (tenantA, clientA) = await _app.CreateTenantClientAsync();
        var job = await SubmitAsync(clientA, "/v1/jobs", Job);
        var candidate = await SubmitAsync(clientA, "/v1/candidates", Strong);
        await MatchesWithAsync(clientA, job, 1);
        var record = (await RecordsAsync(clientA, $"jobId={job}")).First();

        var (_, clientB) = await _app.CreateTenantClientAsync();
        Assert.Empty(await RecordsAsync(clientB, ""));
        Assert.Empty(await RecordsAsync(clientB, $"candidateId={candidate}"));
        Assert.Equal(0, (await VerifyAsync(clientB)).GetProperty("records").GetInt64());
        using (var replay = await clientB.GetAsync($"/v1/audit/matches/{record.GetProperty("id").GetGuid()}/replay", Ct))
        {
            await ProblemAssert.IsProblemAsync(replay, HttpStatusCode.NotFound, "not-found");
        }

        var (_, search) = await _app.CreateTenantClientAsync("search", "candidates:read");
        using (var forbidden = await search.GetAsync("/v1/audit/matches", Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        var (_, auditor) = await _app.CreateTenantClientAsync("audit");
        using (var allowed = await auditor.GetAsync("/v1/audit/matches/verify", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        foreach (var bad in new[] { "limit=0", "limit=51", "after=-1", "from=yesterday", "candidateId=42" })
        {
            using var response = await clientA.GetAsync("/v1/audit/matches?" + bad, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.NotNull(tenantA);
    }

    [Fact]
    public async Task Concurrent_requests_on_SQLite_append_one_unforked_chain() => await ConcurrentAppendsAsync(_app);

    [Fact]
    public async Task Concurrent_requests_on_PostgreSQL_append_one_unforked_chain()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var app = TalentMatchApp.Embedded(new()
        {
            ["TalentMatch:Database:Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["TalentMatch:Database:ConnectionString"] = database.ConnectionString,
        });
        await app.Services.MigrateDatabasesAsync(Ct);
        await ConcurrentAppendsAsync(app);
    }

    private static async Task ConcurrentAppendsAsync(TalentMatchApp app)
    {
        var (_, client) = await app.CreateTenantClientAsync();
        var job = await SubmitAsync(client, "/v1/jobs", Job);
        var candidate = await SubmitAsync(client, "/v1/candidates", Strong);
        await MatchesWithAsync(client, job, 1); // both profiles are in matching's store: "indexed" does not wait for it
        const int requests = 24;
        var responses = await Task.WhenAll(Enumerable.Range(0, requests).Select(async _ =>
        {
            using var response = await client.GetAsync($"/v1/candidates/{candidate}/gaps?jobId={job}", Ct);
            return response.StatusCode;
        }));
        Assert.All(responses, s => Assert.Equal(HttpStatusCode.OK, s));

        var verification = await VerifyAsync(client);
        Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
        var records = await RecordsAsync(client, "");
        Assert.Equal(requests, records.Count(r => r.GetProperty("operation").GetString() == "gaps"));
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.GetProperty("sequence").GetInt64()));
        Assert.Equal(records.Count, verification.GetProperty("records").GetInt64());
    }

    private async Task DeleteRecordAsync(string tenant, long sequence) => await WithDbAsync(async db =>
    {
        await db.Set<TalentMatch.Modules.Matching.Audit.AuditRow>().Where(r => r.TenantId == tenant && r.Sequence == sequence).ExecuteDeleteAsync(Ct);
        return await db.Set<TalentMatch.Modules.Matching.Audit.AuditRecord>().Where(r => r.TenantId == tenant && r.Sequence == sequence).ExecuteDeleteAsync(Ct);
    });

    private async Task<T> WithDbAsync<T>(Func<MatchingDbContext, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MatchingDbContext>());
    }

    [Fact]
    public async Task Records_past_the_tenants_retention_are_emptied_the_chain_still_verifies_and_other_tenants_keep_theirs()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var (_, other) = await _app.CreateTenantClientAsync();
        foreach (var tenant in new[] { client, other })
        {
            var job = await SubmitAsync(tenant, "/v1/jobs", Job);
            await SubmitAsync(tenant, "/v1/candidates", Strong);
            await MatchesWithAsync(tenant, job, 1);
        }

        // None by default (kept until the documents are erased); under six months is refused (the EU AI Act's floor).
        Assert.Equal(JsonValueKind.Null, (await client.GetFromJsonAsync<JsonElement>("/v1/settings/audit-retention", Ct)).GetProperty("days").ValueKind);
        await ProblemAssert.IsProblemAsync(await client.PutAsJsonAsync("/v1/settings/audit-retention", new { days = 30 }, Ct), HttpStatusCode.BadRequest, "invalid-field");
        using (var set = await client.PutAsJsonAsync("/v1/settings/audit-retention", new { days = 200 }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        Assert.Equal(200, (await client.GetFromJsonAsync<JsonElement>("/v1/settings/audit-retention", Ct)).GetProperty("days").GetInt32());

        // 199 days on nothing has expired; 201 days on every record of this tenant is a tombstone, and only of this tenant.
        Assert.Equal(0, await PrunerAt(TimeSpan.FromDays(199)).PruneAsync(Ct));
        Assert.True(await PrunerAt(TimeSpan.FromDays(201)).PruneAsync(Ct) > 0);
        var mine = await RecordsAsync(client, "");
        Assert.NotEmpty(mine);
        Assert.All(mine, r => Assert.True(r.GetProperty("erased").GetBoolean()));
        Assert.All(mine, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("header").ValueKind));
        Assert.All(mine.SelectMany(r => r.GetProperty("rows").EnumerateArray()), row => Assert.Equal(JsonValueKind.Null, row.GetProperty("content").ValueKind));
        Assert.True((await VerifyAsync(client)).GetProperty("valid").GetBoolean());
        Assert.All(await RecordsAsync(other, ""), r => Assert.False(r.GetProperty("erased").GetBoolean()));

        // Back to "kept until erased".
        using var cleared = await client.PutAsJsonAsync("/v1/settings/audit-retention", new { days = (int?)null }, Ct);
        Assert.Equal(JsonValueKind.Null, (await cleared.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("days").ValueKind);
    }

    /// <summary>The retention sweep on the real clock moved forward.</summary>
    private AuditRetentionPruner PrunerAt(TimeSpan ahead) =>
        ActivatorUtilities.CreateInstance<AuditRetentionPruner>(_app.Services, new LaterClock(ahead));


    private Task<bool> WithDbAsync(Func<MatchingDbContext, Task> action) => WithDbAsync(async db =>
    {
        await action(db);
        return true;
    });

    private static async Task<Guid> SubmitAsync(HttpClient client, string route, string text)
    {
        using var body = new StringContent(text, System.Text.Encoding.UTF8, "text/plain");
        using var response = await client.PostAsync(route, body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var document = await Pipeline.WaitUntilSettledAsync(client, response.Headers.Location!);
        Assert.Equal("indexed", document.Status);
        return document.Id;
    }

    private static async Task<List<JsonElement>> MatchesAsync(HttpClient client, Guid job)
    {
        using var response = await client.GetAsync($"/v1/jobs/{job}/matches", Ct);
        return response.StatusCode == HttpStatusCode.OK
            ? [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("matches").EnumerateArray()]
            : [];
    }

    /// <summary>The job's matches once matching has stored <paramref name="count"/> candidates (each poll is a served list, and recorded).</summary>
    private static async Task<List<JsonElement>> MatchesWithAsync(HttpClient client, Guid job, int count)
    {
        List<JsonElement> matches = [];
        await Eventually.HoldsAsync(async () => (matches = await MatchesAsync(client, job)).Count >= count, $"{count} candidates in the job's matches");
        return matches;
    }

    private static async Task<List<JsonElement>> RecordsAsync(HttpClient client, string query)
    {
        List<JsonElement> records = [];
        long? after = 0;
        while (after is long cursor)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/v1/audit/matches?limit=50&after={cursor}&{query}", Ct);
            records.AddRange(page.GetProperty("records").EnumerateArray());
            after = page.GetProperty("next").ValueKind == JsonValueKind.Number ? page.GetProperty("next").GetInt64() : null;
        }

        return records;
    }

    private static Task<JsonElement> VerifyAsync(HttpClient client) => client.GetFromJsonAsync<JsonElement>("/v1/audit/matches/verify", Ct);
}
