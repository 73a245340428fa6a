namespace TalentMatch.Core.Skills.Tests;

/// <summary>
/// Texts shaped to make one reading rule look at everything again for each of thousands of cues: many 【 and no 】, many
/// bracketed headings, thousands of capitals words with aliases inside, run-on lines of headings. Each must still read
/// what it says; what they cost, before and after the bounds, is measured in docs/benchmarks.md ("Long hostile texts").
/// </summary>
public class LongHostileTextTests
{
    private static SkillMatch Find(ExtractionResult result, string id) => Assert.Single(result.Skills, s => s.Id == id);

    [Fact]
    public void Thousands_of_unclosed_brackets_still_leave_the_real_heading_found()
    {
        var text = new string('【', 50_000) + "\n【岗位要求】熟悉Python";

        var result = SkillExtractor.Default.Extract(text);

        Assert.Equal(RequirementLevel.Required, Find(result, "python").Level);
    }

    [Fact]
    public void The_section_of_a_mention_is_the_last_heading_before_it_among_thousands()
    {
        var text = string.Concat(Enumerable.Repeat("【集团简介】我们的平台用Java。【岗位职责】负责系统开发。", 5_000))
            + "【任职要求】熟悉Python。【公司福利】免费学习Kafka。";

        var result = SkillExtractor.Default.Extract(text);

        // Java only ever in the company's story, Kafka under the benefits: an ad's company sections name no skill of the job.
        Assert.Equal(["python"], result.Skills.Select(s => s.Id));
        Assert.Equal(RequirementLevel.Required, Find(result, "python").Level);
    }

    [Fact]
    public void Thousands_of_capitals_words_with_aliases_inside_do_not_hide_a_run_together_one()
    {
        var text = string.Join(" ", Enumerable.Repeat("XJAVAX", 20_000)) + " RNNLSTMCNN";

        var ids = SkillExtractor.Default.Extract(text, ExtractionMode.Resume).Skills.Select(s => s.Id).ToList();

        Assert.Contains("rnn", ids);
        Assert.Contains("cnn", ids);
        Assert.DoesNotContain("java", ids);
    }

    [Fact]
    public void Years_are_read_from_the_mentions_own_clause_among_thousands()
    {
        var text = string.Concat(Enumerable.Repeat("5 years of sales. ", 5_000)) + "Requirements: 3+ years of PyTorch.";

        var result = SkillExtractor.Default.Extract(text);

        Assert.Equal(3, Find(result, "pytorch").Years);
    }
}
