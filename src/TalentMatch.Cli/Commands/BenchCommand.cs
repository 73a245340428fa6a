using System.CommandLine;

namespace TalentMatch.Cli.Commands;

/// <summary><c>talentmatch bench</c>: parent of the benchmark subcommands (embeddings, and more to come).</summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "Benchmarks; results go to docs/benchmarks.md.")
    {
        BenchEmbeddingsCommand.Create(),
        BenchParseCommand.Create(),
        BenchExtractCommand.Create(),
        BenchMatchCommand.Create(),
        BenchSearchCommand.Create(),
        BenchIngestCommand.Create(),
    };
}
