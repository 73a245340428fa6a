using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentMatch.Platform.Security;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// Anonymised screening over HTTP (docs/responsible-matching.md#anonymised-screening): the tenant setting hides the person
/// on the candidate's reads and in search hits, evidence still points at the skill words, <c>anonymised=false</c> is
/// refused, a reveal is recorded and lifts it for the revealing key only, and no other tenant can reveal or list reveals;
/// match lists and explanations serve the candidate's evidence at its place in the anonymised text.
/// </summary>
public sealed class AnonymisedScreeningTests : IAsyncDisposable
{
    private const string Resume = """
        Jane Doe
        Senior Machine Learning Engineer
        jane.doe@example.com | +1 415 555 0134
        Address: 12 Mill Lane, Cambridge CB2 1TN
        Date of birth: 1990-03-12
        Gender: Female
        Marital status: Married
        Photo: smiling woman with long hair

        Summary: She has 6 years of experience; Jane trains LLMs with PyTorch and DeepSpeed.

        Experience
        Senior Machine Learning Engineer, Acme — Jan 2019 – Present
        • Trained 7B language models with PyTorch and DeepSpeed ZeRO-3 on 64 GPUs.

        Education
        MSc Computer Science, Stanford University (Ivy League scholarship)
        """;

    private static readonly string[] Identity = ["Jane", "Doe", "jane.doe", "415 555", "Mill Lane", "1990", "Female", "Married", "smiling", "She "];

    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_setting_hides_the_person_on_every_read_until_a_recorded_reveal_by_that_key()
    {
        var (_, admin) = await _app.CreateTenantClientAsync();
        var candidate = await Pipeline.SubmitIndexedAsync(admin, "/v1/candidates", Resume);
        var recruiter = await KeyAsync(admin, Scopes.CandidatesRead, Scopes.Search);
        var otherRecruiter = await KeyAsync(admin, Scopes.CandidatesRead);
        var auditor = await KeyAsync(admin, Scopes.Audit);

        Assert.Equal("""{"enabled":false,"schools":false}""", await (await admin.GetAsync("/v1/settings/anonymisation", Ct)).Content.ReadAsStringAsync(Ct));
        using (var put = await admin.PutAsJsonAsync("/v1/settings/anonymisation", new { enabled = true, schools = true }, Ct))
        {
            Assert.Equal("""{"enabled":true,"schools":true}""", await put.Content.ReadAsStringAsync(Ct));
        }

        var read = await GetJsonAsync(recruiter, $"/v1/candidates/{candidate}");
        var text = read.GetProperty("text").GetString()!;
        AssertAnonymised(text);
        Assert.StartsWith("[name]\nSenior Machine Learning Engineer\n[email] | [phone]\nAddress: [address]\nDate of birth: [birth date]\nGender: [gender]", text, StringComparison.Ordinal);
        Assert.Contains("[school] ([school] scholarship)", text, StringComparison.Ordinal);
        AssertEvidencePointsAtSkillWords(read, text, atLeast: 2);

        var versions = await GetJsonAsync(recruiter, $"/v1/candidates/{candidate}/versions");
        var version = versions.GetProperty("versions")[0];
        AssertAnonymised(version.GetProperty("text").GetString()!);
        Assert.Equal(JsonValueKind.Null, version.GetProperty("fileName").ValueKind);

        // Search by the skill and by the name itself: the hit is found (ranking is not anonymised), the person is not shown.
        foreach (var query in new[] { "PyTorch", "Jane" })
        {
            var hit = (await GetJsonAsync(recruiter, $"/v1/search/candidates?q={query}")).GetProperty("hits").EnumerateArray().Single();
            AssertAnonymised(hit.GetProperty("snippet").GetString()!);
            Assert.NotEmpty(hit.GetProperty("highlights").EnumerateArray());
            foreach (var highlight in hit.GetProperty("highlights").EnumerateArray()) AssertAnonymised(highlight.GetString()!);
        }

        await ProblemAssert.IsProblemAsync(await recruiter.GetAsync($"/v1/candidates/{candidate}?anonymised=false", Ct), HttpStatusCode.Forbidden, "anonymised");
        await ProblemAssert.IsProblemAsync(await recruiter.GetAsync("/v1/search/candidates?q=PyTorch&anonymised=false", Ct), HttpStatusCode.Forbidden, "anonymised");

        using var reveal = await recruiter.PostAsync($"/v1/candidates/{candidate}/reveal", null, Ct);
        Assert.Equal(HttpStatusCode.Created, reveal.StatusCode);
        var revealed = await reveal.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(TimeSpan.FromHours(24), revealed.GetProperty("until").GetDateTimeOffset() - revealed.GetProperty("revealedAt").GetDateTimeOffset());

        Assert.Contains("Jane Doe", (await GetJsonAsync(recruiter, $"/v1/candidates/{candidate}")).GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("Jane Doe", (await GetJsonAsync(recruiter, $"/v1/candidates/{candidate}?anonymised=false")).GetProperty("text").GetString(), StringComparison.Ordinal);
        AssertAnonymised((await GetJsonAsync(recruiter, $"/v1/candidates/{candidate}?anonymised=true")).GetProperty("text").GetString()!);
        AssertAnonymised((await GetJsonAsync(otherRecruiter, $"/v1/candidates/{candidate}")).GetProperty("text").GetString()!);

        var log = (await GetJsonAsync(auditor, $"/v1/candidates/{candidate}/reveals")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(revealed.GetProperty("keyId").GetGuid(), log.GetProperty("keyId").GetGuid());
        Assert.Equal(revealed.GetProperty("revealedAt").GetDateTimeOffset(), log.GetProperty("revealedAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync($"/v1/candidates/{candidate}/reveals", Ct)).StatusCode);

        // Another tenant cannot reveal the candidate, nor read who did.
        var (_, stranger) = await _app.CreateTenantClientAsync();
        await ProblemAssert.IsProblemAsync(await stranger.PostAsync($"/v1/candidates/{candidate}/reveal", null, Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await stranger.GetAsync($"/v1/candidates/{candidate}/reveals", Ct), HttpStatusCode.NotFound, "not-found");
        Assert.Single((await GetJsonAsync(auditor, $"/v1/candidates/{candidate}/reveals")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Without_the_setting_a_request_can_ask_for_an_anonymised_read_and_schools_stay_unless_the_setting_says()
    {
        var (_, admin) = await _app.CreateTenantClientAsync();
        var candidate = await Pipeline.SubmitIndexedAsync(admin, "/v1/candidates", Resume);

        Assert.Contains("Jane Doe", (await GetJsonAsync(admin, $"/v1/candidates/{candidate}")).GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("Jane Doe", (await GetJsonAsync(admin, $"/v1/candidates/{candidate}?anonymised=false")).GetProperty("text").GetString(), StringComparison.Ordinal);
        var asked = await GetJsonAsync(admin, $"/v1/candidates/{candidate}?anonymised=true");
        var text = asked.GetProperty("text").GetString()!;
        AssertAnonymised(text);
        Assert.Contains("Stanford University (Ivy League scholarship)", text, StringComparison.Ordinal);
        AssertEvidencePointsAtSkillWords(asked, text, atLeast: 2);
        AssertAnonymised((await GetJsonAsync(admin, "/v1/search/candidates?q=Jane&anonymised=true")).GetProperty("hits")[0].GetProperty("snippet").GetString()!);

        (await admin.PutAsJsonAsync("/v1/settings/anonymisation", new { enabled = true }, Ct)).Dispose();
        Assert.Contains("Stanford University", (await GetJsonAsync(admin, $"/v1/candidates/{candidate}")).GetProperty("text").GetString(), StringComparison.Ordinal);
        (await admin.PutAsJsonAsync("/v1/settings/anonymisation", new { enabled = false, schools = true }, Ct)).Dispose();
        Assert.Equal("""{"enabled":false,"schools":false}""", await (await admin.GetAsync("/v1/settings/anonymisation", Ct)).Content.ReadAsStringAsync(Ct));
        Assert.Contains("Jane Doe", (await GetJsonAsync(admin, $"/v1/candidates/{candidate}")).GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_lists_and_explanations_move_the_candidates_evidence_onto_the_anonymised_text()
    {
        var (_, admin) = await _app.CreateTenantClientAsync();
        var candidate = await Pipeline.SubmitIndexedAsync(admin, "/v1/candidates", Resume);
        var job = await Pipeline.SubmitIndexedAsync(admin, "/v1/jobs",
            "Machine Learning Engineer\nRequired: PyTorch, DeepSpeed and 5 years of experience training language models.");
        var recruiter = await KeyAsync(admin, Scopes.CandidatesRead, Scopes.Search);
        var jobMatches = $"/v1/jobs/{job}/matches";
        await Eventually.HoldsAsync(async () =>
        {
            using var matches = await recruiter.GetAsync(jobMatches, Ct); // 404 until matching has stored the job
            return matches.IsSuccessStatusCode && (await matches.Content.ReadAsStringAsync(Ct)).Contains(candidate.ToString(), StringComparison.Ordinal);
        }, "the candidate matched to the job");

        // Not anonymised: the evidence points into the resume as submitted.
        var original = (await GetJsonAsync(recruiter, $"/v1/candidates/{candidate}")).GetProperty("text").GetString()!;
        AssertEvidenceIn(original, (await GetJsonAsync(recruiter, jobMatches)).GetProperty("matches")[0]);

        (await admin.PutAsJsonAsync("/v1/settings/anonymisation", new { enabled = true, schools = true }, Ct)).Dispose();
        var anonymised = (await GetJsonAsync(recruiter, $"/v1/candidates/{candidate}")).GetProperty("text").GetString()!;
        AssertAnonymised(anonymised);
        Assert.NotEqual(original.IndexOf("PyTorch", StringComparison.Ordinal), anonymised.IndexOf("PyTorch", StringComparison.Ordinal));
        AssertEvidenceIn(anonymised, (await GetJsonAsync(recruiter, jobMatches)).GetProperty("matches")[0]);
        AssertEvidenceIn(anonymised, (await GetJsonAsync(recruiter, $"/v1/candidates/{candidate}/matches")).GetProperty("matches")[0]);
        var explanation = await GetJsonAsync(recruiter, $"/v1/candidates/{candidate}/matches/{job}/explanation");
        AssertAnonymised(explanation.ToString());
        AssertAnonymised((await GetJsonAsync(recruiter, $"/v1/candidates/{candidate}/gaps?jobId={job}")).ToString()); // no resume text in it at all
        Assert.Contains(explanation.GetProperty("requirements").EnumerateArray(), r => r.GetProperty("yourEvidence").GetArrayLength() > 0);

        foreach (var route in new[] { jobMatches, $"/v1/candidates/{candidate}/matches", $"/v1/candidates/{candidate}/matches/{job}/explanation" })
        {
            await ProblemAssert.IsProblemAsync(await recruiter.GetAsync(route + "?anonymised=false", Ct), HttpStatusCode.Forbidden, "anonymised");
        }

        var (_, stranger) = await _app.CreateTenantClientAsync();
        await ProblemAssert.IsProblemAsync(await stranger.GetAsync(jobMatches + "?anonymised=true", Ct), HttpStatusCode.NotFound, "not-found");
    }

    /// <summary>Every candidate evidence span of a served match is its words in <paramref name="text"/>, and there is some.</summary>
    private static void AssertEvidenceIn(string text, JsonElement match)
    {
        var spans = match.GetProperty("requirements").EnumerateArray().SelectMany(r => r.GetProperty("candidateEvidence").EnumerateArray()).ToList();
        Assert.NotEmpty(spans);
        foreach (var span in spans)
        {
            Assert.Equal(span.GetProperty("text").GetString(), text[span.GetProperty("start").GetInt32()..span.GetProperty("end").GetInt32()]);
        }
    }

    private static void AssertAnonymised(string text)
    {
        foreach (var identity in Identity)
        {
            Assert.DoesNotContain(identity, text, StringComparison.Ordinal);
        }
    }

    /// <summary>Every evidence span the response carries is the skill's words in the text it is served with.</summary>
    private static void AssertEvidencePointsAtSkillWords(JsonElement candidate, string text, int atLeast)
    {
        var spans = candidate.GetProperty("skills").EnumerateArray().SelectMany(s => s.TryGetProperty("evidence", out var e) && e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : []).ToList();
        Assert.True(spans.Count >= atLeast, candidate.ToString());
        foreach (var span in spans)
        {
            Assert.Equal(span.GetProperty("text").GetString(), text[span.GetProperty("start").GetInt32()..span.GetProperty("end").GetInt32()]);
        }
    }

    private async Task<HttpClient> KeyAsync(HttpClient admin, params string[] scopes)
    {
        using var response = await admin.PostAsJsonAsync("/v1/api-keys", new { name = string.Join('+', scopes), scopes }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return _app.ClientWithKey((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString()!);
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string route)
    {
        using var response = await client.GetAsync(route, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}
