namespace TalentMatch.Server.Tests.Infrastructure;

public static class RepositoryPaths
{
    /// <summary>The folder holding TalentMatch.sln, found by walking up from the test output.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TalentMatch.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TalentMatch.sln not found above the test output");
    }
}
