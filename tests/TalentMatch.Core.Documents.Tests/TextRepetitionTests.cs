using System.Text;

namespace TalentMatch.Core.Documents.Tests;

public sealed class TextRepetitionTests
{
    [Theory]
    [InlineData("updated_resume_dataset_en", "UpdatedResumeDataSet.csv")] // 962 resumes, 3.1 MB
    [InlineData("ml_jobs_us_en", "parsed_1000_ml_jobs_us.csv")] // 1,000 job ads
    [InlineData("cn_skillspan_raw_sentences_zh", "CN_skillspan_lkst_train.json")] // Chinese postings as JSON
    public void The_largest_real_documents_in_the_shared_corpora_are_not_repetitive(string folder, string file)
    {
        var text = Encoding.UTF8.GetString(SharedData.Bytes(folder, file));
        text = text[..Math.Min(text.Length, DocumentLimits.DefaultMaxTextCharacters)];

        Assert.Null(TextRepetition.Check(text, DocumentLimits.Default));
        Assert.InRange(TextRepetition.CompressionRatio(text), 2, 10);
    }

    [Fact]
    public void The_markdown_emphasis_bomb_is_refused_as_an_upload_with_a_typed_reason()
    {
        var result = DocumentReader.Read(HostileInputs.MarkdownEmphasisBomb(200_000), "cv.md");

        var rejection = Assert.IsType<DocumentRejection>(result);
        Assert.Equal(RejectionReason.RepetitiveText, rejection.Reason);
        Assert.Contains("compress", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("Python ")]
    [InlineData("Senior ML engineer, PyTorch and CUDA, Shanghai 2019-2024.\n")]
    [InlineData("熟练掌握PyTorch，")]
    public void A_short_pattern_repeated_past_the_threshold_is_refused(string unit)
    {
        var text = new StringBuilder().Insert(0, unit, DocumentLimits.RepetitionCheckMinCharacters / unit.Length + 1).ToString();

        var rejection = TextRepetition.Check(text, DocumentLimits.Default);

        Assert.NotNull(rejection);
        Assert.Equal(RejectionReason.RepetitiveText, rejection.Reason);
    }

    [Fact]
    public void Text_shorter_than_the_threshold_is_never_judged()
    {
        var text = new string('a', DocumentLimits.RepetitionCheckMinCharacters - 1);

        Assert.Null(TextRepetition.Check(text, DocumentLimits.Default));
    }
}
