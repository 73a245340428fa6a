using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TalentMatch.Hosting;

/// <summary>
/// The tenant the current request acts for; every endpoint takes it and every query filters on it.
/// Until API keys map callers to tenants (the REST API issue), every request acts for the
/// configured <c>TalentMatch:DefaultTenant</c> ("default"). Data is already stored and queried per
/// tenant, so keys will change who the caller is, not the queries: this is the one place to change.
/// </summary>
public sealed record Tenant(string Id)
{
    public const string DefaultId = "default";

    internal static void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddScoped(_ => new Tenant(configuration["TalentMatch:DefaultTenant"] ?? DefaultId));
}
