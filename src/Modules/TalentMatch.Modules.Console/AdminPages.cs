using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Modules.Console.Pages;
using static TalentMatch.Modules.Console.ConsoleEndpoints;

namespace TalentMatch.Modules.Console;

/// <summary>The admin's pages. The API decides who may see them: a key without the admin scope gets its 403 as a page.</summary>
public static class AdminPages
{
    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/api-keys", ApiKeysAsync);
        console.MapPost("/api-keys", CreateApiKeyAsync);
    }

    private static async Task<IResult> ApiKeysAsync(HttpContext context, ConsoleSession session, ConsoleApi api, CancellationToken cancellationToken)
    {
        if (session.ApiKey(context) is not { } key)
        {
            return SignedOut(context);
        }

        var keys = await api.GetAsync<ApiKeyList>(key, "/v1/api-keys", cancellationToken);
        return keys.Ok ? Render<ApiKeysPage>(context, parameters: new { Keys = keys.Value!.Items }) : ApiError(context, keys);
    }

    private static async Task<IResult> CreateApiKeyAsync(HttpContext context, ConsoleApi api, CancellationToken cancellationToken)
    {
        var (key, form, refusal) = await SignedInFormAsync(context, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var created = await api.PostJsonAsync<CreatedApiKey>(key!, "/v1/api-keys", new { name = form!["name"].ToString(), scopes = form["scopes"].ToArray() }, cancellationToken);
        if (!created.Ok)
        {
            return ApiError(context, created);
        }

        var keys = await api.GetAsync<ApiKeyList>(key!, "/v1/api-keys", cancellationToken);
        return keys.Ok ? Render<ApiKeysPage>(context, parameters: new { Keys = keys.Value!.Items, Created = created.Value }) : ApiError(context, keys);
    }
}
