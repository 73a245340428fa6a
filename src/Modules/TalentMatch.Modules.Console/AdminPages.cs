using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Modules.Console.Pages;
using static TalentMatch.Modules.Console.ConsoleEndpoints;

namespace TalentMatch.Modules.Console;

/// <summary>
/// The admin's pages: API keys, webhooks and their recent deliveries. The API decides who may see them
/// (API keys: admin; webhooks: the webhooks scope, which admin implies): any other key gets its 403 as a page.
/// </summary>
public static class AdminPages
{
    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/api-keys", ApiKeysAsync);
        console.MapPost("/api-keys", CreateApiKeyAsync);
        console.MapGet("/webhooks", WebhooksAsync);
        console.MapPost("/webhooks", CreateWebhookAsync);
        console.MapGet("/webhooks/{id:guid}", DeliveriesAsync);
        console.MapPost("/webhooks/{id:guid}/delete", DeleteWebhookAsync);
    }

    /// <summary>The deliveries a webhook's page lists: the newest (the API pages the rest).</summary>
    public const int RecentDeliveries = 50;

    private const string WebhooksPath = "/console/webhooks";
    private const string ApiKeysPath = "/console/api-keys";

    private static async Task<IResult> WebhooksAsync(HttpContext context, ConsoleSession session, OneTimeSecret once, ConsoleApi api, CancellationToken cancellationToken) =>
        session.ApiKey(context) is { } key
            ? await WebhooksPageAsync(context, api, key, once.Take(context, WebhooksPath), null, cancellationToken)
            : SignedOut(context);

    /// <summary>The list and the form; <paramref name="newSecret"/> is the signing secret of a webhook just made, shown this once.</summary>
    private static async Task<IResult> WebhooksPageAsync(HttpContext context, ConsoleApi api, string key, string? newSecret, string? problem, CancellationToken cancellationToken)
    {
        var hooks = await api.GetAsync<WebhookList>(key, "/v1/webhooks", cancellationToken);
        return hooks.Ok
            ? Render<WebhooksPage>(context, parameters: new { Webhooks = hooks.Value!.Items, NewSecret = newSecret, Problem = problem },
                status: problem is null ? System.Net.HttpStatusCode.OK : System.Net.HttpStatusCode.BadRequest)
            : ApiError(context, hooks);
    }

    private static async Task<IResult> CreateWebhookAsync(HttpContext context, OneTimeSecret once, ConsoleApi api, CancellationToken cancellationToken)
    {
        var (key, form, refusal) = await SignedInFormAsync(context, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var created = await api.PostJsonAsync<CreatedWebhook>(key!, "/v1/webhooks", new { url = form!["url"].ToString(), events = form["events"].ToArray() }, cancellationToken);
        if (created.Ok)
        {
            once.Keep(context, WebhooksPath, created.Value!.Secret);
            return Results.Redirect(WebhooksPath);
        }

        // A URL the API refuses (not https, a private address, too many webhooks): said beside the form.
        return created.Status is System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.Conflict
            ? await WebhooksPageAsync(context, api, key!, null, created.Problem ?? ((int)created.Status).ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken)
            : ApiError(context, created);
    }

    private static async Task<IResult> DeliveriesAsync(HttpContext context, Guid id, ConsoleSession session, ConsoleApi api, CancellationToken cancellationToken)
    {
        if (session.ApiKey(context) is not { } key)
        {
            return SignedOut(context);
        }

        var hook = await api.GetAsync<WebhookInfo>(key, $"/v1/webhooks/{id}", cancellationToken);
        if (!hook.Ok)
        {
            return ApiError(context, hook);
        }

        var deliveries = await api.GetAsync<DeliveryPage>(key, $"/v1/webhooks/{id}/deliveries?limit={RecentDeliveries}", cancellationToken);
        return deliveries.Ok
            ? Render<WebhookPage>(context, parameters: new { Webhook = hook.Value, Deliveries = deliveries.Value!.Items })
            : ApiError(context, deliveries);
    }

    private static async Task<IResult> DeleteWebhookAsync(HttpContext context, Guid id, ConsoleApi api, CancellationToken cancellationToken)
    {
        var (key, _, refusal) = await SignedInFormAsync(context, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var deleted = await api.DeleteAsync(key!, $"/v1/webhooks/{id}", cancellationToken);
        return deleted.Status == System.Net.HttpStatusCode.NoContent ? Results.Redirect(WebhooksPath) : ApiError(context, deleted);
    }

    private static async Task<IResult> ApiKeysAsync(HttpContext context, ConsoleSession session, OneTimeSecret once, ConsoleApi api, CancellationToken cancellationToken)
    {
        if (session.ApiKey(context) is not { } key)
        {
            return SignedOut(context);
        }

        var keys = await api.GetAsync<ApiKeyList>(key, "/v1/api-keys", cancellationToken);
        return keys.Ok
            ? Render<ApiKeysPage>(context, parameters: new { Keys = keys.Value!.Items, NewKey = once.Take(context, ApiKeysPath) })
            : ApiError(context, keys);
    }

    private static async Task<IResult> CreateApiKeyAsync(HttpContext context, OneTimeSecret once, ConsoleApi api, CancellationToken cancellationToken)
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

        // Post, redirect, get: a reload of the page that shows the key must not make another one.
        once.Keep(context, ApiKeysPath, created.Value!.Key);
        return Results.Redirect(ApiKeysPath);
    }
}
