using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TalentMatch.Modules.Api.Persistence;

namespace TalentMatch.Modules.Api.Access;

/// <summary>How the first tenant and its first key come to exist.</summary>
public static class ApiBootstrap
{
    public const string EmbeddedTenantId = "default";
    public const string AdminKeyFileName = "admin-key.txt";

    /// <summary>
    /// Embedded mode, first start: creates tenant <c>default</c> and writes its admin key to
    /// <c>&lt;data directory&gt;/admin-key.txt</c> (owner-only permissions), so that one command
    /// gives a working system. Server databases are bootstrapped explicitly with
    /// <c>TalentMatch.Server bootstrap &lt;tenant-id&gt;</c>.
    /// </summary>
    public static async Task EnsureEmbeddedTenantAsync(IServiceProvider services, string dataDirectory, ILogger logger, CancellationToken cancellationToken = default)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<ApiDbContext>().Tenants.AnyAsync(cancellationToken))
            {
                return;
            }
        }

        var created = await services.GetRequiredService<ApiKeyStore>().CreateTenantAsync(EmbeddedTenantId, "Default tenant", cancellationToken);
        var path = Path.Combine(dataDirectory, AdminKeyFileName);
        await File.WriteAllTextAsync(path, created.Secret + "\n", cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        logger.LogWarning("Created tenant '{Tenant}'. Its admin API key is in {Path} and nowhere else.", EmbeddedTenantId, path);
    }
}
