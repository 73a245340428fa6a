using System.Text.Json;
using TalentMatch.Cli.Commands;

namespace TalentMatch.Cli.Tests;

/// <summary>`talentmatch insights DIR`, run in-process on a folder of hand-made job ads.</summary>
public sealed class InsightsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentmatch-insights-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Output, string Error) Run(params string[] args) => CliRun.Invoke([InsightsCommand.Create()], args);

    /// <summary>Five PyTorch ads at 20-30K … 60-70K·15薪 (four as files, one in a .jsonl), a JAX ad in dollars, a negotiable one, an empty file and a copy.</summary>
    private void WriteCorpus()
    {
        for (var i = 1; i <= 4; i++)
        {
            var months = i == 4 ? "·15薪" : "";
            File.WriteAllText(Path.Combine(_dir, $"ad{i}.md"), $"算法工程师 {i + 1}0-{i + 2}0K{months}\n任职要求：\n1. 熟悉PyTorch和Python；\n2. 有CUDA经验者优先。");
        }

        Directory.CreateDirectory(Path.Combine(_dir, "more"));
        File.WriteAllText(Path.Combine(_dir, "more", "ads.jsonl"), string.Join('\n',
            JsonSerializer.Serialize(new { id = "a5", text = "算法工程师 60-70K·15薪\n任职要求：\n1. 熟悉PyTorch和Python；\n2. 有CUDA经验者优先。" }),
            JsonSerializer.Serialize(new { id = "a6", text = "AI产品经理 面议\n任职要求：熟悉Python。" }),
            "not json"));
        File.WriteAllText(Path.Combine(_dir, "more", "usd.txt"), "ML Research Engineer | Remote | $150k–$190k\nRequirements:\n- JAX and Python");
        File.WriteAllText(Path.Combine(_dir, "more", "copy.md"), File.ReadAllText(Path.Combine(_dir, "ad1.md")));
        File.WriteAllText(Path.Combine(_dir, "empty.txt"), "");
    }

    [Fact]
    public void Json_gives_jobs_pay_quartiles_per_currency_and_skills_by_demand()
    {
        WriteCorpus();

        var (exit, output, error) = Run("insights", _dir);

        Assert.Equal(0, exit);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(7, report.GetProperty("jobs").GetInt32()); // the copy counted once, the empty file skipped
        var salary = report.GetProperty("salary");
        Assert.Equal("CNY", salary.GetProperty("currency").GetString());
        var monthly = salary.GetProperty("monthly");
        // Midpoints 25K, 35K, 45K, 55K, 65K in yuan; the negotiable ad has none.
        Assert.Equal((5, 35_000, 45_000, 55_000), (monthly.GetProperty("n").GetInt32(), monthly.GetProperty("p25").GetInt32(), monthly.GetProperty("p50").GetInt32(), monthly.GetProperty("p75").GetInt32()));
        Assert.Equal(540_000, salary.GetProperty("annual").GetProperty("p50").GetInt32());
        var usd = Assert.Single(report.GetProperty("otherCurrencies").EnumerateArray());
        Assert.Equal(("USD", 1), (usd.GetProperty("currency").GetString(), usd.GetProperty("annual").GetProperty("n").GetInt32()));

        var skills = report.GetProperty("skills").EnumerateArray().ToList();
        // Equal demand is ordered by id: CUDA (preferred in five ads) before PyTorch (required in five).
        Assert.Equal(["python", "cuda", "pytorch"], skills.Take(3).Select(s => s.GetProperty("id").GetString()));
        var jobsPerSkill = skills.Select(s => s.GetProperty("jobs").GetInt32()).ToList();
        Assert.Equal(jobsPerSkill.OrderDescending(), jobsPerSkill);
        var pytorch = skills[2];
        Assert.Equal((5, 5), (pytorch.GetProperty("jobs").GetInt32(), pytorch.GetProperty("required").GetInt32()));
        Assert.Equal(45_000, pytorch.GetProperty("salary").GetProperty("monthly").GetProperty("p50").GetInt32());
        Assert.Equal(5, skills[1].GetProperty("preferred").GetInt32());
        var with = pytorch.GetProperty("with").EnumerateArray().Select(w => (w.GetProperty("id").GetString(), w.GetProperty("lift").GetDouble())).ToList();
        Assert.Equal(("cuda", 1.4), with[0]); // 7·5 / (5·5)
        Assert.Contains("empty.txt", error);
        Assert.Contains("without a \"text\"", error);
    }

    [Fact]
    public void Table_aligns_one_row_per_skill_under_the_pay_summary()
    {
        WriteCorpus();

        var (exit, output, _) = Run("insights", _dir, "--format", "table", "--top", "3");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("7 job ads", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("  monthly  n=5  p25 35K  p50 45K  p75 55K", StringComparison.Ordinal));
        var header = Array.FindIndex(lines, l => l.StartsWith("skill", StringComparison.Ordinal));
        var rows = lines.Skip(header + 1).Take(3).ToList();
        Assert.Equal(["Python", "CUDA", "PyTorch"], rows.Select(r => r.Split("  ")[0].Trim()));
        // Right-aligned numbers: the jobs column ends at the same place in every row.
        var end = lines[header].IndexOf("jobs", StringComparison.Ordinal) + "jobs".Length;
        Assert.All(rows, r => Assert.True(char.IsDigit(r[end - 1]) && r[end] == ' ', r));
    }

    [Fact]
    public void A_missing_folder_or_a_silly_top_is_an_error()
    {
        Assert.Equal(1, Run("insights", Path.Combine(_dir, "nope")).Exit);
        Assert.Equal(1, Run("insights", _dir, "--top", "0").Exit);
        Assert.NotEqual(0, Run("insights", _dir, "--format", "xml").Exit);
    }
}
