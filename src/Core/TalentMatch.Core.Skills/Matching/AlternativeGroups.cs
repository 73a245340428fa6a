using static TalentMatch.Core.Skills.Matching.ListSyntax;

namespace TalentMatch.Core.Skills.Matching;

/// <summary>
/// Requirement groups of a job ad ("any of"): a list of two or more skills that asks for one of them, in English or
/// Chinese: "PyTorch or TensorFlow", "Python, Java or Go", "one of Go, Rust, C++", "either Spark or Flink",
/// "TensorFlow或PyTorch", "熟悉TensorFlow/PyTorch等框架之一", "Go、Rust任一". A list is a run of mentions with only
/// separators and list words between them, in one sentence (<see cref="ListSyntax.IsListGap"/>); it is a group when
/// a gap says "or" (或, 或者), or when the words just before or after it say "one of" (之一, 其一, 任一, 任意).
/// "and/or" asks for both as welcome, not for one: it makes no group.
/// </summary>
internal static class AlternativeGroups
{
    private const int CueWindow = 16; // folded characters before or after a list that may hold its "one of"

    private static readonly string[] CuesBefore = ["one of", "any of", "either", "at least one of", "任一", "任意", "任选", "其中之一"];

    private static readonly string[] CuesAfter = ["之一", "其一", "任一", "任意一", "中的一种", "中的一个", "其中一种", "其中一个", "至少一种", "至少一个", "(one of)", "or similar"];

    /// <summary>The group number (1, 2, …) of each mention, null where it is in none. Mentions are in text order.</summary>
    public static int?[] Of(string t, List<Mention> mentions)
    {
        var groups = new int?[mentions.Count];
        var next = 1;
        var start = 0;
        for (var i = 1; i <= mentions.Count; i++)
        {
            if (i < mentions.Count && IsSameList(t, mentions[i - 1].End, mentions[i].Start))
            {
                continue;
            }

            // mentions[start..i) form one list.
            if (mentions.Skip(start).Take(i - start).Select(m => m.Skill).Distinct().Count() >= 2 && IsAlternatives(t, mentions, start, i))
            {
                for (var k = start; k < i; k++)
                {
                    groups[k] = next;
                }

                next++;
            }

            start = i;
        }

        return groups;
    }

    private static bool IsSameList(string t, int from, int to) =>
        to > from && t.AsSpan(from, to - from).IndexOfAny(SentenceBreaks) < 0 && IsListGap(t, from, to);

    private static bool IsAlternatives(string t, List<Mention> mentions, int first, int end)
    {
        var anyOr = false;
        for (var k = first + 1; k < end; k++)
        {
            var gap = t.AsSpan(mentions[k - 1].End, mentions[k].Start - mentions[k - 1].End);
            if (gap.Contains("and/or", StringComparison.Ordinal) || gap.Contains("和/或", StringComparison.Ordinal))
            {
                return false;
            }

            anyOr |= IsOr(gap);
        }

        if (anyOr)
        {
            return true;
        }

        var before = Before(t, mentions[first].Start);
        var after = After(t, mentions[end - 1].End);
        return CuesBefore.Any(c => before.Contains(c, StringComparison.Ordinal)) || CuesAfter.Any(c => after.Contains(c, StringComparison.Ordinal));
    }

    /// <summary>"or" as a word, 或 / 或者.</summary>
    private static bool IsOr(ReadOnlySpan<char> gap)
    {
        if (gap.Contains('或'))
        {
            return true;
        }

        var trimmed = gap.Trim(" ,，、/|&;；()（）\n+");
        return trimmed.SequenceEqual("or") || trimmed.SequenceEqual("either");
    }

    /// <summary>Up to <see cref="CueWindow"/> characters before <paramref name="position"/>, not past a sentence break.</summary>
    private static string Before(string t, int position)
    {
        var span = t.AsSpan(Math.Max(0, position - CueWindow), Math.Min(CueWindow, position));
        var cut = span.LastIndexOfAny(SentenceBreaks);
        return span[(cut + 1)..].ToString();
    }

    /// <summary>Up to <see cref="CueWindow"/> characters after <paramref name="position"/>, not past a sentence break.</summary>
    private static string After(string t, int position)
    {
        var span = t.AsSpan(position, Math.Min(CueWindow, t.Length - position));
        var cut = span.IndexOfAny(SentenceBreaks);
        return (cut < 0 ? span : span[..cut]).ToString();
    }
}
