using System.Text;

namespace TalentMatch.Core.Documents.Tests;

public class EncodingTests
{
    private const string Chinese = "岗位职责：负责大模型训练与推理优化。\n任职要求：3年以上深度学习经验，熟悉PyTorch。";
    private const string French = "Ingénieur « données » — expérience confirmée, café, naïve, résumé: “quoted” and ‘single’ €70k";

    // Not registered globally: the library must work without the host registering the code-pages provider.
    private static Encoding GetEncoding(int codePage) => CodePagesEncodingProvider.Instance.GetEncoding(codePage) ?? Encoding.GetEncoding(codePage);

    private static ReadDocument Read(byte[] bytes)
    {
        var read = Assert.IsType<ReadDocument>(DocumentReader.Read(bytes, "file.txt"));
        Assert.DoesNotContain('\uFFFD', read.Text);
        return read;
    }

    public static TheoryData<string, int, bool> Cases => new()
    {
        { Chinese, 65001, false },
        { Chinese, 65001, true },
        { French, 65001, false },
        { Chinese, 1200, true },   // UTF-16 LE with BOM
        { Chinese, 1201, true },   // UTF-16 BE with BOM
        { French, 1200, false },   // UTF-16 LE without BOM: told by its zero bytes
        { French, 1201, false },
        { Chinese, 54936, false }, // GB18030
        { French, 1252, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Text_in_each_supported_encoding_decodes_to_the_original(string text, int codePage, bool withBom)
    {
        var encoding = GetEncoding(codePage);
        var bytes = withBom ? [.. encoding.GetPreamble(), .. encoding.GetBytes(text)] : encoding.GetBytes(text);

        var read = Read(bytes);

        Assert.Equal(text, read.Text);
        Assert.Equal(codePage, read.Encoding!.CodePage);
        Assert.Equal(DetectedFormat.PlainText, read.Format);
    }

    [Fact]
    public void A_short_chinese_job_title_in_gb18030_is_not_mistaken_for_windows_1252()
    {
        var read = Read(GetEncoding(54936).GetBytes("算法工程师 30-60K·15薪"));
        Assert.Equal("算法工程师 30-60K·15薪", read.Text);
    }

    [Fact]
    public void Utf8_that_was_double_encoded_through_windows_1252_is_repaired()
    {
        var doubled = Encoding.UTF8.GetBytes(GetEncoding(1252).GetString(Encoding.UTF8.GetBytes("Résumé – team’s lead")));

        var read = Read(doubled);

        Assert.Equal("Résumé – team’s lead", read.Text);
    }

    [Fact]
    public void The_real_cp1252_job_ads_decode_without_replacement_characters()
    {
        var bytes = SharedData.Bytes("ml_jobs_us_en", "test_ml_jobs_us.csv");

        var read = Read(bytes);

        Assert.Equal(1252, read.Encoding!.CodePage);
        Assert.DoesNotContain("â€", read.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_real_chinese_job_ads_survive_a_round_trip_through_gb18030_and_utf16()
    {
        var text = File.ReadAllText(SharedData.Path("boss_zhipin_ai_jds_zh", "jds.jsonl"));
        var sample = string.Join("\n", text.Split('\n').Take(5));
        foreach (var codePage in new[] { 54936, 1200 })
        {
            var encoding = GetEncoding(codePage);
            byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(sample)];
            var read = Read(bytes);
            Assert.Contains("端到端算法工程师 50-80K·15薪", read.Text, StringComparison.Ordinal);
        }
    }
}
