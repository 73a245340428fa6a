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
    private readonly int[] _shiftAfter;

    internal RedactedText(string text, IReadOnlyList<IdentitySpan> spans, int[] shiftAfter)
    {
        Text = text;
        _spans = spans;
        _shiftAfter = shiftAfter;
    }

    public string Text { get; }

    /// <summary>What was replaced, in the original text's offsets.</summary>
    public IReadOnlyList<IdentitySpan> Spans => _spans;

    /// <summary>
    /// Where <c>[start, end)</c> of the original text is in <see cref="Text"/>; null when it touches a redacted span
    /// (an evidence span that quotes the person's name is identity, not skill, and is not shown).
    /// </summary>
    public (int Start, int End)? Map(int start, int end)
    {
        if (start < 0 || end < start) return null;
        var before = PrecedingSpans(start);
        if (before < _spans.Count && _spans[before].Start < end || before > 0 && _spans[before - 1].End > start) return null;
        var shift = before == 0 ? 0 : _shiftAfter[before - 1];
        return (start + shift, end + shift);
    }

    /// <summary>How many redacted spans start before <paramref name="offset"/>.</summary>
    private int PrecedingSpans(int offset)
    {
        int low = 0, high = _spans.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_spans[mid].Start < offset) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}

/// <summary>Anonymised ("blind") reads of a resume (docs/responsible-matching.md#anonymised-screening).</summary>
public static class Redaction
{
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
        var shiftAfter = new int[spans.Count];
        int at = 0, shift = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            if (span.Start < at || span.End > text.Length || span.End <= span.Start)
            {
                throw new ArgumentException("Spans must be sorted, non-overlapping, non-empty and inside the text.", nameof(spans));
            }
            var placeholder = Placeholder(span.Kind);
            builder.Append(text, at, span.Start - at).Append(placeholder);
            shift += placeholder.Length - (span.End - span.Start);
            shiftAfter[i] = shift;
            at = span.End;
        }
        builder.Append(text, at, text.Length - at);
        return new RedactedText(builder.ToString(), spans, shiftAfter);
    }
}
