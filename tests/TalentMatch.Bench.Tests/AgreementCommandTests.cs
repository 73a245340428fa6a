using System.CommandLine;
using TalentMatch.Bench.Commands;

namespace TalentMatch.Bench.Tests;

/// <summary>`talentmatch-bench agreement`: pairwise F1 between two annotators' gold files.</summary>
public sealed class AgreementCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentmatch-agreement-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Gold(string name, string documents)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, "{\"version\": 1, \"documents\": [" + documents + "]}");
        return path;
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand { BenchAgreementCommand.Create() };
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Agreement_scores_shared_documents_over_ids_and_missing_names()
    {
        var first = Gold("first.json",
            """
            {"file": "a.jsonl", "line": 2, "type": "resume", "split": "test", "language": "en", "skills": ["python", "docker"], "missing": ["Kibana", "test-planning"]},
            {"file": "b.txt", "type": "resume", "split": "test", "language": "en", "skills": ["java"], "missing": []},
            {"file": "c.jsonl", "line": 5, "lines": 3, "type": "ad-sentences", "split": "test", "language": "zh", "skills": ["sql"], "missing": []}
            """);
        var second = Gold("second.json",
            """
            {"file": "a.jsonl", "line": 2, "type": "resume", "split": "test", "language": "en", "skills": ["python"], "missing": ["kibana", "Test  Planning", "jest"]},
            {"file": "c.jsonl", "line": 5, "lines": 2, "type": "ad-sentences", "split": "test", "language": "zh", "skills": ["sql"], "missing": []}
            """);

        var (exit, output, _) = Run("agreement", first, second);

        // Only a.jsonl:2 is shared (c.jsonl covers other lines): both give python, kibana and test planning (case, dashes
        // and spaces folded); docker only first, jest only second.
        Assert.Equal(0, exit);
        Assert.Contains("| en | resume | 1 | 4 | 4 | 0.750 |", output, StringComparison.Ordinal);
        Assert.Contains("only first: docker | only second: missing:jest", output, StringComparison.Ordinal);
        Assert.DoesNotContain("| zh |", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Agreement_without_shared_documents_or_files_fails_with_a_reason()
    {
        var first = Gold("first.json", """{"file": "a.txt", "split": "test", "language": "en", "skills": [], "missing": []}""");
        var second = Gold("second.json", """{"file": "b.txt", "split": "test", "language": "en", "skills": [], "missing": []}""");

        Assert.Equal(2, Run("agreement", first, second).Exit);
        Assert.Contains("not found", Run("agreement", first, Path.Combine(_dir, "absent.json")).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_extractor_it_scores_the_real_extractor_against_each_annotator_and_their_agreement()
    {
        // A whole-text document (file, no line), read by the real extractor from the --data folder.
        Directory.CreateDirectory(Path.Combine(_dir, "data", "cv"));
        File.WriteAllText(Path.Combine(_dir, "data", "cv", "a.txt"), "Skills: Python, Docker, Kubernetes.\nI like long walks.");
        var first = Gold("first.json", """{"file": "cv/a.txt", "type": "resume", "split": "test", "language": "en", "skills": ["python", "docker", "kubernetes"], "missing": []}""");
        var second = Gold("second.json", """{"file": "cv/a.txt", "type": "resume", "split": "test", "language": "en", "skills": ["python", "docker"], "missing": ["etl"]}""");

        var (exit, output, _) = Run("agreement", first, second, "--extractor", "--data", Path.Combine(_dir, "data"));

        // The extractor reads python, docker and kubernetes (the walks are no skill). Against the first: F1 1. Against the second: P 2/3, R 2/3
        // (etl has no node). Annotators: 2 shared of 3 and 3 labels, F1 0.667. Either: 3 of 3 right; both: python and
        // docker, both found.
        Assert.Equal(0, exit);
        Assert.Contains("| en | resume | 1 | 2 | 1.000 | 0.667 | 0.667 | 1.000 | 1.000 | 1.000 |", output, StringComparison.Ordinal);
        Assert.Contains("taxonomy " + TalentMatch.Core.Skills.SkillExtractor.Default.Taxonomy.Version, output, StringComparison.Ordinal);
    }
}
