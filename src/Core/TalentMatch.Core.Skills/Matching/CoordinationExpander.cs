using System.Text;
using static TalentMatch.Core.Skills.Matching.ListSyntax;

namespace TalentMatch.Core.Skills.Matching;

/// <summary>
/// Stage 3b, coordination expansion (called by <see cref="MentionResolver"/>): reads coordinated lists around the
/// accepted mentions. It completes items that write a shared Chinese suffix or prefix once ("数据、张量、流水线并行",
/// "语音识别/合成") or hang off one modifier ("大模型的训练与推理"), adding mentions only where the completed form is a
/// known unambiguous alias; and it accepts ambiguous aliases listed next to an accepted skill ("PyTorch/TensorFlow",
/// "Python、R 和 Go"). Takes the chosen hits and the accepted mentions; adds to the latter.
/// </summary>
internal sealed class CoordinationExpander(CompiledPatterns compiled)
{
    private readonly Pattern[] _patterns = compiled.Patterns;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _patternLookup = compiled.PatternLookup;

    /// <summary>
    /// "大模型的训练与推理", "模型的开发、评估、部署": a modifier, 的, then one or more activity head nouns
    /// (<see cref="Cues.ModifierHeads"/>) joined by list separators or commas. Each head whose form without 的
    /// ("大模型训练", "模型评估") is a known unambiguous alias counts as that skill. Heads that make no alias ("开发")
    /// still continue the list.
    /// </summary>
    public void ExpandModifierHeads(string t, List<Hit> chosen, List<Mention> accepted, Dictionary<int, int> evidenceCount)
    {
        var at = t.IndexOf('的', StringComparison.Ordinal);
        if (at < 0)
        {
            return;
        }

        var hitStarts = chosen.ConvertAll(h => h.Start);
        Span<char> buffer = stackalloc char[MaxAffixItem + 16];
        for (; at >= 0; at = at + 1 < t.Length ? t.IndexOf('的', at + 1) : -1)
        {
            if (HeadAt(t, at + 1) == 0)
            {
                continue; // the common case: no activity head after 的
            }

            // Modifiers ending right before 的, longest first ("大模型" before "模型"); one character is too little.
            var runStart = at;
            while (runStart > 0 && at - runStart < MaxAffixItem && IsItemChar(t[runStart - 1]))
            {
                runStart--;
            }

            var found = false;
            for (var start = runStart; start <= at - MinAffixItem && !found; start++)
            {
                if (!IsItemStart(t, start) || StartsInsideHit(hitStarts, chosen, start))
                {
                    continue;
                }

                var modifier = t.AsSpan(start, at - start);
                modifier.CopyTo(buffer);
                var position = at + 1;
                for (var items = 0; items < MaxAffixItems; items++)
                {
                    var head = HeadAt(t, position);
                    if (head == 0)
                    {
                        break;
                    }

                    t.AsSpan(position, head).CopyTo(buffer[modifier.Length..]);
                    if (UnambiguousSkillOf(buffer[..(modifier.Length + head)]) is { } skill)
                    {
                        Accept(accepted, evidenceCount, new Mention(start, position + head, skill));

                        found = true;
                    }

                    position += head;
                    var separator = ListSeparatorAfter(t, position);
                    if (separator == 0 && position < t.Length && t[position] is '，' or ',')
                    {
                        separator = 1;
                    }

                    if (separator == 0)
                    {
                        break;
                    }

                    position += separator;
                }
            }
        }
    }

    /// <summary>Length of the activity head noun starting at <paramref name="position"/>, or 0.</summary>
    private static int HeadAt(string t, int position)
    {
        foreach (var head in Cues.ModifierHeads)
        {
            if (t.AsSpan(position).StartsWith(head, StringComparison.Ordinal))
            {
                return head.Length;
            }
        }

        return 0;
    }

    /// <summary>
    /// Chinese enumerations that write a shared suffix or prefix once: "数据、张量、流水线并行" (数据并行、张量并行、流水线并行),
    /// "CV/NLP算法", "语音识别/合成", "数据分析和挖掘". For every accepted mention whose alias ends (or starts) with Chinese
    /// text, the items before (or after) it, joined by 、 / 和 及 与 或, are completed with that shared part; an item counts
    /// only when the completed form is itself a known unambiguous alias, so ordinary prose is never read as a list.
    /// </summary>
    public void ExpandSharedAffixes(string t, List<Hit> chosen, List<Mention> accepted, Dictionary<int, int> evidenceCount)
    {
        if (accepted.Count == 0)
        {
            return;
        }

        var hitStarts = chosen.ConvertAll(h => h.Start);
        var found = new List<Mention>();
        Span<char> buffer = stackalloc char[MaxAffixItem + MaxAffixItem + 32];
        foreach (var m in accepted)
        {
            var length = m.End - m.Start;
            if (length < 3 || length > buffer.Length - MaxAffixItem)
            {
                continue;
            }

            // Shared suffix: items to the left. Try the shortest suffix first ("并行" before "线并行"); one character is too little.
            for (var k = 2; k < length; k++)
            {
                var suffix = t.AsSpan(m.End - k, k);
                if (IsAllCjk(suffix) && ExpandLeft(t, m.Start, suffix, hitStarts, chosen, found, buffer))
                {
                    break;
                }
            }

            // Shared prefix: items to the right ("语音识别/合成").
            for (var k = length - 1; k >= 2; k--)
            {
                var prefix = t.AsSpan(m.Start, k);
                if (IsAllCjk(prefix) && ExpandRight(t, m.End, prefix, hitStarts, chosen, found, buffer))
                {
                    break;
                }
            }
        }

        foreach (var e in found)
        {
            Accept(accepted, evidenceCount, e);
        }
    }

