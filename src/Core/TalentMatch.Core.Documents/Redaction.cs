namespace TalentMatch.Core.Documents;

/// <summary>What a span of a resume says about its person, and the placeholder that replaces it on an anonymised read.</summary>
public enum IdentityKind
{
    Name,
    Email,
    Phone,
    /// <summary>Profile and portfolio links (they carry the name: linkedin.com/in/jane-doe).</summary>
    Link,
    Address,
    Age,
    BirthDate,
    Gender,
    MaritalStatus,
    /// <summary>A photo's description or alt text.</summary>
    Photo,
    /// <summary>Nationality, citizenship, religion, ethnic group, political affiliation, native place (籍贯).</summary>
    Origin,
    /// <summary>School names and prestige tags (985/211, 双一流, Ivy League): only when <see cref="RedactionOptions.Schools"/>.</summary>
    School,
}

/// <summary><c>[Start, End)</c> of a text that identifies the person, and what it is.</summary>
public sealed record IdentitySpan(int Start, int End, IdentityKind Kind);

/// <summary>Which optional kinds an anonymised read hides besides the person's identity.</summary>
/// <param name="Schools">School names and prestige tags (a tenant setting: they say little about skill and much about background).</param>
/// <param name="Addresses">Labelled address lines (always on a read; off for the embedding text, fixed before addresses were found).</param>
public sealed record RedactionOptions(bool Schools = false, bool Addresses = true)
{
    public static readonly RedactionOptions Default = new();

    internal static readonly RedactionOptions ForEmbedding = new(Schools: false, Addresses: false);
}

/// <summary>
/// A resume's text with its identity replaced by placeholders (<c>[name]</c>, <c>[email]</c>, …), and the map from
/// offsets in the original text to offsets in this one: evidence spans and highlights found in the original still
/// point at the same words after <see cref="Map"/>.
/// </summary>
public sealed class RedactedText
{
    private readonly IReadOnlyList<IdentitySpan> _spans;
    private readonly IdentityMap _map;

    private readonly string _original;

    internal RedactedText(string original, string text, IReadOnlyList<IdentitySpan> spans)
    {
        _original = original;
        Text = text;
        _spans = spans;
        _map = new IdentityMap(spans);
    }

    public string Text { get; }

    /// <summary>What was replaced, in the original text's offsets.</summary>
    public IReadOnlyList<IdentitySpan> Spans => _spans;

    /// <summary>
    /// Where <c>[start, end)</c> of the original text is in <see cref="Text"/>; null when it touches a redacted span
    /// (an evidence span that quotes the person's name is identity, not skill, and is not shown).
    /// </summary>
    public (int Start, int End)? Map(int start, int end) => _map.Map(start, end);

    /// <summary>
    /// A fragment of the original text (a search snippet or highlight, possibly HTML-encoded with <c>&lt;em&gt;</c> marks,
    /// line breaks turned into spaces, cut at either end) with the same identity replaced: every value the document's
    /// spans cover (a name also word by word, since a highlight can mark one of its words), a value cut at the
    /// fragment's start or end, and the patterns that need no context (e-mails, ages, gendered words).
    /// </summary>
    public string RedactFragment(string fragment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        var values = _values ??= Values();
        foreach (var (value, kind) in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            fragment = ReplaceWhole(fragment, value, Redaction.Placeholder(kind));
            fragment = ReplaceWhole(fragment, System.Net.WebUtility.HtmlEncode(value), Redaction.Placeholder(kind));
            fragment = ReplaceCut(fragment, value, Redaction.Placeholder(kind));
        }
        return ResumeParser.RedactPatterns(fragment, cancellationToken);
    }

    private List<(string Value, IdentityKind Kind)>? _values;

