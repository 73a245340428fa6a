using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Modules.Api.Access;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Api.Endpoints;

/// <summary>Anonymised ("blind") screening in the tenant.</summary>
/// <param name="Enabled">Recruiters' reads of resumes hide names, contact details, addresses, photos' descriptions, birth dates and ages, gender words, marital status and origin behind placeholders until a candidate is revealed.</param>
/// <param name="Schools">With <paramref name="Enabled"/>: school names and prestige tags (985/211, 双一流, Ivy League) are hidden too.</param>
public sealed record AnonymisationSettings(bool Enabled = false, bool Schools = false);

/// <summary>
/// <c>/v1/settings/anonymisation</c>: the tenant's anonymised screening. The setting travels with the tenant's keys
/// (<see cref="Anonymisation"/>): in this process it applies from the next request, in other processes within
/// <see cref="BusApiKeyValidator.CacheFor"/>.
/// </summary>
internal sealed class AnonymisationSettingsEndpoints : IEndpointContributor
{
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var settings = endpoints.MapGroup("/v1/settings/anonymisation").WithTags("Settings").RequireScope(Scopes.Admin).ProducesAccessProblems();
        settings.MapGet("/", GetAsync).WithName("GetAnonymisationSettings").WithSummary("Whether the tenant screens candidates anonymised");
        settings.MapPut("/", PutAsync).WithName("SetAnonymisationSettings").WithSummary("Turn anonymised screening on or off, with or without schools");
    }

    private static async Task<Ok<AnonymisationSettings>> GetAsync(Tenant tenant, ApiDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Tenants.AsNoTracking().Where(t => t.Id == tenant.Id)
            .Select(t => new AnonymisationSettings(t.Anonymised, t.Anonymised && t.AnonymiseSchools)).SingleAsync(cancellationToken));

    private static async Task<Ok<AnonymisationSettings>> PutAsync(
        AnonymisationSettings request, Tenant tenant, ApiDbContext db, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        var account = await db.Tenants.SingleAsync(t => t.Id == tenant.Id, cancellationToken);
        account.Anonymised = request.Enabled;
        account.AnonymiseSchools = request.Enabled && request.Schools;
        await db.SaveChangesAsync(cancellationToken);
        await keys.ForgetTenantAsync(db, tenant.Id, cancellationToken);
        return TypedResults.Ok(new AnonymisationSettings(account.Anonymised, account.AnonymiseSchools));
    }
}
