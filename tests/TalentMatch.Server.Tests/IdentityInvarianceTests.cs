using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// Identity never reaches the score: two resumes that differ only in name, contact details, gender words, age and
/// birth date, marital status and photo description score the same against a job, bit for bit, component by component.
/// </summary>
public sealed class IdentityInvarianceTests : IAsyncDisposable
{
    private const string Job = """
        Senior LLM Training Engineer
        Requirements:
        - 5+ years of experience
        - 3+ years of PyTorch
        - Distributed training with DeepSpeed
        - Fluent English
        Nice to have: Kubernetes.
        """;

    private readonly TalentMatchApp _app = TalentMatchApp.Embedded();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Resume(string name, string email, string phone, string birth, string age, string gender, string marital, string photo,
        string pronoun, string possessive) => $"""
        {name}
        Senior Machine Learning Engineer
        {email} | {phone}
        Date of birth: {birth}
        Age: {age}
        Gender: {gender}
        Marital status: {marital}
        Photo: {photo}

        Summary: {pronoun} has 6 years of experience training deep learning models; {possessive} focus is LLM pre-training.

        Experience
        Senior Machine Learning Engineer, Acme — Jan 2019 – Present
        • Trained 7B language models with PyTorch and DeepSpeed ZeRO-3 on 64 GPUs.
        Machine Learning Engineer, Beta — Jan 2017 – Dec 2018
        • Wrote CUDA kernels for fused attention.

        Languages
        English (native), German (C1)
        """;

    [Fact]
    public async Task Changing_name_gender_age_birth_date_and_photo_leaves_the_match_score_and_components_identical()
    {
        var (_, client) = await _app.CreateTenantClientAsync();
        var job = await SubmitAsync(client, "/v1/jobs", Job);
        var jane = await SubmitAsync(client, "/v1/candidates", Resume("Jane Doe", "jane.doe@example.com", "+1 415 555 0134", "1990-03-12", "34",
            "Female", "Married", "smiling woman with long hair, wearing glasses", "She", "her"));
        var rahul = await SubmitAsync(client, "/v1/candidates", Resume("Rahul Verma", "rverma68@example.org", "+91 98450 12345", "02/11/1968", "56",
            "Male", "Single", "older man with a grey beard in a suit", "He", "his"));

        List<JsonElement> matches = [];
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await client.GetAsync($"/v1/jobs/{job}/matches", Ct);
            matches = response.StatusCode == HttpStatusCode.OK
                ? [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("matches").EnumerateArray()]
                : [];
            return matches.Count == 2;
        }, "both candidates in the job's matches");

        var a = matches.Single(m => m.GetProperty("candidateId").GetGuid() == jane);
        var b = matches.Single(m => m.GetProperty("candidateId").GetGuid() == rahul);
        Assert.Equal(a.GetProperty("score").GetDouble(), b.GetProperty("score").GetDouble());
        Assert.True(a.GetProperty("score").GetDouble() > 0.5, a.ToString());
        foreach (var (x, y) in a.GetProperty("components").EnumerateArray().Zip(b.GetProperty("components").EnumerateArray()))
        {
            // Compared as JSON text: every field of the component (score, weights, contribution, detail), bit for bit.
            Assert.Equal(x.GetRawText(), y.GetRawText());
        }

        Assert.Equal(7, a.GetProperty("components").GetArrayLength());
    }

    private static async Task<Guid> SubmitAsync(HttpClient client, string route, string text)
    {
        using var body = new StringContent(text, System.Text.Encoding.UTF8, "text/plain");
        using var response = await client.PostAsync(route, body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var document = await Pipeline.WaitUntilSettledAsync(client, response.Headers.Location!);
        Assert.Equal("indexed", document.Status);
        return document.Id;
    }
}
