using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Modules.Console.Pages;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Console;

/// <summary>
/// The console's routes. Each page is one Razor component under <c>Pages/</c>; its handler here
/// (or in <see cref="RecruiterPages"/>, <see cref="AdminPages"/>) calls the API and renders it.
/// Not in the OpenAPI document: these are pages, not the API.
/// </summary>
public sealed class ConsoleEndpoints : IEndpointContributor
{
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var console = endpoints.MapGroup("/console").ExcludeFromDescription().AddEndpointFilter(SecurityHeaders)
            .AddEndpointFilter(SavedSearchPages.CountNewAlertsAsync);
        console.MapGet("/", (HttpContext context, ConsoleSession session) =>
            Results.Redirect(session.ApiKey(context) is null ? "/console/sign-in" : "/console/search"));
        console.MapGet("/sign-in", (HttpContext context) => Render<SignInPage>(context, signedIn: false));
        console.MapPost("/sign-in", SignInAsync);
        console.MapPost("/sign-out", (Delegate)SignOutAsync);
        console.MapGet("/language", Language);
        console.MapGet("/assets/{name}", Asset);
        console.MapGet("/status/{kind}/{id:guid}", StatusAsync);
        RecruiterPages.Map(console);
        SavedSearchPages.Map(console);
        AdminPages.Map(console);
        PortalPages.Map(console);
        JobEditing.Map(console);
        MatchDecisions.Map(console);
        console.MapFallback((HttpContext context) => ErrorPage(context, HttpStatusCode.NotFound));
    }

    /// <summary>Renders a page, with the language, form token and sign-in state every page needs.</summary>
    public static IResult Render<TPage>(HttpContext context, bool signedIn = true, object? parameters = null, HttpStatusCode status = HttpStatusCode.OK)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal) { ["Page"] = ConsolePage.For(context, signedIn) };
        if (parameters is not null)
        {
            foreach (var property in parameters.GetType().GetProperties())
            {
                values[property.Name] = property.GetValue(parameters);
            }
        }

        return new RazorComponentResult<TPage>(values) { StatusCode = (int)status };
    }

    /// <summary>The page for an API status the console does not handle itself (401 ends the session).</summary>
    public static IResult ApiError<T>(HttpContext context, ApiResult<T> result) => result.Status switch
    {
        HttpStatusCode.Unauthorized => SignedOut(context),
        HttpStatusCode.NotFound or HttpStatusCode.Forbidden => ErrorPage(context, result.Status),
        _ => Render<ErrorPage>(context, parameters: new { Status = result.Status, Message = result.Problem }, status: result.Status),
    };

    public static IResult ErrorPage(HttpContext context, HttpStatusCode status, string? message = null) =>
        Render<ErrorPage>(context, signedIn: context.RequestServices.GetRequiredService<ConsoleSession>().ApiKey(context) is not null,
            parameters: new { Status = status, Message = message }, status: status);

    /// <summary>No session (or a key the API no longer accepts): back to the sign-in page.</summary>
    public static IResult SignedOut(HttpContext context)
    {
        ConsoleSession.SignOut(context);
        return Results.Redirect("/console/sign-in");
    }

    /// <summary>
    /// Every form carries the antiforgery token; a post without a valid one is refused before its
    /// fields are read (the session cookie is also SameSite=Strict: this is the second lock).
    /// </summary>
    public static async Task<IResult?> RefuseForgedFormAsync(HttpContext context)
    {
        if (await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            return null;
        }

        return ErrorPage(context, HttpStatusCode.BadRequest, "csrf");
    }

    /// <summary>A form posted in a session: the session's key and the fields, or the page that refuses it (no session, no valid token).</summary>
    public static async Task<(string? Key, IFormCollection? Fields, IResult? Refusal)> SignedInFormAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.RequestServices.GetRequiredService<ConsoleSession>().ApiKey(context) is not { } key)
        {
            return (null, null, SignedOut(context));
        }

        if (await RefuseForgedFormAsync(context) is { } refused)
        {
            return (null, null, refused);
        }

        return (key, await context.Request.ReadFormAsync(cancellationToken), null);
    }

    private static async Task<IResult> SignInAsync(HttpContext context, ConsoleSession session, ConsoleApi api, CancellationToken cancellationToken)
    {
        if (await RefuseForgedFormAsync(context) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var key = form["key"].ToString().Trim();
        if (key.Length is > 0 and <= ConsoleSession.MaxKeyLength)
        {
            // Any authenticated call proves the key: every scope may read the skill taxonomy.
            var probe = await api.GetAsync<JsonElement>(key, "/v1/skills?limit=1", cancellationToken);
            if (probe.Ok)
            {
                session.SignIn(context, key);
                return Results.Redirect("/console/search", preserveMethod: false);
            }
        }

        return Render<SignInPage>(context, signedIn: false, parameters: new { Invalid = true }, status: HttpStatusCode.Unauthorized);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        if (await RefuseForgedFormAsync(context) is { } refused)
        {
            return refused;
        }

        return SignedOut(context);
    }

    /// <summary>The language switch: remembered in a cookie, then back to the page (only a console page).</summary>
    private static IResult Language(HttpContext context, string? to, string? back)
    {
        if (Ui.FromCode(to) is { } ui)
        {
            context.Response.Cookies.Append(Ui.CookieName, ui.Language, new CookieOptions
            {
                Path = ConsoleSession.CookiePath, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365), IsEssential = true,
            });
        }

        var local = back is not null && back.StartsWith("/console", StringComparison.Ordinal) && !back.StartsWith("//", StringComparison.Ordinal) && !back.Contains('\\');
        return Results.Redirect(local ? back! : "/console");
    }

    /// <summary>A document's pipeline status, for the page script that follows uploads until they settle.</summary>
    private static async Task<IResult> StatusAsync(HttpContext context, string kind, Guid id, ConsoleSession session, ConsoleApi api, CancellationToken cancellationToken)
    {
        if (session.ApiKey(context) is not { } key)
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        if (kind is not ("candidates" or "jobs"))
        {
            return Results.NotFound();
        }

        var ui = Ui.For(context.Request);
        var document = await api.GetAsync<DocumentDetail>(key, $"/v1/{kind}/{id}", cancellationToken);
        return document.Ok
            ? Results.Json(new { status = document.Value!.Status, label = ui.Status(document.Value.Status), reason = document.Value.Rejection?.Detail })
            : Results.StatusCode((int)document.Status);
    }

    private static IResult Asset(string name)
    {
        var stream = typeof(ConsoleEndpoints).Assembly.GetManifestResourceStream("console-assets/" + name);
        if (stream is null)
        {
            return Results.NotFound();
        }

        var type = name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
        return Results.Stream(stream, type, lastModified: null, entityTag: null);
    }

    /// <summary>
    /// Pages hold personal data: never cached, never framed, no third-party anything (CSP), and no
    /// Referer leaves them (a search's words would otherwise travel with a link).
    /// </summary>
    private static ValueTask<object?> SecurityHeaders(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var headers = invocation.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = invocation.HttpContext.Request.Path.StartsWithSegments("/console/assets") ? "public, max-age=3600" : "no-cache, no-store";
        headers.Pragma = "no-cache"; // what antiforgery sets on pages with a form token; set here so that it does not warn each time
        return next(invocation);
    }
}
