using System.Text;
using System.Text.Json;
using TalentMatch.Cli.Commands;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Cli.Tests;

/// <summary>`talentmatch dedupe DIR`, run in-process through System.CommandLine as the CLI does, over a real folder.</summary>
public sealed class DedupeCommandTests : IDisposable
{
    private static readonly string[] Jane =
    [
        "Jane Doe",
        "Senior Machine Learning Engineer",
        "jane.doe@example.com | +86 138-0013-8000",
        "Experience",
        "Senior ML Engineer, Acme AI, Jan 2021 - Present",
        "Built a retrieval-augmented generation platform serving 40 million queries a day.",
        "Data Scientist, Globex, 2017 - 2020",
        "Demand forecasting in PyTorch and LightGBM for 300 stores; owned the feature store.",
        "Education",
        "M.Sc. Computer Science, Technical University of Munich, 2017",
    ];

    private static readonly string[] LiNa =
    [
        "李娜",
        "高级机器学习工程师",
        "邮箱：li.na@example.cn  电话：139-1234-5678",
        "工作经历",
        "2019.03 - 至今  字节跳动  推荐算法工程师",
        "负责短视频推荐的召回与排序模型，使用 TensorFlow 与 Spark。",
        "2016.07 - 2019.02  美团  数据挖掘工程师",
        "搭建用户画像与反作弊模型。",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("talentmatch-dedupe-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Exit, string Output, string Error) Run(params string[] args) => CliRun.Invoke([DedupeCommand.Create()], args);

    [Fact]
    public void The_same_resume_as_text_PDF_and_a_trimmed_copy_is_one_group_with_reasons_and_unreadable_files_are_skipped()
    {
        File.WriteAllText(Path.Combine(_folder, "jane.txt"), string.Join('\n', Jane));
        File.WriteAllBytes(Path.Combine(_folder, "jane.pdf"), TestDocuments.Pdf(Jane));
        File.WriteAllText(Path.Combine(_folder, "jane-2019.md"), string.Join('\n', Jane.SkipLast(2)));
        File.WriteAllText(Path.Combine(_folder, "li-na.txt"), string.Join('\n', LiNa));
        File.WriteAllBytes(Path.Combine(_folder, "photo.bin"), [0x00, 0xFF, 0x10, 0x80, 0x00, 0x00, 0x7F, 0x01]);

        var (exit, output, _) = Run("dedupe", _folder);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(4, root.GetProperty("files").GetInt32());
        var group = Assert.Single(root.GetProperty("groups").EnumerateArray());
        Assert.Equal(["jane-2019.md", "jane.pdf", "jane.txt"], group.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        var pairs = group.GetProperty("pairs").EnumerateArray().ToList();
        Assert.Equal(3, pairs.Count);
        var textAndPdf = pairs.Single(p => new[] { p.GetProperty("a").GetString(), p.GetProperty("b").GetString() }.Order().SequenceEqual(["jane.pdf", "jane.txt"]));
        Assert.Equal(0.99, textAndPdf.GetProperty("score").GetDouble());
        var reasons = textAndPdf.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("same e-mail", reasons);
        Assert.Contains("text 1.00 similar", reasons);
        Assert.Equal("photo.bin", Assert.Single(root.GetProperty("skipped").EnumerateArray()).GetProperty("file").GetString());
    }

    [Fact]
    public void A_missing_folder_or_a_threshold_out_of_range_exits_1_with_the_reason()
    {
        var (missing, _, missingError) = Run("dedupe", Path.Combine(_folder, "nope"));
        Assert.Equal(1, missing);
        Assert.Contains("No such folder", missingError, StringComparison.Ordinal);

        foreach (var threshold in new[] { "2", "0.1", "NaN" })
        {
            var (exit, output, error) = Run("dedupe", _folder, "--threshold", threshold);
            Assert.Equal(1, exit);
            Assert.Empty(output);
            Assert.Contains("--threshold", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_threshold_above_a_pairs_score_leaves_it_ungrouped()
    {
        // No contact details and a few words apart: the text decides, under 0.99.
        File.WriteAllText(Path.Combine(_folder, "a.txt"), string.Join('\n', Jane.Skip(3)), Encoding.UTF8);
        File.WriteAllText(Path.Combine(_folder, "b.txt"), string.Join('\n', Jane.Skip(3).SkipLast(1)), Encoding.UTF8);

        var (_, grouped, _) = Run("dedupe", _folder);
        var (_, strict, _) = Run("dedupe", _folder, "--threshold", "0.99");

        using var loose = JsonDocument.Parse(grouped);
        var score = Assert.Single(Assert.Single(loose.RootElement.GetProperty("groups").EnumerateArray()).GetProperty("pairs").EnumerateArray()).GetProperty("score").GetDouble();
        Assert.InRange(score, 0.5, 0.98);
        using var none = JsonDocument.Parse(strict);
        Assert.Empty(none.RootElement.GetProperty("groups").EnumerateArray());
    }
}
