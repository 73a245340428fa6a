namespace TalentMatch.Core.Documents.Tests;

/// <summary>
/// The real documents in ../shared/data beside the repository (not copied in: several licences forbid it).
/// Missing data skips the test with a reason, except in CI, where it fails.
/// </summary>
internal static class SharedData
{
    private static readonly string? Root = Find();

    public static string Path(params string[] parts)
    {
        if (Root is null)
        {
            const string reason = "The shared data folder (../shared/data beside TalentMatch.sln) is missing.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(reason + " CI must provide it.");
            }
            Assert.Skip(reason);
        }
        return System.IO.Path.Combine([Root, .. parts]);
    }

    public static byte[] Bytes(params string[] parts) => File.ReadAllBytes(Path(parts));

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "TalentMatch.sln")))
            {
                var data = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data"));
                return Directory.Exists(data) ? data : null;
            }
        }
        return null;
    }
}