    /// <summary>Adds a mention an expansion found, once, while its skill is under the evidence cap.</summary>
    private static void Accept(List<Mention> accepted, Dictionary<int, int> evidenceCount, Mention mention)
    {
        if (evidenceCount.GetValueOrDefault(mention.Skill) < SkillExtractor.MaxEvidencePerSkill && !accepted.Contains(mention))
        {
            accepted.Add(mention);
            evidenceCount[mention.Skill] = evidenceCount.GetValueOrDefault(mention.Skill) + 1;
        }
    }

    private const int MaxAffixItem = 8;   // folded characters of one abbreviated list item ("流水线", "CV")
    private const int MaxAffixItems = 6;
    private const int MinAffixItem = 2;   // one character ("人") is too little to complete

    private bool ExpandLeft(string t, int position, ReadOnlySpan<char> suffix, List<int> hitStarts, List<Hit> chosen, List<Mention> found, Span<char> buffer)
    {
        var any = false;
        for (var items = 0; items < MaxAffixItems; items++)
        {
            var separator = ListSeparatorBefore(t, position);
            if (separator == 0)
            {
                break;
            }

            var itemEnd = position - separator;
            var runStart = itemEnd;
            while (runStart > 0 && itemEnd - runStart < MaxAffixItem && IsItemChar(t[runStart - 1]))
            {
                runStart--;
            }

            var matched = false;
            for (var start = runStart; start <= itemEnd - MinAffixItem && !matched; start++)
            {
                if (!IsItemStart(t, start) || StartsInsideHit(hitStarts, chosen, start))
                {
                    continue;
                }

                var item = t.AsSpan(start, itemEnd - start);
                item.CopyTo(buffer);
                suffix.CopyTo(buffer[item.Length..]);
                if (UnambiguousSkillOf(buffer[..(item.Length + suffix.Length)]) is { } skill)
                {
                    found.Add(new Mention(start, itemEnd, skill));
                    position = start;
                    matched = any = true;
                }
            }

            if (!matched)
            {
                break;
            }
        }

        return any;
    }

    private bool ExpandRight(string t, int position, ReadOnlySpan<char> prefix, List<int> hitStarts, List<Hit> chosen, List<Mention> found, Span<char> buffer)
    {
        var any = false;
        for (var items = 0; items < MaxAffixItems; items++)
        {
            var separator = ListSeparatorAfter(t, position);
            if (separator == 0)
            {
                break;
            }

            var itemStart = position + separator;
            if (StartsInsideHit(hitStarts, chosen, itemStart))
            {
                break;
            }

            var runEnd = itemStart;
            while (runEnd < t.Length && runEnd - itemStart < MaxAffixItem && IsItemChar(t[runEnd]))
            {
                runEnd++;
            }

            var matched = false;
            for (var end = runEnd; end >= itemStart + MinAffixItem && !matched; end--)
            {
                if ((end < t.Length && NormalizedText.IsWordChar(t[end - 1]) && NormalizedText.IsWordChar(t[end])) || StartsInsideHit(hitStarts, chosen, end))
                {
                    continue; // not inside a Latin word, nor cutting a recognised alias short ("人工智能" is not "人")
                }

                var item = t.AsSpan(itemStart, end - itemStart);
                prefix.CopyTo(buffer);
                item.CopyTo(buffer[prefix.Length..]);
                if (UnambiguousSkillOf(buffer[..(prefix.Length + item.Length)]) is { } skill)
                {
                    found.Add(new Mention(itemStart, end, skill));
                    position = end;
                    matched = any = true;
                }
            }

            if (!matched)
            {
                break;
            }
        }

        return any;
    }

