using System.CommandLine;

namespace TalentMatch.Cli.Tests;

/// <summary>Runs CLI commands in-process through System.CommandLine as <c>talentmatch</c> does, capturing both streams.</summary>
internal static class CliRun
{
    public static (int Exit, string Output, string Error) Invoke(Command[] commands, string[] args)
    {
        var root = new RootCommand();
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        var output = new StringWriter();
        var error = new StringWriter();
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
