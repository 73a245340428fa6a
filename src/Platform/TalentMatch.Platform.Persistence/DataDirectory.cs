using Microsoft.Extensions.Configuration;

namespace TalentMatch.Platform.Persistence;

/// <summary>
/// Where the embedded mode keeps its files (SQLite database, on-disk search index, key files):
/// <c>TalentMatch:DataDirectory</c>, by default <c>./data</c> under the working directory. It holds
/// resumes and secrets' hashes, so on Unix it is created readable by the owner only (0700), and so
/// is the SQLite database file (0600; SQLite gives its -wal and -shm files the same mode).
/// </summary>
public static class DataDirectory
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string Resolve(IConfiguration configuration)
    {
        var path = Path.GetFullPath(configuration["TalentMatch:DataDirectory"] ?? "data");
        if (!Directory.Exists(path))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                Directory.CreateDirectory(path, OwnerOnlyDirectory);
            }
        }

        return path;
    }

    /// <summary>Creates an empty file readable by the owner only, unless it exists (then it is left as it is).</summary>
    public static string EnsureOwnerOnlyFile(string path)
    {
        if (!File.Exists(path) && !OperatingSystem.IsWindows())
        {
            try
            {
                using var created = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = OwnerOnlyFile,
                });
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: leave it as it is.
            }
        }

        return path;
    }
}
