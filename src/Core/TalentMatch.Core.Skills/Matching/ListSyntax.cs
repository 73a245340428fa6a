namespace TalentMatch.Core.Skills.Matching;

/// <summary>
/// How a written list looks in folded text, shared by the stages that read coordinated items: the separators and
/// list words between two items ("PyTorch/TensorFlow", "Python、R 和 Go", "数据分析和挖掘"), which characters an
/// item is made of, and where a sentence or line ends (no list runs across one).
/// </summary>
internal static class ListSyntax
{
    private const int MaxListGap = 12;        // folded characters between two list items ("PyTorch / TensorFlow")

    /// <summary>Where a line or sentence ends: neither a list nor a sentence about the employer's products runs past one.</summary>
    public static readonly System.Buffers.SearchValues<char> SentenceBreaks = System.Buffers.SearchValues.Create("\n。；;!！?？");

    /// <summary>Only separators and list words between two mentions: "PyTorch/TensorFlow", "Python、R 和 Go".</summary>
    public static bool IsListGap(string t, int from, int to)
    {
        if (to < from || to - from > MaxListGap)
        {
            return false;
        }

        var gap = t.AsSpan(from, to - from).Trim(" ,，、/|&;；()（）\n+");
        if (gap.IsEmpty)
        {
            return from < to; // adjacent with nothing between ("RPython") is not a list
        }

        foreach (var word in Cues.ListWords)
        {
            if (gap.SequenceEqual(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Length of the list separator ending at <paramref name="position"/> (、 / 和 及 与 或, 以及, 或者), or 0.</summary>
    public static int ListSeparatorBefore(string t, int position)
    {
        if (position >= 2 && t.AsSpan(position - 2, 2) is "以及" or "或者")
        {
            return 2;
        }

        return position >= 1 && IsListSeparator(t[position - 1]) ? 1 : 0;
    }

    public static int ListSeparatorAfter(string t, int position)
    {
        if (position + 2 <= t.Length && t.AsSpan(position, 2) is "以及" or "或者")
        {
            return 2;
        }

        return position < t.Length && IsListSeparator(t[position]) ? 1 : 0;
    }

    private static bool IsListSeparator(char c) => c is '、' or '/' or '和' or '及' or '与' or '或';

    public static bool IsItemChar(char c) => NormalizedText.IsCjk(c) || char.IsAsciiLetterOrDigit(c);

    /// <summary>An item may start anywhere in Chinese text, but only at the start of a Latin word.</summary>
    public static bool IsItemStart(string t, int start) =>
        start == 0 || !NormalizedText.IsWordChar(t[start]) || !NormalizedText.IsWordChar(t[start - 1]);
}
