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

public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes);

public sealed record ApiKeyResponse(Guid Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>The key itself appears in this response only: it is not stored and cannot be shown again.</summary>
public sealed record CreatedApiKeyResponse(Guid Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, string Key);

public sealed record ApiKeyListResponse(IReadOnlyList<ApiKeyResponse> Items);

/// <summary><c>/v1/api-keys</c>: a tenant's admin creates, lists, revokes and rotates its keys.</summary>
internal sealed class ApiKeyEndpoints : IEndpointContributor
{
    public const int MaxNameLength = 100;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup("/v1/api-keys").WithTags("API keys").RequireScope(Scopes.Admin).ProducesAccessProblems();
        keys.MapPost("/", Create).WithName("CreateApiKey").WithIdempotency(responseHoldsSecret: true).WithSummary("Create an API key (its secret is returned once)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        keys.MapGet("/", List).WithName("ListApiKeys").WithSummary("List the tenant's API keys (without secrets)");
        keys.MapDelete("/{id:guid}", Revoke).WithName("RevokeApiKey").WithSummary("Revoke an API key")
            .ProducesProblem(StatusCodes.Status404NotFound);
        keys.MapPost("/{id:guid}/rotate", Rotate).WithName("RotateApiKey").WithIdempotency(responseHoldsSecret: true).WithSummary("Replace an API key by a new one with the same scopes")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<CreatedApiKeyResponse>, ProblemHttpResult>> Create(
        CreateApiKeyRequest request, Tenant tenant, ApiDbContext db, ApiKeyStore store, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return Problems.InvalidField($"'name' is required and at most {MaxNameLength} characters.");
        }

        var scopes = request.Scopes ?? [];
        var unknown = scopes.Where(s => !Scopes.IsKnown(s)).ToArray();
        if (scopes.Count == 0 || unknown.Length > 0)
        {
            return Problems.InvalidField($"'scopes' must list one or more of: {string.Join(", ", Scopes.All)}."
                + (unknown.Length > 0 ? $" Unknown: {string.Join(", ", unknown)}." : ""));
        }

        var created = store.Create(db, tenant.Id, name, scopes);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/v1/api-keys/{created.Key.Id}", ToCreatedResponse(created));
    }

    private static async Task<Ok<ApiKeyListResponse>> List(Tenant tenant, ApiDbContext db, CancellationToken cancellationToken)
    {
        var keys = await db.ApiKeys.AsNoTracking()
            .Where(k => k.TenantId == tenant.Id)
            .OrderBy(k => k.Id) // version-7 ids sort by creation time
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ApiKeyListResponse([.. keys.Select(ToResponse)]));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        Guid id, Tenant tenant, ApiDbContext db, ApiKeyStore store, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.TenantId == tenant.Id, cancellationToken);
        if (key is null)
        {
            return Problems.NotFound("API key", id);
        }

        store.Revoke(key);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Replaces a key by a new one with the same name and scopes; the old one stops working at once.</summary>
    private static async Task<Results<Created<CreatedApiKeyResponse>, ProblemHttpResult>> Rotate(
        Guid id, Tenant tenant, ApiDbContext db, ApiKeyStore store, CancellationToken cancellationToken)
    {
        var old = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.TenantId == tenant.Id && k.RevokedAt == null, cancellationToken);
        if (old is null)
        {
            return Problems.NotFound("active API key", id);
        }

        var created = store.Create(db, tenant.Id, old.Name, old.ScopeSet);
        store.Revoke(old);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/v1/api-keys/{created.Key.Id}", ToCreatedResponse(created));
    }

    private static ApiKeyResponse ToResponse(ApiKey key) =>
        new(key.Id, key.Name, [.. key.ScopeSet.Order(StringComparer.Ordinal)], key.CreatedAt, key.RevokedAt);

    private static CreatedApiKeyResponse ToCreatedResponse(CreatedApiKey created) =>
        new(created.Key.Id, created.Key.Name, [.. created.Key.ScopeSet.Order(StringComparer.Ordinal)], created.Key.CreatedAt, created.Secret);
}
