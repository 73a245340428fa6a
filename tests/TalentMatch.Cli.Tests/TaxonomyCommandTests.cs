using System.CommandLine;
using System.Text.Json;
using TalentMatch.Cli.Commands;

namespace TalentMatch.Cli.Tests;

/// <summary>`talentmatch taxonomy suggest DIR`, run in-process through System.CommandLine as the CLI does.</summary>
public sealed class TaxonomyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentmatch-suggest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand { TaxonomyCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Suggest_lists_unmatched_list_items_of_both_languages_with_counts_and_examples()
    {
        File.WriteAllText(Path.Combine(_dir, "a.txt"), "Skills: Python, Metabase, Docker");
        Directory.CreateDirectory(Path.Combine(_dir, "more"));
        File.WriteAllText(Path.Combine(_dir, "more", "b.md"), "Tools: Metabase, Git\n熟悉Python、仓颉语言");
        File.WriteAllLines(Path.Combine(_dir, "c.jsonl"), ["{\"text\": \"熟练掌握仓颉语言、Java\"}", "not json", "{\"other\": 1}", ""]);
        File.WriteAllText(Path.Combine(_dir, "ignored.csv"), "Python, Metabase");

        var (exit, output, _) = Run("taxonomy", "suggest", _dir, "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(3, json.RootElement.GetProperty("files").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("documents").GetInt32()); // a.txt, b.md, one JSONL line with text
        var phrases = json.RootElement.GetProperty("phrases").EnumerateArray().ToDictionary(p => p.GetProperty("phrase").GetString()!);
        Assert.Equal(2, phrases["Metabase"].GetProperty("documents").GetInt32());
        Assert.Equal(2, phrases["仓颉语言"].GetProperty("documents").GetInt32());
        Assert.Contains("Metabase", phrases["Metabase"].GetProperty("examples")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Python", phrases.Keys);
    }

    [Fact]
    public void Suggest_prints_a_table_by_default()
    {
        File.WriteAllText(Path.Combine(_dir, "a.txt"), "Python, Metabase");
        File.WriteAllText(Path.Combine(_dir, "b.txt"), "Python, Metabase");

        var (exit, output, _) = Run("taxonomy", "suggest", _dir);

        Assert.Equal(0, exit);
        Assert.Contains("2\t2\tMetabase\tPython, Metabase", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--top", "0")]
    [InlineData("--top", "10001")]
    [InlineData("--min-docs", "0")]
    public void Suggest_rejects_out_of_range_options(string option, string value)
    {
        var (exit, _, error) = Run("taxonomy", "suggest", _dir, option, value);

        Assert.Equal(2, exit);
        Assert.Contains("--top", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggest_on_a_missing_folder_says_so()
    {
        var (exit, _, error) = Run("taxonomy", "suggest", Path.Combine(_dir, "absent"));

        Assert.Equal(2, exit);
        Assert.Contains("not found", error, StringComparison.Ordinal);
    }
}
