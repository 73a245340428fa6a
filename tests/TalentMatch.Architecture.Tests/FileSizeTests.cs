namespace TalentMatch.Architecture.Tests;

/// <summary>Files small enough to read: a file past the limit holds more than one stage and should be split.</summary>
public class FileSizeTests
{
    private const int MaxLines = 600;

    [Fact]
    public void No_source_file_in_src_is_longer_than_600_lines_except_generated_migrations()
    {
        var tooLong = Directory.EnumerateFiles(Path.Combine(SourceTree.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !SourceTree.IsBuildOutput(path))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Contains("Migrations"))
            .Select(path => (Path: Path.GetRelativePath(SourceTree.Root, path), Lines: File.ReadLines(path).Count()))
            .Where(file => file.Lines > MaxLines)
            .Select(file => $"{file.Path}: {file.Lines} lines")
            .ToList();

        Assert.Empty(tooLong);
    }
}