    /// <summary>
    /// English lists that write a shared head word once: "usability, reliability and exploratory testing", "Manual and
    /// Automation Testing", "machine and deep learning". Left of an accepted Latin mention of two or more words, each
    /// one-word item joined by a comma, slash, "and" or "or" is completed with the mention's last word; it counts only
    /// when the completed form is a known unambiguous alias, and the first item that makes none ends the list.
    /// </summary>
    public void ExpandSharedHeads(string t, List<Mention> accepted, Dictionary<int, int> evidenceCount)
    {
        Span<char> buffer = stackalloc char[MaxHeadItem + MaxHead + 1];
        var count = accepted.Count;
        for (var m = 0; m < count; m++)
        {
            var mention = accepted[m];
            var form = t.AsSpan(mention.Start, mention.End - mention.Start);
            var space = form.LastIndexOf(' ');
            if (space <= 0 || form.Length - space - 1 is < 4 or > MaxHead || !Ascii.IsValid(form))
            {
                continue;
            }

            var head = form[space..]; // with its leading space
            var position = mention.Start;
            for (var items = 0; items < MaxAffixItems; items++)
            {
                var itemEnd = SeparatorStartBefore(t, position);
                var itemStart = itemEnd;
                while (itemStart > 0 && char.IsAsciiLetter(t[itemStart - 1]))
                {
                    itemStart--;
                }

                var length = itemEnd - itemStart;
                if (itemEnd < 0 || length < 2 || length > MaxHeadItem || (itemStart > 0 && NormalizedText.IsWordChar(t[itemStart - 1])))
                {
                    break;
                }

                t.AsSpan(itemStart, length).CopyTo(buffer);
                head.CopyTo(buffer[length..]);
                if (UnambiguousSkillOf(buffer[..(length + head.Length)]) is not { } skill)
                {
                    break;
                }

                Accept(accepted, evidenceCount, new Mention(itemStart, itemEnd, skill));

                position = itemStart;
            }
        }
    }

    private const int MaxHeadItem = 20;   // letters of one English list item ("globalization")
    private const int MaxHead = 16;       // letters of the shared head word ("testing", "learning")

    /// <summary>Where the item before an English list separator ends (", ", "/", " and ", ", and ", " or "), or -1.</summary>
    private static int SeparatorStartBefore(string t, int position)
    {
        var i = position;
        while (i > 0 && t[i - 1] == ' ')
        {
            i--;
        }

        var word = i >= 4 && t.AsSpan(i - 3, 3) is "and" && t[i - 4] == ' ' ? 3 : i >= 3 && t.AsSpan(i - 2, 2) is "or" && t[i - 3] == ' ' ? 2 : 0;
        if (word > 0)
        {
            i -= word;
            while (i > 0 && t[i - 1] == ' ')
            {
                i--;
            }
        }

        if (i > 0 && t[i - 1] is ',' or '/' or '&')
        {
            i--;
            word++;
            while (i > 0 && t[i - 1] == ' ')
            {
                i--;
            }
        }

        return word > 0 ? i : -1;
    }

    private int? UnambiguousSkillOf(ReadOnlySpan<char> folded)
    {
        if (!_patternLookup.TryGetValue(folded, out var id))
        {
            return null;
        }

        foreach (var candidate in _patterns[id].Candidates)
        {
            if (candidate.ExactForms is null)
            {
                return candidate.Skill;
            }
        }

        return null;
    }

    private static bool IsAllCjk(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!NormalizedText.IsCjk(c))
            {
                return false;
            }
        }

        return !s.IsEmpty;
    }

    /// <summary>Whether <paramref name="position"/> lies strictly inside a chosen alias hit (an item must not split one).</summary>
    private static bool StartsInsideHit(List<int> hitStarts, List<Hit> chosen, int position)
    {
        var i = hitStarts.BinarySearch(position);
        if (i >= 0)
        {
            return false;
        }

        i = ~i - 1;
        return i >= 0 && chosen[i].End > position;
    }

    /// <summary>
    /// Ambiguous aliases confirmed by a neighbouring list item: "Python, R, Go" — each pass can confirm the next item.
    /// <paramref name="pending"/> holds the hits that count only as an item of a list of accepted skills
    /// (<see cref="AmbiguityRules.ListAdjacency"/>); those confirmed move to <paramref name="accepted"/>.
    /// </summary>
    public static void ConfirmListedNeighbours(string t, List<Mention> accepted, List<(Hit Hit, int Skill)> pending)
    {
        for (var pass = 0; pass < 3 && pending.Count > 0; pass++)
        {
            accepted.Sort((a, b) => a.Start.CompareTo(b.Start));
            var confirmed = pending.Where(p => IsListedNextTo(t, accepted, p.Hit)).ToList();
            if (confirmed.Count == 0)
            {
                break;
            }

            accepted.AddRange(confirmed.Select(p => new Mention(p.Hit.Start, p.Hit.End, p.Skill)));
            pending.RemoveAll(confirmed.Contains);
        }
    }

    private static bool IsListedNextTo(string t, List<Mention> accepted, Hit hit)
    {
        var index = accepted.BinarySearch(new Mention(hit.Start, hit.End, -1), MentionStartComparer.Instance);
        var next = index >= 0 ? index : ~index;
        return (next > 0 && IsListGap(t, accepted[next - 1].End, hit.Start))
            || (next < accepted.Count && IsListGap(t, hit.End, accepted[next].Start));
    }

    private sealed class MentionStartComparer : IComparer<Mention>
    {
        public static readonly MentionStartComparer Instance = new();

        public int Compare(Mention x, Mention y) => x.Start.CompareTo(y.Start);
    }
}
