using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Modules.Console.Pages;
using static TalentMatch.Modules.Console.ConsoleEndpoints;

namespace TalentMatch.Modules.Console;

/// <summary>
/// The candidate portal (docs/adr/0009-console.md, addendum): a candidate opens the link a recruiter
/// or integrator made for them and reads, in their language, the open roles that fit them and what
/// they lack for one. The pages call the API's <c>/v1/portal</c> endpoints with the link's token,
/// which reads as that one candidate and nothing else; the console adds no right of its own.
/// </summary>
public static class PortalPages
{
    /// <summary>Why a portal page cannot show anything: the link is not (or no longer) valid, or none was opened.</summary>
    public enum Refusal
    {
        InvalidLink,
        NoLink,
        NotFound,
    }

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/portal/open/{token}", OpenAsync);
        console.MapGet("/portal", RolesAsync);
        console.MapGet("/portal/roles/{jobId:guid}", GapsAsync);
    }

    /// <summary>
    /// Opening the link: the token is checked with the API, then kept in the portal's cookie and the
    /// browser sent on to an address without it (out of the address bar, history and any shared screen).
    /// </summary>
    private static async Task<IResult> OpenAsync(HttpContext context, string token, PortalSession session, ConsoleApi api, CancellationToken cancellationToken)
    {
        if (token.Length > EncryptedCookie.MaxKeyLength)
        {
            return Refused(context, Refusal.InvalidLink);
        }

        var roles = await api.GetAsync<PortalRoles>(token, "/v1/portal/roles", cancellationToken);
        if (roles.Status == HttpStatusCode.Unauthorized)
        {
            return Refused(context, Refusal.InvalidLink);
        }

        session.Open(context, token);
        return Results.Redirect("/console/portal");
    }

    private static async Task<IResult> RolesAsync(HttpContext context, PortalSession session, ConsoleApi api, CancellationToken cancellationToken)
    {
        if (session.Token(context) is not { } token)
        {
            return Refused(context, Refusal.NoLink);
        }

        var roles = await api.GetAsync<PortalRoles>(token, "/v1/portal/roles", cancellationToken);
        return roles switch
        {
            { Ok: true } => Render<PortalPage>(context, signedIn: false, parameters: new { Roles = roles.Value }),
            // The candidate is known but not processed for matching yet.
            { Status: HttpStatusCode.NotFound } => Render<PortalPage>(context, signedIn: false),
            _ => Failed(context, roles),
        };
    }

    private static async Task<IResult> GapsAsync(HttpContext context, Guid jobId, PortalSession session, ConsoleApi api, CancellationToken cancellationToken)
    {
        if (session.Token(context) is not { } token)
        {
            return Refused(context, Refusal.NoLink);
        }

        var gap = await api.GetAsync<PortalGap>(token, $"/v1/portal/roles/{jobId}/gaps", cancellationToken);
        return gap.Ok
            ? Render<PortalGapPage>(context, signedIn: false, parameters: new { Gap = gap.Value })
            : Failed(context, gap);
    }

    /// <summary>What the API refused: a link it no longer accepts ends the portal session; anything else is its message.</summary>
    private static IResult Failed<T>(HttpContext context, ApiResult<T> result)
    {
        switch (result.Status)
        {
            case HttpStatusCode.Unauthorized:
                PortalSession.Close(context);
                return Refused(context, Refusal.InvalidLink);
            case HttpStatusCode.NotFound:
                return Refused(context, Refusal.NotFound);
            default:
                return Render<ErrorPage>(context, signedIn: false, parameters: new { Status = result.Status, Message = result.Problem, Portal = true }, status: result.Status);
        }
    }

    private static IResult Refused(HttpContext context, Refusal refusal) =>
        Render<PortalRefusedPage>(context, signedIn: false, parameters: new { Refusal = refusal },
            status: refusal == Refusal.NotFound ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
}
