using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace TalentMatch.Platform.Persistence;

/// <summary>
/// Where an uploaded file is kept, once, by (tenant, document id): the api service writes it, ingestion
/// reads it, erasure deletes it; messages carry the reference, not the bytes (docs/adr/0008).
/// When <see cref="Enabled"/> is false (server mode without a shared blob directory), uploads travel
/// in <c>ResumeSubmitted</c> as bytes, as before.
/// </summary>
public interface IBlobStore
{
    bool Enabled { get; }

    Task PutAsync(string tenantId, Guid id, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The file, or null when there is none (erased, or never stored).</summary>
    Task<byte[]?> GetAsync(string tenantId, Guid id, CancellationToken cancellationToken);

    Task DeleteAsync(string tenantId, Guid id, CancellationToken cancellationToken);
}

/// <summary>
/// Files in a directory: <c>&lt;root&gt;/&lt;hash of the tenant&gt;/&lt;id&gt;</c>, readable by the owner
/// only, written to a temporary name and renamed, so a reader never sees half a file.
/// </summary>
public sealed class DirectoryBlobStore(string root) : IBlobStore
{
    public bool Enabled => true;

    public string Root { get; } = root;

    public async Task PutAsync(string tenantId, Guid id, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = PathOf(tenantId, id);
        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new FileStream(temporary, options))
        {
            await file.WriteAsync(content, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public async Task<byte[]?> GetAsync(string tenantId, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(PathOf(tenantId, id), cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task DeleteAsync(string tenantId, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            File.Delete(PathOf(tenantId, id)); // no error when the file is not there…
        }
        catch (DirectoryNotFoundException)
        {
            // …nor when the tenant never uploaded anything
        }

        return Task.CompletedTask;
    }

    // Tenant ids come from the API; hashed, they cannot name a path outside the root.
    private string PathOf(string tenantId, Guid id) =>
        Path.Combine(Root, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenantId)))[..32], id.ToString("N"));
}

/// <summary>No blob store: server mode without <c>TalentMatch:Blobs:Directory</c>.</summary>
public sealed class NoBlobStore : IBlobStore
{
    public bool Enabled => false;

    public Task PutAsync(string tenantId, Guid id, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No blob store is configured (TalentMatch:Blobs:Directory).");

    public Task<byte[]?> GetAsync(string tenantId, Guid id, CancellationToken cancellationToken) => Task.FromResult<byte[]?>(null);

    public Task DeleteAsync(string tenantId, Guid id, CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class BlobStoreExtensions
{
    public const string DirectorySetting = "TalentMatch:Blobs:Directory";

    /// <summary>
    /// The blob store every process that handles uploads shares: <c>TalentMatch:Blobs:Directory</c>
    /// when set (a volume shared by the api and ingestion processes); on SQLite, <c>blobs</c> under the
    /// data directory (all processes share that directory anyway); otherwise none.
    /// </summary>
    public static IHostApplicationBuilder AddBlobStore(this IHostApplicationBuilder builder)
    {
        var directory = builder.Configuration[DirectorySetting];
        if (string.IsNullOrWhiteSpace(directory) && DatabaseOptions.From(builder.Configuration).Provider == DatabaseProvider.Sqlite)
        {
            directory = Path.Combine(DataDirectory.Resolve(builder.Configuration), "blobs");
        }

        builder.Services.TryAddSingleton<IBlobStore>(string.IsNullOrWhiteSpace(directory)
            ? new NoBlobStore()
            : new DirectoryBlobStore(Path.GetFullPath(directory)));
        return builder;
    }
}
