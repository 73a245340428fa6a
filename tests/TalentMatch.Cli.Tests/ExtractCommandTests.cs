using System.Text.Json;
using TalentMatch.Cli.Commands;

namespace TalentMatch.Cli.Tests;

/// <summary>`talentmatch extract FILE`, run in-process through System.CommandLine as the CLI does.</summary>
public class ExtractCommandTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args) => CliRun.Invoke([ExtractCommand.Create()], args);

    [Fact]
    public void Extract_prints_json_with_canonical_names_levels_and_offsets_into_the_file_text()
    {
        const string text = "任职要求：\n1. 精通PyTorch，3年以上CUDA开发经验；\n2. 熟悉vLLM者优先。";
        var path = Path.Combine(Path.GetTempPath(), $"talentmatch-extract-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, text);
        try
        {
            var (exit, output, _) = Run("extract", path);

            Assert.Equal(0, exit);
            using var json = JsonDocument.Parse(output);
            Assert.Equal("zh", json.RootElement.GetProperty("language").GetString());
            var skills = json.RootElement.GetProperty("skills").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
            Assert.Equal("PyTorch", skills["pytorch"].GetProperty("name").GetString());
            Assert.Equal("required", skills["pytorch"].GetProperty("level").GetString());
            Assert.Equal("expert", skills["pytorch"].GetProperty("proficiency").GetString());
            Assert.Equal(3, skills["cuda"].GetProperty("years").GetInt32());
            Assert.Equal("preferred", skills["vllm"].GetProperty("level").GetString());
            foreach (var evidence in skills.Values.SelectMany(s => s.GetProperty("evidence").EnumerateArray()))
            {
                var start = evidence.GetProperty("start").GetInt32();
                var end = evidence.GetProperty("end").GetInt32();
                Assert.Equal(text[start..end], evidence.GetProperty("text").GetString());
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Extract_in_resume_mode_leaves_out_levels()
    {
        var path = Path.Combine(Path.GetTempPath(), $"talentmatch-extract-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "Skills: PyTorch, LoRA, DeepSpeed ZeRO-3"); // "DeepSpeed ZeRO" is an alias of ZeRO: the longer match wins
        try
        {
            var (exit, output, _) = Run("extract", path, "--mode", "Resume", "--compact");

            Assert.Equal(0, exit);
            Assert.DoesNotContain('\n', output.TrimEnd());
            using var json = JsonDocument.Parse(output);
            var skills = json.RootElement.GetProperty("skills").EnumerateArray().ToList();
            Assert.Equal(["pytorch", "lora", "zero-optimizer"], skills.Select(s => s.GetProperty("id").GetString()));
            Assert.All(skills, s => Assert.False(s.TryGetProperty("level", out _)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Extract_reports_a_missing_file_with_exit_code_two()
    {
        var (exit, output, error) = Run("extract", "/nonexistent/talentmatch/ad.txt");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("Cannot read", error, StringComparison.Ordinal);
    }
}
