using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Platform.Persistence;

/// <summary><c>TalentMatch:DataProtection</c>: where the key ring that encrypts secrets at rest is kept.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "TalentMatch:DataProtection";

    /// <summary>
    /// The key ring's directory. By default <c>keys</c> under the data directory (embedded mode).
    /// Every instance that reads what another wrote (all api instances, all notifications
    /// instances) must share it, and it must outlive the instances: losing it loses every
    /// secret it protects.
    /// </summary>
    public string? KeyDirectory { get; set; }
}

/// <summary>
/// ASP.NET Core Data Protection for secrets stored by the modules (webhook signing secrets,
/// responses kept for Idempotency-Key replays, which may carry new API keys and webhook secrets).
/// Registered here, beside the data directory it defaults to, so that any module can ask for it
/// without referencing another module. Data Protection creates a key on first use, rotates it
/// every 90 days and keeps retired keys to decrypt what they protected.
/// </summary>
public static class KeyRing
{
    /// <summary>Isolates TalentMatch's payloads and lets instances with other content roots share keys.</summary>
    public const string ApplicationName = "TalentMatch";

    /// <summary>Registers Data Protection with the key ring on disk (once per process, whichever modules ask).</summary>
    public static IHostApplicationBuilder AddTalentMatchDataProtection(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(KeyRingRegistered)))
        {
            return builder;
        }

        var options = builder.AddSettings<KeyRingOptions>(KeyRingOptions.Section);
        var directory = string.IsNullOrWhiteSpace(options.KeyDirectory)
            ? Path.Combine(DataDirectory.Resolve(builder.Configuration), "keys")
            : Path.GetFullPath(options.KeyDirectory);
        builder.Services.AddSingleton<KeyRingRegistered>();
        builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToFileSystem(new DirectoryInfo(directory));
        return builder;
    }

    private sealed class KeyRingRegistered;
}
