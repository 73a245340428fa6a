namespace TalentMatch.Modules.Api.Persistence;

/// <summary>
/// Why a resume may be processed at all: the lawful basis the submitting company claims (GDPR
/// Art. 6(1); PIPL Art. 13 has the same shape), where the person gave it, when, and until when.
/// Stored with the candidate, returned by <c>GET</c> and the export, erased with it; the retention
/// sweep erases the candidate when <see cref="ExpiresAt"/> passes.
/// </summary>
public sealed class ConsentRecord
{
    public const int MaxSourceLength = 200;

    /// <summary>One of <see cref="LawfulBasis.All"/>.</summary>
    public required string Basis { get; set; }

    /// <summary>Where it was given, in the submitter's words ("careers page form v3", "agency Acme").</summary>
    public string? Source { get; set; }

    public DateTimeOffset GivenAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>The lawful bases a submission may name (GDPR Art. 6(1) a–f, in its order).</summary>
public static class LawfulBasis
{
    public const string Consent = "consent";
    public const string Contract = "contract";
    public const string LegalObligation = "legal-obligation";
    public const string VitalInterests = "vital-interests";
    public const string PublicTask = "public-task";
    public const string LegitimateInterests = "legitimate-interests";

    public static readonly IReadOnlyList<string> All = [Consent, Contract, LegalObligation, VitalInterests, PublicTask, LegitimateInterests];
}