    /// <summary>Longest first, so that "Jane Doe" is replaced before "Jane".</summary>
    private List<(string Value, IdentityKind Kind)> Values()
    {
        var values = new Dictionary<string, IdentityKind>(StringComparer.OrdinalIgnoreCase);
        foreach (var span in _spans)
        {
            var value = _original[span.Start..span.End].ReplaceLineEndings(" ").Trim();
            if (value.Length >= 2) values.TryAdd(value, span.Kind);
            if (span.Kind != IdentityKind.Name) continue;
            foreach (var word in value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 2)) values.TryAdd(word, span.Kind);
        }
        return [.. values.OrderByDescending(v => v.Key.Length).Select(v => (v.Key, v.Value))];
    }

    private static string ReplaceWhole(string fragment, string value, string placeholder)
    {
        var at = 0;
        var builder = new System.Text.StringBuilder();
        for (var i = fragment.IndexOf(value, StringComparison.OrdinalIgnoreCase); i >= 0; i = fragment.IndexOf(value, i + value.Length, StringComparison.OrdinalIgnoreCase))
        {
            var before = i == 0 || !char.IsLetterOrDigit(fragment[i - 1]) || !char.IsLetterOrDigit(value[0]);
            var after = i + value.Length == fragment.Length || !char.IsLetterOrDigit(fragment[i + value.Length]) || !char.IsLetterOrDigit(value[^1]);
            if (!before || !after) continue;
            builder.Append(fragment, at, i - at).Append(placeholder);
            at = i + value.Length;
        }
        return at == 0 ? fragment : builder.Append(fragment, at, fragment.Length - at).ToString();
    }

    /// <summary>A snippet cut inside a value ("…ne.doe@example.com"): the part of it at the fragment's start or end.</summary>
    private static string ReplaceCut(string fragment, string value, string placeholder)
    {
        var body = fragment.TrimStart('…', ' ');
        for (var k = value.Length - 1; k >= 3; k--)
        {
            if (body.StartsWith(value[^k..], StringComparison.OrdinalIgnoreCase) && (k == body.Length || !char.IsLetterOrDigit(body[k])))
            {
                fragment = fragment[..(fragment.Length - body.Length)] + placeholder + body[k..];
                break;
            }
        }
        var head = fragment.TrimEnd('…', ' ');
        for (var k = value.Length - 1; k >= 3; k--)
        {
            if (head.EndsWith(value[..k], StringComparison.OrdinalIgnoreCase) && (k == head.Length || !char.IsLetterOrDigit(head[^(k + 1)])))
            {
                return head[..^k] + placeholder + fragment[head.Length..];
            }
        }
        return fragment;
    }
}

/// <summary>Anonymised ("blind") reads of a resume (docs/responsible-matching.md#anonymised-screening).</summary>
public static class Redaction
{
    /// <summary>
    /// The version of what <see cref="ResumeParser.FindIdentity"/> finds: raise it with every change to the finding.
    /// Spans kept by another service (matching's, see <see cref="IdentityMap"/>) are only valid for the version that found them.
    /// </summary>
    public const int FinderVersion = 3;

    /// <summary>The placeholder a kind is shown as.</summary>
    public static string Placeholder(IdentityKind kind) => kind switch
    {
        IdentityKind.BirthDate => "[birth date]",
        IdentityKind.MaritalStatus => "[marital status]",
        _ => "[" + kind.ToString().ToLowerInvariant() + "]",
    };

    /// <summary>The resume's text with what <see cref="ResumeParser.FindIdentity"/> finds replaced by placeholders.</summary>
    public static RedactedText Redact(string text, RedactionOptions options, CancellationToken cancellationToken = default) =>
        Redact(text, ResumeParser.FindIdentity(text, options, cancellationToken));

    /// <summary>The text with <paramref name="spans"/> (sorted, non-overlapping, inside the text) replaced by placeholders.</summary>
    public static RedactedText Redact(string text, IReadOnlyList<IdentitySpan> spans)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new System.Text.StringBuilder(text.Length);
        var at = 0;
        foreach (var span in spans)
        {
            if (span.Start < at || span.End > text.Length || span.End <= span.Start)
            {
                throw new ArgumentException("Spans must be sorted, non-overlapping, non-empty and inside the text.", nameof(spans));
            }
            builder.Append(text, at, span.Start - at).Append(Placeholder(span.Kind));
            at = span.End;
        }
        builder.Append(text, at, text.Length - at);
        return new RedactedText(text, builder.ToString(), spans);
    }
}
