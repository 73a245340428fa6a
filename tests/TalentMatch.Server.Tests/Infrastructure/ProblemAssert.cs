using System.Net;
using System.Text.Json;

namespace TalentMatch.Server.Tests.Infrastructure;

public static class ProblemAssert
{
    /// <summary>
    /// The response is an RFC 9457 problem with <paramref name="status"/>, a title, and (when given)
    /// the type <c>urn:talentmatch:problem:&lt;type&gt;</c>. Disposes the response.
    /// </summary>
    public static async Task IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? type)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
            if (type is not null)
            {
                Assert.Equal($"urn:talentmatch:problem:{type}", problem.RootElement.GetProperty("type").GetString());
            }
        }
    }
}
