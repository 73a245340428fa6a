using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TalentMatch.Core.Documents.Duplicates;

/// <summary>
/// What duplicate detection keeps of a resume: keyed hashes of its normalised contact details,
/// name and employers, never the clear values, and the MinHash <see cref="Signature"/> of its text.
/// The hashes are keyed by the tenant, so the same e-mail hashes differently in two tenants and a
/// stored fingerprint links nobody across them. Nothing here is reversible short of guessing the
/// clear value, but it is still personal data: it is erased with the candidate.
/// </summary>
public sealed record DuplicateFingerprint(
    IReadOnlyList<string> Emails,
    IReadOnlyList<string> Phones,
    string? Name,
    IReadOnlyList<string> Employers,
    IReadOnlyList<ulong> Signature)
{
    /// <summary>Contact details, employers read at most: a resume lists a few; a hostile one is cut off here.</summary>
    public const int MaxValuesPerKind = 8;

    /// <summary>The longest lookup key (<see cref="LookupKeys"/>): a prefix of up to 4 characters and 32 hex digits.</summary>
    public const int MaxKeyLength = 36;

    public static DuplicateFingerprint Create(string tenantId, string text, ParsedResume? parsed) =>
        ContactsOf(tenantId, parsed) with { Signature = TextSignature.Compute(text) };

    /// <summary>
    /// The keyed hashes of a parsed resume's contact details, name and employers, without a text signature:
    /// what ingestion, which parses the resume anyway, sends with <c>ResumeParsed</c>, so that detection does not parse it again.
    /// </summary>
    public static DuplicateFingerprint ContactsOf(string tenantId, ParsedResume? parsed)
    {
        var contact = parsed?.Contact;
        return new DuplicateFingerprint(
            Hashes(tenantId, "email", contact?.Emails.Select(ContactNormalizer.Email)),
            Hashes(tenantId, "phone", contact?.Phones.Select(ContactNormalizer.Phone)),
            ContactNormalizer.Name(contact?.Name) is { } name ? Hash(tenantId, "name", name) : null,
            Hashes(tenantId, "employer", parsed?.WorkHistory.Select(w => ContactNormalizer.Employer(w.Employer))),
            []);
    }

    /// <summary>
    /// A fingerprint from hashes <see cref="ContactsOf"/> made elsewhere (ingestion's, off the bus) and the text.
    /// A value that is not such a hash is dropped and each kind is cut at <see cref="MaxValuesPerKind"/>: the
    /// message is read as untrusted input, and a malformed one only finds fewer duplicates.
    /// </summary>
    public static DuplicateFingerprint FromHashes(
        IEnumerable<string>? emails, IEnumerable<string>? phones, string? name, IEnumerable<string>? employers, string text) => new(
        Valid(emails), Valid(phones), IsHash(name) ? name : null, Valid(employers), TextSignature.Compute(text));

    private const int HashLength = 32;

    private static bool IsHash(string? value) =>
        value is { Length: HashLength } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static string[] Valid(IEnumerable<string>? hashes) =>
        hashes is null ? [] : [.. hashes.Where(IsHash).Distinct(StringComparer.Ordinal).Take(MaxValuesPerKind)];

    /// <summary>How long reading a resume's contact details for a fingerprint may take; beyond it the text's signature alone is kept.</summary>
    public static readonly TimeSpan ParseDeadline = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Reads the contact details, name and employers within <see cref="ParseDeadline"/>; null (with the
    /// <paramref name="failure"/>'s type name) when the text defeats the parser: its signature still finds its duplicates.
    /// </summary>
    public static ParsedResume? ParseWithin(string text, DateOnly referenceDate, CancellationToken cancellationToken, out string? failure)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ParseDeadline);
        try
        {
            failure = null;
            return ResumeParser.Parse(text, referenceDate, deadline.Token);
        }
        catch (Exception e) when (e is ArgumentException or System.Text.RegularExpressions.RegexMatchTimeoutException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            failure = e.GetType().Name;
            return null;
        }
    }

    /// <summary>
    /// The keys under which this resume is found by the ones that may duplicate it: each e-mail and
    /// phone, name with each employer, and each band of the text signature. A pair that shares no
    /// key is never compared, which keeps detection an indexed lookup at any number of candidates.
    /// </summary>
    public IEnumerable<string> LookupKeys()
    {
        foreach (var email in Emails)
        {
            yield return "e:" + email;
        }

        foreach (var phone in Phones)
        {
            yield return "p:" + phone;
        }

        if (Name is not null)
        {
            foreach (var employer in Employers)
            {
                yield return "n:" + Combine(Name, employer);
            }
        }

        var band = 0;
        foreach (var hash in TextSignature.BandHashes(Signature))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"t{band++:D2}:{hash:x16}");
        }
    }

    /// <summary>Whether a lookup key is an e-mail's or a phone's: one that, held by many, is an agency's or a placeholder, not a person's.</summary>
    public static bool IsContactKey(string key) => key.StartsWith("e:", StringComparison.Ordinal) || key.StartsWith("p:", StringComparison.Ordinal);

    private static string Hash(string tenantId, string kind, string value)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{tenantId}\0{kind}\0{value}"));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 16));
    }

    private static string Combine(string a, string b) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(a + b)).AsSpan(0, 16));

    private static string[] Hashes(string tenantId, string kind, IEnumerable<string?>? values) =>
        values is null ? [] : [.. values.OfType<string>().Distinct(StringComparer.Ordinal).Take(MaxValuesPerKind).Select(v => Hash(tenantId, kind, v))];
}
