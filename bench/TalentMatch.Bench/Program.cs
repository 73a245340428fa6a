using System.CommandLine;
using TalentMatch.Bench.Commands;

// `talentmatch-bench`: the benchmarks whose results and commands are in docs/benchmarks.md. Each
// runs the same library code the services run; none of it ships in the product's CLI.
var root = new RootCommand("TalentMatch benchmarks; results go to docs/benchmarks.md.")
{
    BenchEmbeddingsCommand.Create(),
    BenchParseCommand.Create(),
    BenchExtractCommand.Create(),
    BenchAgreementCommand.Create(),
    BenchMatchCommand.Create(),
    BenchSearchCommand.Create(),
    BenchIngestCommand.Create(),
    BenchProactiveCommand.Create(),
    BenchInsightsCommand.Create(),
    BenchDuplicatesCommand.Create(),
    BenchHostileUploadsCommand.Create(),
    BenchRedactionCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
