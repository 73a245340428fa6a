using System.Buffers.Binary;
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

    /// <summary>Whether a lookup key is a name with an employer's.</summary>
    public static bool IsNameKey(string key) => key.StartsWith("n:", StringComparison.Ordinal);

    /// <summary>
    /// How much sharing a lookup key says that two resumes are one person's, to rank the candidates that share keys with a
    /// resume when more than <see cref="DuplicateIndex.MaxComparisons"/> do: an e-mail or phone outweighs every name with
    /// employer together (at most <see cref="MaxValuesPerKind"/>), and one name with employer outweighs all the text
    /// bands (<see cref="TextSignature.Bands"/>). So the candidates scored are the strongest evidence first, never an
    /// arbitrary first few of those sharing a weak key.
    /// </summary>
    public static int Evidence(string key) => IsContactKey(key) ? ContactEvidence : IsNameKey(key) ? NameEvidence : BandEvidence;

    /// <summary>The weights of <see cref="Evidence"/>, which the api's SQL ranking uses too.</summary>
    public const int ContactEvidence = 1000, NameEvidence = 50, BandEvidence = 1;

    private const byte PackFormat = 1;

    private const int HashBytes = HashLength / 2;

    /// <summary>
    /// The fingerprint as compact bytes, for a binary column that detection reads for every candidate it scores:
    /// a format byte, the four counts and whether a signature follows, each hash as its 16 bytes, then the
    /// signature's 64-bit values (little-endian). About 550 bytes, against some 1,700 as JSON, and read without a parser.
    /// </summary>
    public byte[] Pack()
    {
        var hashes = Emails.Count + Phones.Count + (Name is null ? 0 : 1) + Employers.Count;
        var packed = new byte[6 + hashes * HashBytes + Signature.Count * sizeof(ulong)];
        packed[0] = PackFormat;
        packed[1] = checked((byte)Emails.Count);
        packed[2] = checked((byte)Phones.Count);
        packed[3] = Name is null ? (byte)0 : (byte)1;
        packed[4] = checked((byte)Employers.Count);
        packed[5] = checked((byte)Signature.Count);
        var at = 6;
        foreach (var hash in Emails.Concat(Phones).Concat(Name is null ? [] : [Name]).Concat(Employers))
        {
            // Every hash here is HashLength lower-case hex digits (Hash, or FromHashes's check): a malformed one throws.
            Convert.FromHexString(hash, packed.AsSpan(at, HashBytes), out _, out var written);
            if (written != HashBytes)
            {
                throw new ArgumentException($"Not a fingerprint hash: '{hash}'.");
            }

            at += HashBytes;
        }

        foreach (var value in Signature)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(packed.AsSpan(at), value);
            at += sizeof(ulong);
        }

        return packed;
    }

    /// <summary>A fingerprint from <see cref="Pack"/>'s bytes.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a packed fingerprint (another format, cut short, or too long).</exception>
    public static DuplicateFingerprint Unpack(ReadOnlySpan<byte> packed)
    {
        if (packed.Length < 6 || packed[0] != PackFormat || packed[3] > 1)
        {
            throw new InvalidDataException("Not a packed duplicate fingerprint.");
        }

        var hashes = packed[1] + packed[2] + packed[3] + packed[4];
        if (packed.Length != 6 + hashes * HashBytes + packed[5] * sizeof(ulong))
        {
            throw new InvalidDataException("A packed duplicate fingerprint has the wrong length.");
        }

        var at = 6;
        var emails = ReadHashes(packed, ref at, packed[1]);
        var phones = ReadHashes(packed, ref at, packed[2]);
        var name = packed[3] == 1 ? ReadHashes(packed, ref at, 1)[0] : null;
        var employers = ReadHashes(packed, ref at, packed[4]);
        var signature = new ulong[packed[5]];
        for (var i = 0; i < signature.Length; i++, at += sizeof(ulong))
        {
            signature[i] = BinaryPrimitives.ReadUInt64LittleEndian(packed[at..]);
        }

        return new DuplicateFingerprint(emails, phones, name, employers, signature);
    }

    private static string[] ReadHashes(ReadOnlySpan<byte> packed, ref int at, int count)
    {
        var hashes = new string[count];
        for (var i = 0; i < count; i++, at += HashBytes)
        {
            hashes[i] = Convert.ToHexStringLower(packed.Slice(at, HashBytes));
        }

        return hashes;
    }

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
