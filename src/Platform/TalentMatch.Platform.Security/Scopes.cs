namespace TalentMatch.Platform.Security;

/// <summary>
/// What an API key may do. A key carries a set of scopes; <see cref="Admin"/> implies every other
/// scope (a tenant's first key is an admin key: it creates the narrower ones).
/// </summary>
public static class Scopes
{
    public const string CandidatesWrite = "candidates:write";
    public const string CandidatesRead = "candidates:read";
    public const string JobsWrite = "jobs:write";
    public const string Search = "search";
    public const string Webhooks = "webhooks";

    /// <summary>Read the record of every score served, verify its hash chain (docs/responsible-matching.md): all of a tenant's served scores, so not part of <see cref="Search"/>.</summary>
    public const string Audit = "audit";

    /// <summary>
    /// Attach, read and remove candidates' self-identified demographic categories (for bias audits only): a separate
    /// right, so that neither recruiters' keys nor auditors' keys read one person's categories.
    /// </summary>
    public const string Demographics = "demographics";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [CandidatesWrite, CandidatesRead, JobsWrite, Search, Webhooks, Audit, Demographics, Admin];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}

/// <summary>Claim types the API-key handler puts on the request's user.</summary>
public static class TalentMatchClaims
{
    public const string Tenant = "tenant";
    public const string KeyId = "key_id";
    public const string Scope = "scope";

    /// <summary>A portal link's candidate (see <see cref="ApiKeyIdentity.Candidate"/>); API keys never carry it.</summary>
    public const string Candidate = "candidate";

    /// <summary>The tenant's anonymised-screening setting (<see cref="Anonymisation"/>): absent when it is off.</summary>
    public const string Anonymise = "anonymise";
}
