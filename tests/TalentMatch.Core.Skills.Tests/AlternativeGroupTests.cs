namespace TalentMatch.Core.Skills.Tests;

/// <summary>
/// "Any of" requirement groups in job ads, English and Chinese: which skills the extractor puts in one group, and which
/// lists it leaves alone (both asked for). Groups are written as sorted ids joined by "|", groups separated by " ; ".
/// </summary>
public class AlternativeGroupTests
{
    private static string Groups(string text, ExtractionMode mode = ExtractionMode.JobDescription) =>
        string.Join(" ; ", SkillExtractor.Default.Extract(text, mode).Skills
            .Where(s => s.AnyOf is not null)
            .GroupBy(s => s.AnyOf)
            .Select(g => string.Join("|", g.Select(s => s.Id).Order(StringComparer.Ordinal))));

    [Theory]
    [InlineData("Requirements: experience with PyTorch or TensorFlow.", "pytorch|tensorflow")]
    [InlineData("Strong programming skills in one of Go, Rust, C++.", "cpp|go|rust")]
    [InlineData("Proficiency in Python, Java or Go.", "go|java|python")]
    [InlineData("任职要求：熟悉TensorFlow/PyTorch等框架之一", "pytorch|tensorflow")]
    [InlineData("任职要求：熟练使用TensorFlow或PyTorch", "pytorch|tensorflow")]
    [InlineData("精通C++或者Python，熟悉Docker", "cpp|python")]
    [InlineData("Must know PyTorch or TensorFlow. Kubernetes or Docker is a plus.", "pytorch|tensorflow ; docker|kubernetes")]
    public void A_list_that_asks_for_one_member_is_a_group(string text, string expected)
    {
        Assert.Equal(expected, Groups(text));
    }

    [Theory]
    [InlineData("Requirements: PyTorch and TensorFlow.")]
    [InlineData("Requirements: PyTorch and/or TensorFlow.")]
    [InlineData("熟悉PyTorch、TensorFlow等深度学习框架")]
    [InlineData("Python required. Or TensorFlow experience")]
    public void A_list_that_asks_for_all_or_a_sentence_break_is_no_group(string text)
    {
        Assert.Equal("", Groups(text));
    }

    [Fact]
    public void Resumes_have_no_groups()
    {
        Assert.Equal("", Groups("I used PyTorch or TensorFlow depending on the project.", ExtractionMode.Resume));
    }

    [Fact]
    public void Grouping_changes_no_skill_and_no_level()
    {
        const string text = "Requirements:\n- PyTorch or TensorFlow\n- 3+ years of Python";
        var skills = SkillExtractor.Default.Extract(text).Skills;

        Assert.Equal(["pytorch", "tensorflow", "python"], skills.Select(s => s.Id));
        Assert.All(skills, s => Assert.Equal(RequirementLevel.Required, s.Level));
        Assert.Null(skills.Single(s => s.Id == "python").AnyOf);
    }
}
