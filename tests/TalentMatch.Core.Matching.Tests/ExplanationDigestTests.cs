using System.Security.Cryptography;
using System.Text.Json;

namespace TalentMatch.Core.Matching.Tests;

/// <summary>
/// Every explained score of the real pairs (<see cref="RealPairs"/>: 167 resumes × 57 ads, default weights and
/// skills-and-facts only) is the same, to the last character and bit, as the matcher of main before issue #22's
/// numbers-first ranking computed it: the digest below was printed by this test built against main at 213d4b7. Any
/// change to what users read (a score, a credit, a sentence) changes it; a deliberate change updates it here.
/// </summary>
public class ExplanationDigestTests
{
    private const string MainDigest = "32d7c794c89e016bd63acf61f4c01631a7565e162170b5828c6465c8fcd62497";

    [Fact]
    public void Every_explained_real_pair_is_what_main_computed()
    {
        RealPairs.RequireData();
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var skillsOnly = MatchWeights.Default with { Semantic = 0 };
        foreach (var weights in new[] { MatchWeights.Default, skillsOnly })
        {
            foreach (var job in RealPairs.Jobs)
            {
                foreach (var candidate in RealPairs.Candidates)
                {
                    digest.AppendData(JsonSerializer.SerializeToUtf8Bytes(Matcher.Default.Score(job, candidate, weights), JsonSerializerOptions.Web));
                }
            }
        }

        var computed = Convert.ToHexStringLower(digest.GetHashAndReset());
        Assert.True(computed == MainDigest, $"The explained scores changed: digest {computed}, main's {MainDigest}.");
    }
}
