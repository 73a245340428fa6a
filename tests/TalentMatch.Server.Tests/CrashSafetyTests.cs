using System.Net;
using System.Text;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>The embedded system killed with SIGKILL keeps everything it had acknowledged as indexed.</summary>
public class CrashSafetyTests
{
    [Fact]
    public async Task Indexed_documents_survive_kill_9_of_the_embedded_server()
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDirectory = Directory.CreateTempSubdirectory("talentmatch-crash-").FullName;
        var environment = new Dictionary<string, string> { ["TalentMatch__DataDirectory"] = dataDirectory };
        var marker = "zk" + Guid.NewGuid().ToString("N")[..10];
        var submitted = new List<Guid>();
        try
        {
            string key;
            await using (var first = await ServerProcess.StartAsync(environment))
            {
                key = (await File.ReadAllTextAsync(Path.Combine(dataDirectory, "admin-key.txt"), ct)).Trim();
                first.Authenticate(key);
                for (var i = 0; i < 5; i++)
                {
                    using var body = new StringContent($"Candidate {i}: vLLM and TensorRT serving engineer {marker}", Encoding.UTF8, "text/plain");
                    using var response = await first.Client.PostAsync("/v1/candidates", body, ct);
                    Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                    submitted.Add((await Pipeline.WaitUntilSettledAsync(first.Client, response.Headers.Location!)).Id);
                }

                await first.KillAsync();
            }

            await using var second = await ServerProcess.StartAsync(environment);
            second.Authenticate(key);

            var keyword = await Pipeline.SearchAsync(second.Client, "candidates", marker);
            Assert.Equal(submitted.Order(), keyword.Hits.Select(h => h.Id).Order());
            // Hybrid search (USearch vectors reconciled with the Lucene commit at start-up) still answers.
            using var hybrid = await second.Client.GetAsync($"/v1/search/candidates?mode=hybrid&q={marker}%20serving", ct);
            Assert.Equal(HttpStatusCode.OK, hybrid.StatusCode);
            foreach (var id in submitted)
            {
                using var candidate = await second.Client.GetAsync($"/v1/candidates/{id}", ct);
                Assert.Equal(HttpStatusCode.OK, candidate.StatusCode);
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
