using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TalentMatch.Platform.Security;

/// <summary>
/// Anonymised ("blind") screening (docs/responsible-matching.md#anonymised-screening): the tenant's setting travels
/// on the request's key as a claim (the api service reads it with the key, so every module serving a recruiter sees
/// it without asking the api), and a request may ask for it with <c>anonymised=true</c>.
/// </summary>
public static class Anonymisation
{
    /// <summary>Claim values: the tenant anonymises, without or with school names and prestige tags.</summary>
    public const string On = "on";
    public const string WithSchools = "schools";

    /// <summary>The claim's value for a tenant's setting; null when it is off.</summary>
    public static string? ClaimValue(bool enabled, bool schools) => !enabled ? null : schools ? WithSchools : On;

    /// <summary>
    /// How this request reads resumes: anonymised when the tenant's setting is on or the request asks for it
    /// (<paramref name="requested"/> true). Null when the request asks for <c>anonymised=false</c> under the setting: a
    /// recruiter sees a person by revealing that candidate (<c>POST /v1/candidates/{id}/reveal</c>, recorded), not by a
    /// flag; answer it with <see cref="Refused"/>.
    /// </summary>
    public static ReadAnonymity? Resolve(ClaimsPrincipal user, bool? requested)
    {
        var setting = user.FindFirstValue(TalentMatchClaims.Anonymise);
        if (setting is not null && requested is false) return null;
        return setting is null && requested is not true ? ReadAnonymity.None : new ReadAnonymity(true, setting == WithSchools);
    }

    /// <summary>The 403 problem for <c>anonymised=false</c> under the tenant's setting.</summary>
    public static ProblemHttpResult Refused() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, type: "urn:talentmatch:problem:anonymised", title: "Anonymised screening is on",
            detail: "This tenant screens candidates anonymised; 'anonymised=false' is not allowed. Reveal one candidate with POST /v1/candidates/{id}/reveal (recorded).");
}

/// <summary>Whether a read hides the person, and whether school names and prestige tags go with them.</summary>
public sealed record ReadAnonymity(bool Anonymised, bool Schools)
{
    public static readonly ReadAnonymity None = new(false, false);
}
