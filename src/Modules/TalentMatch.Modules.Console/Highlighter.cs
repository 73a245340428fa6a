using System.Net;
using TalentMatch.Contracts;

namespace TalentMatch.Modules.Console;

/// <summary>A run of text, marked (with what marked it) or not.</summary>
public sealed record TextSegment(string Text, ExtractedSkill? Skill = null, bool Marked = false);

/// <summary>
/// Cuts a text into plain and marked segments from evidence spans (UTF-16 offsets, as the API
/// gives them). Spans are hostile until bounded: clamped to the text, overlapping ones dropped
/// (the earlier wins), and never cut inside a surrogate pair, so that a Chinese or emoji
/// character is never split into two broken halves.
/// </summary>
public static class Highlighter
{
    public static IReadOnlyList<TextSegment> Segments(string text, IEnumerable<(int Start, int End, ExtractedSkill? Skill)> spans)
    {
        var segments = new List<TextSegment>();
        var position = 0;
        foreach (var (rawStart, rawEnd, skill) in spans.OrderBy(s => s.Start).ThenByDescending(s => s.End))
        {
            var start = Snap(text, Math.Clamp(rawStart, 0, text.Length), backwards: true);
            var end = Snap(text, Math.Clamp(rawEnd, 0, text.Length), backwards: false);
            if (start < position || end <= start)
            {
                continue;
            }

            if (start > position)
            {
                segments.Add(new TextSegment(text[position..start]));
            }

            segments.Add(new TextSegment(text[start..end], skill, Marked: true));
            position = end;
        }

        if (position < text.Length)
        {
            segments.Add(new TextSegment(text[position..]));
        }

        return segments;
    }

    /// <summary>
    /// A search engine's highlighted fragment (matched words in <c>&lt;em&gt;</c>, the rest
    /// HTML-escaped) as segments of plain text: the fragment is never rendered as markup, so
    /// nothing in a resume can inject any.
    /// </summary>
    public static IReadOnlyList<TextSegment> FromTagged(string fragment)
    {
        var segments = new List<TextSegment>();
        var parts = fragment.Split("<em>");
        for (var i = 0; i < parts.Length; i++)
        {
            var closed = i == 0 ? -1 : parts[i].IndexOf("</em>", StringComparison.Ordinal);
            if (closed >= 0)
            {
                segments.Add(new TextSegment(WebUtility.HtmlDecode(parts[i][..closed]), Marked: true));
                parts[i] = parts[i][(closed + "</em>".Length)..];
            }

            if (parts[i].Length > 0)
            {
                segments.Add(new TextSegment(WebUtility.HtmlDecode(parts[i].Replace("</em>", "", StringComparison.Ordinal))));
            }
        }

        return segments;
    }

    /// <summary>Every evidence span of every skill of a document.</summary>
    public static IReadOnlyList<TextSegment> SkillSegments(string text, IEnumerable<ExtractedSkill> skills) =>
        Segments(text, skills.SelectMany(s => (s.Evidence ?? []).Select(e => (e.Start, e.End, (ExtractedSkill?)s))));

    /// <summary>An offset between the two halves of a surrogate pair moves to the pair's start (or end).</summary>
    private static int Snap(string text, int offset, bool backwards) =>
        offset > 0 && offset < text.Length && char.IsLowSurrogate(text[offset]) && char.IsHighSurrogate(text[offset - 1])
            ? (backwards ? offset - 1 : offset + 1)
            : offset;
}
