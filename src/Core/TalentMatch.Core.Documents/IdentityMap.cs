namespace TalentMatch.Core.Documents;

/// <summary>
/// Where the words of a resume are once its identity spans are replaced by placeholders, computed from the spans
/// alone: a service that keeps a resume's identity spans but not its text (matching) moves evidence offsets exactly
/// as <see cref="RedactedText"/> does for the full text.
/// </summary>
public sealed class IdentityMap
{
    private readonly IReadOnlyList<IdentitySpan> _spans;
    private readonly int[] _shiftAfter;

    /// <param name="spans">Sorted, non-overlapping, non-empty: what <see cref="ResumeParser.FindIdentity"/> returns.</param>
    public IdentityMap(IReadOnlyList<IdentitySpan> spans)
    {
        _spans = spans;
        _shiftAfter = new int[spans.Count];
        int at = 0, shift = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            if (span.Start < at || span.End <= span.Start)
            {
                throw new ArgumentException("Spans must be sorted, non-overlapping and non-empty.", nameof(spans));
            }

            shift += Redaction.Placeholder(span.Kind).Length - (span.End - span.Start);
            _shiftAfter[i] = shift;
            at = span.End;
        }
    }

    public IReadOnlyList<IdentitySpan> Spans => _spans;

    /// <summary>
    /// Where <c>[start, end)</c> of the original text is in the redacted one; null when it touches a redacted span
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

    /// <summary>How many spans start before <paramref name="offset"/>.</summary>
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
