using System.CommandLine;

// `talentmatch`: the offline command line over the same libraries the services use.
// Each command lives in Commands/ as a static Create() factory; add it to the root here.
var root = new RootCommand("TalentMatch: skills extraction, parsing, embeddings and matching for AI/ML hiring.");
root.Subcommands.Add(TalentMatch.Cli.Commands.EmbedCommand.Create());
root.Subcommands.Add(TalentMatch.Cli.Commands.ExtractCommand.Create());
root.Subcommands.Add(TalentMatch.Cli.Commands.ParseCommand.Create());
root.Subcommands.Add(TalentMatch.Cli.Commands.MatchCommand.Create());
root.Subcommands.Add(TalentMatch.Cli.Commands.GapCommand.Create());
root.Subcommands.Add(TalentMatch.Cli.Commands.TaxonomyCommand.Create());
root.Subcommands.Add(TalentMatch.Cli.Commands.InsightsCommand.Create());
root.Subcommands.Add(TalentMatch.Cli.Commands.BiasAuditCommand.Create());
root.Subcommands.Add(TalentMatch.Cli.Commands.DedupeCommand.Create());

return await root.Parse(args).InvokeAsync();
