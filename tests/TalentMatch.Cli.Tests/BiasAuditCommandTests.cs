using System.Text.Json;
using TalentMatch.Cli.Commands;

namespace TalentMatch.Cli.Tests;

/// <summary>`talentmatch bias-audit`: the service's bias report over a folder of resumes, with the real model.</summary>
public sealed class BiasAuditCommandTests : IDisposable
{
    private const string Job = """
        LLM Training Engineer
        Requirements:
        - 3+ years of PyTorch
        - Distributed training with DeepSpeed
        - CUDA programming
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("talentmatch-bias-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Output, string Error) Run(params string[] args) => CliRun.Invoke([BiasAuditCommand.Create()], args);

    /// <summary>Four strong resumes all "F", four weak ones all "M" (a planted disparity); race spread evenly over both.</summary>
    private (string Job, string Resumes, string Categories) Corpus()
    {
        var resumes = Directory.CreateDirectory(Path.Combine(_dir, "resumes")).FullName;
        string[] strong =
        [
            "ML engineer. 5 years training large models in PyTorch with DeepSpeed ZeRO-3; wrote CUDA kernels.",
            "Deep learning engineer: PyTorch for 6 years, distributed training with DeepSpeed, CUDA programming.",
            "Research engineer. PyTorch (4 years), DeepSpeed and Megatron-LM, custom CUDA kernels.",
            "ML infrastructure engineer, 7 years: PyTorch, DeepSpeed, CUDA, NCCL.",
        ];
        string[] weak =
        [
            "Data analyst. 4 years of SQL, Tableau and Excel reporting.",
            "Frontend developer: React, TypeScript and CSS for 5 years.",
            "Accountant with 6 years of bookkeeping and payroll.",
            "Sales manager, 8 years in retail sales.",
        ];
        var lines = new List<string> { "file,sex,raceEthnicity" };
        for (var i = 0; i < 4; i++)
        {
            File.WriteAllText(Path.Combine(resumes, $"strong-{i}.txt"), strong[i]);
            File.WriteAllText(Path.Combine(resumes, $"weak-{i}.txt"), weak[i]);
            var race = i % 2 == 0 ? "\"Asian, East\"" : "White";
            lines.Add($"strong-{i}.txt,F,{race}");
            lines.Add($"weak-{i}.txt,M,{race}");
        }

        var categories = Path.Combine(_dir, "categories.csv");
        File.WriteAllLines(categories, lines);
        var job = Path.Combine(_dir, "job.txt");
        File.WriteAllText(job, Job);
        return (job, resumes, categories);
    }

    [Fact]
    public void The_report_finds_a_planted_disparity_as_json_and_as_csv()
    {
        var (job, resumes, categories) = Corpus();

        var (exit, output, error) = Run("bias-audit", job, resumes, "--demographics", categories);

        Assert.True(exit == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(8, report.GetProperty("assessed").GetInt32());
        var sex = report.GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("dimension").GetString() == "sex");
        var m = sex.GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("category").GetString() == "M");
        Assert.Equal(0, m.GetProperty("impactRatio").GetDouble());
        Assert.True(m.GetProperty("belowFourFifths").GetBoolean());
        var race = report.GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("dimension").GetString() == "raceEthnicity");
        Assert.All(race.GetProperty("categories").EnumerateArray(), c => Assert.False(c.GetProperty("belowFourFifths").GetBoolean()));

        var (csvExit, csv, csvError) = Run("bias-audit", job, resumes, "--demographics", categories, "--top", "4", "--format", "csv", "--no-embeddings");
        Assert.True(csvExit == 0, csvError);
        Assert.Contains("\"sex\",\"M\",4,0,0.5,0,0,true,false", csv.Split('\n'));
        Assert.Contains("\"raceEthnicity\",\"Asian, East\",4,2,0.5,0.5,1,false,false", csv.Split('\n'));
    }

    [Fact]
    public void Conflicting_selections_and_a_categories_file_without_a_file_column_are_refused()
    {
        var (job, resumes, categories) = Corpus();
        Assert.Equal(1, Run("bias-audit", job, resumes, "--demographics", categories, "--threshold", "0.5", "--top", "3", "--no-embeddings").Exit);
        var bad = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(bad, "name,sex\na.txt,F\n");
        var (exit, _, error) = Run("bias-audit", job, resumes, "--demographics", bad, "--no-embeddings");
        Assert.Equal(1, exit);
        Assert.Contains("'file'", error, StringComparison.Ordinal);
    }
}
