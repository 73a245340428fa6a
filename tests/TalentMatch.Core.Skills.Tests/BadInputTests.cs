using System.Text;

namespace TalentMatch.Core.Skills.Tests;

/// <summary>Odd input must neither crash nor hang; no timing is asserted (see docs/benchmarks.md for speed).</summary>
public class BadInputTests
{
    private static readonly SkillExtractor Extractor = SkillExtractor.Default;

    private static void AssertSane(string text, ExtractionResult result)
    {
        foreach (var skill in result.Skills)
        {
            Assert.InRange(skill.Evidence.Count, 1, SkillExtractor.MaxEvidencePerSkill);
            foreach (var span in skill.Evidence)
            {
                Assert.True(span.Start >= 0 && span.End <= text.Length && span.Start < span.End);
                Assert.Equal(text[span.Start..span.End], span.Text);
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\n\n\t")]
    [InlineData("-")]
    [InlineData("，。、")]
    public void Empty_or_blank_text_yields_no_skills(string text)
    {
        var result = Extractor.Extract(text);

        Assert.Empty(result.Skills);
    }

    [Theory]
    [InlineData("团队合作能力强")]
    [InlineData("团队合作")]
    [InlineData("teamwork and PyTorch")]
    public void An_alias_with_not_after_words_at_the_very_start_of_the_text_is_survived(string text)
    {
        // "团队合作" has notAfter words: looking before position 0 once threw ArgumentOutOfRangeException.
        var result = Extractor.Extract(text);

        AssertSane(text, result);
        Assert.Contains(result.Skills, s => s.Id == "teamwork");
    }

    [Fact]
    public void Binary_garbage_is_survived()
    {
        var random = new Random(42);
        var bytes = new byte[1 << 20];
        random.NextBytes(bytes);
        var text = Encoding.UTF8.GetString(bytes) + new string('\0', 1000) + "\uD800 lone surrogate \uDFFF";

        var result = Extractor.Extract(text);

        AssertSane(text, result);
        Assert.Equal("und", result.Language);
    }

    [Fact]
    public void Mojibake_is_survived_and_clean_words_inside_are_still_found()
    {
        // UTF-8 Chinese read as Latin-1, as in the cp1252 CSV of the US job ads.
        var mojibake = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes("熟悉深度学习框架"));
        var text = $"{mojibake} â€™ Ã©tÃ© PyTorch â€” {mojibake}";

        var result = Extractor.Extract(text);

        AssertSane(text, result);
        Assert.Contains("pytorch", result.Skills.Select(s => s.Id));
    }

    [Fact]
    public void Ten_megabytes_of_text_complete_with_bounded_evidence()
    {
        const string paragraph = "熟悉PyTorch、TensorFlow与CUDA，有vLLM、DeepSpeed ZeRO-3经验者优先。Experience with Go, R and Spark on Hadoop is a plus. ";
        var builder = new StringBuilder(10 << 20);
        while (builder.Length < 10 << 20)
        {
            builder.Append(paragraph);
        }

        var text = builder.ToString();
        var result = Extractor.Extract(text);

        AssertSane(text, result);
        Assert.Contains("pytorch", result.Skills.Select(s => s.Id));
        Assert.All(result.Skills, s => Assert.True(s.Evidence.Count <= SkillExtractor.MaxEvidencePerSkill));
    }

    [Fact]
    public void A_long_run_of_one_character_and_of_ambiguous_words_is_survived()
    {
        var text = new string('a', 2_000_000) + string.Concat(Enumerable.Repeat("Go R C Spark Triton ", 100_000));

        var result = Extractor.Extract(text);

        AssertSane(text, result);
    }
}
