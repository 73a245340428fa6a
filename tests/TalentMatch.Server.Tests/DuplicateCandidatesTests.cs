using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// Duplicate candidates over HTTP on the embedded host: the same resume sent as text and as a PDF is
/// flagged with its reasons; another person with the same title is not; another tenant's identical
/// resume never is; a recruiter's "not the same person" ends the suggestion; erasure takes the
/// fingerprints and pairs with it.
/// </summary>
public sealed class DuplicateCandidatesTests : IAsyncLifetime
{
    private static readonly string[] ReadOnly = ["candidates:read"];

    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed record DuplicateView(Guid CandidateId, double Score, List<string> Reasons, DateTimeOffset DetectedAt);

    private sealed record KeyView(string Key);

    private sealed record DuplicatesView(Guid CandidateId, List<DuplicateView> Duplicates);

    /// <summary>A resume with contact details; the merge tests use it too.</summary>
    internal static string[] Resume(string name, string email) =>
    [
        name,
        "Senior Machine Learning Engineer",
        $"{email} | +86 138-0013-8000",
        "Experience",
        "Senior ML Engineer, Acme AI, Jan 2021 - Present",
        "Built a retrieval-augmented generation platform serving 40 million queries a day.",
        "Cut GPU cost by a third with vLLM, continuous batching and 4-bit quantisation.",
        "Data Scientist, Globex, 2017 - 2020",
        "Demand forecasting in PyTorch and LightGBM for 300 stores; owned the feature store.",
        "Education",
        "M.Sc. Computer Science, Technical University of Munich, 2017",
    ];

    private static readonly string[] OtherPerson =
    [
        "Rahul Sharma",
        "Senior Machine Learning Engineer",
        "rahul.sharma@example.org | +91 98450 12345",
        "Experience",
        "Senior Machine Learning Engineer, Initech, Mar 2019 - Present",
        "Shipped on-device detection models with TensorRT; built the labelling and evaluation tooling.",
        "Software Engineer, Hooli, 2015 - 2019",
        "Backend services in Java and Go; later the team's first recommendation model.",
        "Education",
        "B.Tech Electronics, IIT Madras, 2015",
    ];

    [Fact]
    public async Task The_same_resume_as_text_and_as_a_PDF_is_flagged_with_reasons_in_its_tenant_only_and_erasure_removes_the_pair()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var (_, stranger) = await _app.CreateTenantClientAsync();
        var lines = Resume("Jane Doe", "jane.doe@example.com");

        // One after the other: detection compares with the candidates already parsed.
        var text = await SubmitAsync(client, () => new StringContent(string.Join('\n', lines), Encoding.UTF8, "text/plain"));
        var pdf = await SubmitAsync(client, () => TestDocuments.Upload(TestDocuments.Pdf(lines), "Jane_Doe.pdf"));
        var other = await SubmitAsync(client, () => new StringContent(string.Join('\n', OtherPerson), Encoding.UTF8, "text/plain"));
        var strangersCopy = await SubmitAsync(stranger, () => new StringContent(string.Join('\n', lines), Encoding.UTF8, "text/plain"));

        var fromText = await DuplicatesAsync(client, text);
        var flagged = Assert.Single(fromText.Duplicates);
        Assert.Equal(pdf, flagged.CandidateId);
        Assert.Contains("same e-mail", flagged.Reasons);
        Assert.Contains("same phone", flagged.Reasons);
        Assert.Contains("same name", flagged.Reasons);
        Assert.Contains("text 1.00 similar", flagged.Reasons); // the PDF's text is the same text
        Assert.Equal(0.99, flagged.Score);
        Assert.Equal(text, Assert.Single((await DuplicatesAsync(client, pdf)).Duplicates).CandidateId);
        Assert.Empty((await DuplicatesAsync(client, other)).Duplicates);

