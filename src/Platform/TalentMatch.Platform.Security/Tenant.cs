using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Platform.Security;

namespace TalentMatch.Platform.Security;

/// <summary>
/// The tenant the current request acts for: the tenant of its API key. Every endpoint that
/// touches data takes it, and every query filters on it. Resolving it on a request that was not
/// authenticated is a programming error (an endpoint without a scope requirement), so it fails
/// closed instead of falling back to some tenant.
/// </summary>
public sealed record Tenant(string Id)
{
    internal static void Register(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped(provider =>
        {
            var user = provider.GetRequiredService<IHttpContextAccessor>().HttpContext?.User;
            var id = user?.FindFirstValue(TalentMatchClaims.Tenant);
            return id is null
                ? throw new InvalidOperationException("No authenticated tenant on this request: the endpoint must require a scope.")
                : new Tenant(id);
        });
    }
}
