using Microsoft.Extensions.Configuration;

namespace TalentMatch.Platform.Persistence;

/// <summary>
/// Where the embedded mode keeps its files (SQLite database, on-disk search index):
/// <c>TalentMatch:DataDirectory</c>, by default <c>./data</c> under the working directory.
/// </summary>
public static class DataDirectory
{
    public static string Resolve(IConfiguration configuration)
    {
        var path = Path.GetFullPath(configuration["TalentMatch:DataDirectory"] ?? "data");
        Directory.CreateDirectory(path);
        return path;
    }
}