        // Tenant isolation: the identical resume of another tenant is neither suggested nor reachable.
        Assert.Empty((await DuplicatesAsync(stranger, strangersCopy)).Duplicates);
        await ProblemAssert.IsProblemAsync(await stranger.GetAsync($"/v1/candidates/{text}/duplicates", Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(
            await stranger.PostAsJsonAsync($"/v1/candidates/{strangersCopy}/not-duplicate", new { candidateId = text }, Ct), HttpStatusCode.NotFound, "not-found");

        // Erasure: the PDF's fingerprint, lookup keys and pairs go with it.
        using (var delete = await client.DeleteAsync($"/v1/candidates/{pdf}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.Empty((await DuplicatesAsync(client, text)).Duplicates);
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
        Assert.False(await db.CandidateFingerprints.AnyAsync(f => f.CandidateId == pdf, Ct));
        Assert.False(await db.DuplicateKeys.AnyAsync(k => k.CandidateId == pdf, Ct));
        Assert.False(await db.DuplicatePairs.AnyAsync(p => p.FirstId == pdf || p.SecondId == pdf, Ct));
        Assert.True(await db.CandidateFingerprints.AnyAsync(f => f.CandidateId == text, Ct)); // the live one keeps its own
    }

    [Fact]
    public async Task Not_the_same_person_ends_the_suggestion_on_both_sides_and_bad_input_gets_a_typed_problem()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var lines = Resume("Wei Zhang", "wei.zhang@example.cn");
        var first = await SubmitAsync(client, () => new StringContent(string.Join('\n', lines), Encoding.UTF8, "text/plain"));
        var second = await SubmitAsync(client, () => new StringContent(string.Join('\n', lines.Take(lines.Length - 2)), Encoding.UTF8, "text/plain"));
        Assert.Equal(second, Assert.Single((await DuplicatesAsync(client, first)).Duplicates).CandidateId);

        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/v1/candidates/{first}/not-duplicate", new { }, Ct), HttpStatusCode.BadRequest, "invalid-field");
        await ProblemAssert.IsProblemAsync(
            await client.PostAsJsonAsync($"/v1/candidates/{first}/not-duplicate", new { candidateId = first }, Ct), HttpStatusCode.BadRequest, "invalid-field");
        await ProblemAssert.IsProblemAsync(
            await client.PostAsync($"/v1/candidates/{first}/not-duplicate", new StringContent("{\"candidateId\": ", Encoding.UTF8, "application/json"), Ct),
            HttpStatusCode.BadRequest, "malformed-json");
        await ProblemAssert.IsProblemAsync(
            await client.PostAsJsonAsync($"/v1/candidates/{first}/not-duplicate", new { candidateId = Guid.CreateVersion7() }, Ct), HttpStatusCode.NotFound, "not-found");
        using (var created = await client.PostAsJsonAsync("/v1/api-keys", new { name = "reader", scopes = ReadOnly }, Ct))
        {
            using var reader = _app.ClientWithKey((await created.Content.ReadFromJsonAsync<KeyView>(Ct))!.Key);
            Assert.Single((await DuplicatesAsync(reader, first)).Duplicates); // reading needs candidates:read only
            using var forbidden = await reader.PostAsJsonAsync($"/v1/candidates/{first}/not-duplicate", new { candidateId = second }, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode); // deciding needs candidates:write
        }

        for (var repeat = 0; repeat < 2; repeat++)
        {
            using var decided = await client.PostAsJsonAsync($"/v1/candidates/{second}/not-duplicate", new { candidateId = first }, Ct);
            Assert.Equal(HttpStatusCode.NoContent, decided.StatusCode);
        }

        Assert.Empty((await DuplicatesAsync(client, first)).Duplicates);
        Assert.Empty((await DuplicatesAsync(client, second)).Duplicates);
    }

    [Fact]
    public async Task The_tenants_threshold_is_bounded_hides_weaker_pairs_at_once_and_applies_to_detection_from_then_on()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var (_, neighbour) = await _app.CreateTenantClientAsync();
        // No contact lines: the text decides, a score between 0.5 and 0.98.
        var body = Resume("Mei Chen", "mei.chen@example.com").Skip(3).ToArray();
        var first = await SubmitAsync(client, () => new StringContent(string.Join('\n', body), Encoding.UTF8, "text/plain"));
        var second = await SubmitAsync(client, () => new StringContent(string.Join('\n', body.SkipLast(1)), Encoding.UTF8, "text/plain"));
        var pair = Assert.Single((await DuplicatesAsync(client, first)).Duplicates);
        Assert.InRange(pair.Score, 0.5, 0.98);

        foreach (var bad in new object[] { new { threshold = 2.0 }, new { threshold = 0.1 }, new { threshold = -1.0 } })
        {
            await ProblemAssert.IsProblemAsync(await client.PutAsJsonAsync("/v1/settings/duplicates", bad, Ct), HttpStatusCode.BadRequest, "invalid-field");
        }

        using (var strict = await client.PutAsJsonAsync("/v1/settings/duplicates", new { threshold = 0.99 }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, strict.StatusCode);
        }

        Assert.Equal(0.99, (await client.GetFromJsonAsync<SettingsView>("/v1/settings/duplicates", Ct))!.Threshold);
        Assert.Equal(0.5, (await neighbour.GetFromJsonAsync<SettingsView>("/v1/settings/duplicates", Ct))!.Threshold); // the tenant's own
        Assert.Empty((await DuplicatesAsync(client, first)).Duplicates);
        var third = await SubmitAsync(client, () => new StringContent(string.Join('\n', body.SkipLast(2)), Encoding.UTF8, "text/plain"));

        using (var reset = await client.PutAsJsonAsync("/v1/settings/duplicates", new { threshold = (double?)null }, Ct))
        {
            Assert.Equal(0.5, (await reset.Content.ReadFromJsonAsync<SettingsView>(Ct))!.Threshold);
        }

        Assert.Equal(second, Assert.Single((await DuplicatesAsync(client, first)).Duplicates).CandidateId); // recorded, shown again
        Assert.Empty((await DuplicatesAsync(client, third)).Duplicates); // parsed under 0.99: its pairs were never recorded
        using var reader = await client.PostAsJsonAsync("/v1/api-keys", new { name = "reader", scopes = ReadOnly }, Ct);
        using var readOnly = _app.ClientWithKey((await reader.Content.ReadFromJsonAsync<KeyView>(Ct))!.Key);
        using var forbidden = await readOnly.PutAsJsonAsync("/v1/settings/duplicates", new { threshold = 0.6 }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode); // a setting is the admin's
    }

    [Fact]
    public async Task Ingestion_sends_keyed_contact_hashes_with_the_parse_never_the_clear_contacts()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var parses = new ConcurrentQueue<ResumeParsed>();
        using var observing = _app.Services.GetRequiredService<IBus>().ConnectConsumeMessageObserver(new ParseObserver(parses));
        var id = await SubmitAsync(client, () => new StringContent(string.Join('\n', Resume("Ana Lima", "ana.lima@example.com")), Encoding.UTF8, "text/plain"));

        var contacts = parses.First(p => p.CandidateId == id).Contacts;
        Assert.NotNull(contacts);
        var email = Assert.Single(contacts.Emails);
        Assert.Matches("^[0-9a-f]{32}$", email);
        Assert.Single(contacts.Phones);
        Assert.NotNull(contacts.Name);
        Assert.NotEmpty(contacts.Employers);
        Assert.DoesNotContain("ana", string.Join(' ', contacts.Emails.Concat(contacts.Phones).Append(contacts.Name)), StringComparison.OrdinalIgnoreCase);
    }

    private sealed class ParseObserver(ConcurrentQueue<ResumeParsed> parses) : IConsumeMessageObserver<ResumeParsed>
    {
        public Task PreConsume(ConsumeContext<ResumeParsed> context)
        {
            parses.Enqueue(context.Message);
            return Task.CompletedTask;
        }

        public Task PostConsume(ConsumeContext<ResumeParsed> context) => Task.CompletedTask;

        public Task ConsumeFault(ConsumeContext<ResumeParsed> context, Exception exception) => Task.CompletedTask;
    }

    private sealed record SettingsView(double Threshold);

    /// <summary>Submits a resume and waits until it is indexed.</summary>
    internal static async Task<Guid> SubmitAsync(HttpClient client, Func<HttpContent> body)
    {
        using var content = body();
        using var response = await client.PostAsync("/v1/candidates", content, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var settled = await Pipeline.WaitUntilSettledAsync(client, response.Headers.Location!);
        Assert.Equal("indexed", settled.Status);
        return settled.Id;
    }

    private static async Task<DuplicatesView> DuplicatesAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/v1/candidates/{id}/duplicates", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<DuplicatesView>(Pipeline.Json, Ct))!;
    }
}
