using System.Xml.Linq;

namespace TalentMatch.Architecture.Tests;

/// <summary>A project of the repository: its layer (the folder under <c>src/</c>, or <c>bench</c>/<c>tests</c>) and what it references.</summary>
public sealed record ProjectNode(string Name, string Layer, IReadOnlyList<ProjectNode.Reference> References)
{
    public sealed record Reference(string Name, string Layer);
}

/// <summary>Reads the repository's project files, the way MSBuild resolves their references.</summary>
public static class SourceTree
{
    public static readonly string Root = FindRoot(AppContext.BaseDirectory);

    public static IReadOnlyList<ProjectNode> SourceProjects() =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !IsBuildOutput(p))
            .Select(Load)];

    public static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    private static ProjectNode Load(string path)
    {
        var references = XDocument.Load(path).Descendants("ProjectReference")
            .Select(r => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, r.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar))))
            .Select(target => new ProjectNode.Reference(Path.GetFileNameWithoutExtension(target), LayerOf(target)))
            .ToList();
        return new ProjectNode(Path.GetFileNameWithoutExtension(path), LayerOf(path), references);
    }

    /// <summary><c>src/Core/X/X.csproj</c> → <c>Core</c>; <c>bench/…</c> → <c>bench</c>; <c>tests/…</c> → <c>tests</c>.</summary>
    public static string LayerOf(string projectPath)
    {
        var parts = Path.GetRelativePath(Root, projectPath).Split(Path.DirectorySeparatorChar);
        return parts[0] == "src" && parts.Length > 2 ? parts[1] : parts[0];
    }

    private static string FindRoot(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TalentMatch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No TalentMatch.sln above {from}.");
    }
}
