using TalentMatch.Core.Skills.Matching;

namespace TalentMatch.Core.Skills;

/// <summary>
/// Finds taxonomy skills in English, Chinese or mixed text with character offsets into the original string.
/// Construct once per taxonomy (building the automaton takes a moment) and share: <see cref="Extract"/> is
/// thread-safe and keeps no state between calls. Cost is linear in the text length.
/// </summary>
public sealed class SkillExtractor
{
    /// <summary>Evidence spans kept per skill; more mentions add nothing for matching and would bloat the output.</summary>
    public const int MaxEvidencePerSkill = 20;

    private const int ContextWindow = 80;     // folded characters either side in which a context cue confirms an ambiguous alias
    private const int MaxListGap = 12;        // folded characters between two list items ("PyTorch / TensorFlow")
    private const int MaxHeadingLine = 40;    // a heading cue on a longer line is prose, unless a colon follows

    /// <summary>Most characters between a <see cref="Skill.NotAfter"/> word and the alias it turns into an activity.</summary>
    public const int MaxNotAfterGap = 12;

    private static readonly Lazy<SkillExtractor> DefaultInstance = new(() => new SkillExtractor(SkillTaxonomy.LoadDefault()));

    private readonly SkillTaxonomy _taxonomy;
    private readonly Skill[] _skills;
    private readonly Pattern[] _patterns;
    private readonly AhoCorasick _automaton;
    private readonly HashSet<int>[] _contextCues;  // per skill: pattern ids of its context cues
    private readonly string[][] _negatives;         // per skill: folded negative phrases
    private readonly string[][] _notAfter;          // per skill: folded words that make a bare alias an activity
    private readonly bool[] _isProduct;             // per skill: a product name (imported O*NET product, cloud)
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _patternLookup; // folded text → pattern id

    public SkillExtractor(SkillTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        _taxonomy = taxonomy;
        _skills = taxonomy.Skills.Where(s => s.Kind != SkillKind.Role).ToArray();
        var builder = new PatternBuilder();
        _contextCues = new HashSet<int>[_skills.Length];
        _negatives = new string[_skills.Length][];
        _notAfter = new string[_skills.Length][];
        _isProduct = new bool[_skills.Length];
        for (var i = 0; i < _skills.Length; i++)
        {
            var skill = _skills[i];
            _notAfter[i] = skill.NotAfter.Select(NormalizedText.FoldPattern).Where(w => w.Length > 0).ToArray();
            _isProduct[i] = IsProductNode(skill);
            foreach (var phrase in skill.Blocked)
            {
                if (NormalizedText.FoldPattern(phrase) is { Length: > 0 } folded)
                {
                    builder.Get(folded).Blocks = true;
                }
            }

            // A name that is also an ambiguous alias ("Go", "R", Chinese name "Spark") must not be matched unconditionally.
            var ambiguous = skill.Ambiguity?.Aliases.Select(NormalizedText.FoldPattern).ToHashSet() ?? [];
            var names = new[] { skill.Name, skill.ChineseName }.Where(n => !ambiguous.Contains(NormalizedText.FoldPattern(n)));
            foreach (var alias in skill.Aliases.Concat(names))
            {
                foreach (var variant in Variants(alias))
                {
                    builder.Get(variant).AddCandidate(new Candidate(i, null));
                }
            }

            var rules = skill.Ambiguity;
            _contextCues[i] = rules is null ? [] : rules.Context.Select(c => builder.MarkContext(NormalizedText.FoldPattern(c))).ToHashSet();
            _negatives[i] = rules is null ? [] : rules.Negative.Select(NormalizedText.FoldPattern).ToArray();
            if (rules is not null)
            {
                foreach (var group in rules.Aliases.GroupBy(NormalizedText.FoldPattern))
                {
                    builder.Get(group.Key).AddCandidate(new Candidate(i, group.Select(FoldWidth).ToArray()));
                }
            }
        }

        foreach (var cue in Cues.Preferred)
        {
            builder.Get(NormalizedText.FoldPattern(cue)).Preferred = true;
        }

        foreach (var cue in Cues.Required)
        {
            builder.Get(NormalizedText.FoldPattern(cue)).Required = true;
        }

        foreach (var (cue, level) in Cues.ProficiencyCues)
        {
            builder.Get(NormalizedText.FoldPattern(cue)).Proficiency = level;
        }

        foreach (var (cue, section) in Cues.Headings)
        {
            builder.Get(NormalizedText.FoldPattern(cue)).Heading = section;
        }

        foreach (var cue in Cues.EmployerProducts)
        {
            builder.Get(NormalizedText.FoldPattern(cue)).EmployerProducts = true;
        }

        _patterns = builder.Build();
        _patternLookup = builder.Ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _automaton = new AhoCorasick(_patterns.Select(p => p.Text).ToArray());
    }

    /// <summary>An extractor over <see cref="SkillTaxonomy.LoadDefault"/>, built once and shared.</summary>
    public static SkillExtractor Default => DefaultInstance.Value;

    public SkillTaxonomy Taxonomy => _taxonomy;

    /// <summary>
    /// Extracts skills from <paramref name="text"/>. Never throws on odd input (empty, binary, huge, mojibake);
    /// such text simply yields few or no skills.
    /// </summary>
    public ExtractionResult Extract(string text, ExtractionMode mode = ExtractionMode.JobDescription)
    {
        ArgumentNullException.ThrowIfNull(text);
        var language = LanguageDetector.Detect(text);
        if (text.Length == 0)
        {
            return new ExtractionResult(language, []);
        }

        var doc = new Document(NormalizedText.Create(text), text);
        Scan(doc);
        var mentions = Resolve(doc);
        return new ExtractionResult(language, Aggregate(doc, mentions, mode));
    }

    private void Scan(Document doc)
    {
        var t = doc.Folded.Text;
        _automaton.FindAll(t, (start, length, id) =>
        {
            var p = _patterns[id];
            if (!IsWordBounded(t, start, length))
            {
                return;
            }

            if (p.Candidates.Count > 0 || p.Blocks)
            {
                doc.AliasHits.Add(new Hit(start, start + length, id));
            }

            if (p.IsCue)
            {
                doc.CueHits.Add(new Hit(start, start + length, id));
            }
        });
        DropHitsInUrls(doc);
        doc.CueHits.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
    }

    /// <summary>"https://…/job.html" and "name@ml.ai" are not skill mentions. Found in the original text, where URLs keep their dashes.</summary>
    private static void DropHitsInUrls(Document doc)
    {
        var t = doc.Original;
        static bool Stops(char c) => char.IsWhiteSpace(c) || NormalizedText.IsCjk(c) || c is ')' or '）' or '"' or '<' or '>' or '，' or '。';
        var ranges = new List<(int Start, int End)>();
        foreach (var marker in (ReadOnlySpan<string>)["http://", "https://", "www.", "@"])
        {
            for (var at = t.IndexOf(marker, StringComparison.OrdinalIgnoreCase); at >= 0; at = t.IndexOf(marker, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                var start = at;
                while (marker == "@" && start > 0 && !Stops(t[start - 1]))
                {
                    start--;
                }

                var end = at;
                while (end < t.Length && !Stops(t[end]))
                {
                    end++;
                }

                ranges.Add((start, end));
                at = Math.Max(at, end - 1); // resume searching after the URL
            }
        }

        if (ranges.Count == 0)
        {
            return;
        }

        // Binary search over sorted ranges keeps this cheap even for garbage full of '@'.
        ranges.Sort();
        var starts = ranges.ConvertAll(r => r.Start);
        doc.AliasHits.RemoveAll(h =>
        {
            var (start, end) = doc.Folded.ToOriginal(h.Start, h.End);
            var i = starts.BinarySearch(start);
            i = i >= 0 ? i : ~i - 1;
            for (var k = i; k >= 0 && k > i - 4; k--)
            {
                if (start >= ranges[k].Start && end <= ranges[k].End)
                {
                    return true;
                }
            }

            return false;
        });
    }

    /// <summary>Latin aliases must start and end at word boundaries; CJK needs none ("熟悉pytorch框架").</summary>
    private static bool IsWordBounded(string t, int start, int length)
    {
        var end = start + length;
        if (NormalizedText.IsWordChar(t[start]) && start > 0 && NormalizedText.IsWordChar(t[start - 1]))
        {
            return false;
        }

        return !(NormalizedText.IsWordChar(t[end - 1]) && end < t.Length && NormalizedText.IsWordChar(t[end]));
    }

    /// <summary>Picks non-overlapping alias hits (longest first) and decides which skill each one means.</summary>
    private List<Mention> Resolve(Document doc)
    {
        var taken = new bool[doc.Folded.Text.Length];
        var chosen = new List<Hit>();
        foreach (var hit in doc.AliasHits.OrderByDescending(h => h.End - h.Start).ThenBy(h => h.Start))
        {
            if (!taken.AsSpan(hit.Start, hit.End - hit.Start).Contains(true))
            {
                taken.AsSpan(hit.Start, hit.End - hit.Start).Fill(true);
                chosen.Add(hit);
            }
        }

        chosen.Sort((a, b) => a.Start.CompareTo(b.Start));
        var accepted = new List<Mention>();
        var pending = new List<(Hit Hit, int Skill)>();
        var evidenceCount = new Dictionary<int, int>();
        foreach (var hit in chosen)
        {
            int? waitingForList = null;
            foreach (var candidate in _patterns[hit.Pattern].Candidates)
            {
                if (evidenceCount.GetValueOrDefault(candidate.Skill) >= MaxEvidencePerSkill)
                {
                    waitingForList = null;
                    break; // enough evidence already: skip the (possibly costly) checks
                }

                if (candidate.ExactForms is null)
                {
                    if (_notAfter[candidate.Skill].Length > 0 && FollowsActivityWord(doc.Folded.Text, hit, _notAfter[candidate.Skill]))
                    {
                        continue; // "与产品团队合作": working with a team, not the soft skill
                    }

                    accepted.Add(new Mention(hit.Start, hit.End, candidate.Skill));
                    evidenceCount[candidate.Skill] = evidenceCount.GetValueOrDefault(candidate.Skill) + 1;
                    waitingForList = null;
                    break;
                }

                var verdict = CheckAmbiguous(doc, hit, candidate);
                if (verdict == Verdict.Accept)
                {
                    accepted.Add(new Mention(hit.Start, hit.End, candidate.Skill));
                    evidenceCount[candidate.Skill] = evidenceCount.GetValueOrDefault(candidate.Skill) + 1;
                    waitingForList = null;
                    break;
                }

                if (verdict == Verdict.NeedsList && waitingForList is null)
                {
                    waitingForList = candidate.Skill;
                }
            }

            if (waitingForList is { } skill)
            {
                pending.Add((hit, skill));
            }
        }

        ExpandSharedAffixes(doc.Folded.Text, chosen, accepted, evidenceCount);
        ExpandModifierHeads(doc.Folded.Text, chosen, accepted, evidenceCount);

        // Ambiguous aliases confirmed by a neighbouring list item: "Python, R, Go" — each pass can confirm the next item.
        for (var pass = 0; pass < 3 && pending.Count > 0; pass++)
        {
            accepted.Sort((a, b) => a.Start.CompareTo(b.Start));
            var confirmed = pending.Where(p => IsListedNextTo(doc.Folded.Text, accepted, p.Hit)).ToList();
            if (confirmed.Count == 0)
            {
                break;
            }

            accepted.AddRange(confirmed.Select(p => new Mention(p.Hit.Start, p.Hit.End, p.Skill)));
            pending.RemoveAll(confirmed.Contains);
        }

        DropEmployerProducts(doc, accepted);
        accepted.Sort((a, b) => a.Start.CompareTo(b.Start));
        return accepted;
    }

    /// <summary>
    /// Products: imported O*NET software and named clouds (a cloud node with a parent, "阿里云", not cloud computing itself),
    /// the nodes an employer sells, owns or partners on.
    /// </summary>
    private static bool IsProductNode(Skill skill) =>
        skill.Id.StartsWith("onet-", StringComparison.Ordinal) || (skill.Category == "cloud" && skill.Parents.Count > 0);

    /// <summary>
    /// Whether one of <paramref name="words"/> precedes the hit in the same clause, with at least one and at most
    /// <see cref="MaxNotAfterGap"/> characters between ("与其他团队合作"); right before it, it is a list conjunction.
    /// </summary>
    private static bool FollowsActivityWord(string t, Hit hit, string[] words)
    {
        var from = hit.Start - 1;
        while (from > 0 && hit.Start - from <= MaxNotAfterGap && IsItemChar(t[from - 1]))
        {
            from--;
        }

        var clause = t.AsSpan(from, Math.Max(0, hit.Start - 1 - from)); // excludes the character right before the alias
        foreach (var word in words)
        {
            if (clause.IndexOf(word, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "字节跳动推出了多款产品，包括抖音、TikTok等", "我们是阿里云生态合作伙伴": a product named in a sentence about the employer's
    /// own products or partners is the employer's business, not a skill the job asks for (gold rule 4). Only product
    /// nodes are dropped; "旗下产品基于大模型" keeps large language models.
    /// </summary>
    private void DropEmployerProducts(Document doc, List<Mention> accepted)
    {
        var cueHits = doc.CueHits;
        if (cueHits.Count == 0)
        {
            return;
        }

        var t = doc.Folded.Text;
        accepted.RemoveAll(m =>
        {
            if (!_isProduct[m.Skill])
            {
                return false;
            }

            var start = m.Start;
            while (start > 0 && m.Start - start < MaxSentence && !SentenceBreaks.Contains(t[start - 1]))
            {
                start--;
            }

            var end = m.End;
            while (end < t.Length && end - m.End < MaxSentence && !SentenceBreaks.Contains(t[end]))
            {
                end++;
            }

            for (var i = LowerBound(cueHits, start); i < cueHits.Count && cueHits[i].Start < end; i++)
            {
                if (_patterns[cueHits[i].Pattern].EmployerProducts && cueHits[i].End <= end)
                {
                    return true;
                }
            }

            return false;
        });
    }

    private const int MaxSentence = 200;

    /// <summary>
    /// "大模型的训练与推理", "模型的开发、评估、部署": a modifier, 的, then one or more activity head nouns
    /// (<see cref="Cues.ModifierHeads"/>) joined by list separators or commas. Each head whose form without 的
    /// ("大模型训练", "模型评估") is a known unambiguous alias counts as that skill. Heads that make no alias ("开发")
    /// still continue the list.
    /// </summary>
    private void ExpandModifierHeads(string t, List<Hit> chosen, List<Mention> accepted, Dictionary<int, int> evidenceCount)
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
                        var mention = new Mention(start, position + head, skill);
                        if (evidenceCount.GetValueOrDefault(skill) < MaxEvidencePerSkill && !accepted.Contains(mention))
                        {
                            accepted.Add(mention);
                            evidenceCount[skill] = evidenceCount.GetValueOrDefault(skill) + 1;
                        }

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
    private void ExpandSharedAffixes(string t, List<Hit> chosen, List<Mention> accepted, Dictionary<int, int> evidenceCount)
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
            if (evidenceCount.GetValueOrDefault(e.Skill) < MaxEvidencePerSkill && !accepted.Contains(e))
            {
                accepted.Add(e);
                evidenceCount[e.Skill] = evidenceCount.GetValueOrDefault(e.Skill) + 1;
            }
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

    /// <summary>Length of the list separator ending at <paramref name="position"/> (、 / 和 及 与 或, 以及, 或者), or 0.</summary>
    private static int ListSeparatorBefore(string t, int position)
    {
        if (position >= 2 && t.AsSpan(position - 2, 2) is "以及" or "或者")
        {
            return 2;
        }

        return position >= 1 && IsListSeparator(t[position - 1]) ? 1 : 0;
    }

    private static int ListSeparatorAfter(string t, int position)
    {
        if (position + 2 <= t.Length && t.AsSpan(position, 2) is "以及" or "或者")
        {
            return 2;
        }

        return position < t.Length && IsListSeparator(t[position]) ? 1 : 0;
    }

    private static bool IsListSeparator(char c) => c is '、' or '/' or '和' or '及' or '与' or '或';

    private static bool IsItemChar(char c) => NormalizedText.IsCjk(c) || char.IsAsciiLetterOrDigit(c);

    /// <summary>An item may start anywhere in Chinese text, but only at the start of a Latin word.</summary>
    private static bool IsItemStart(string t, int start) =>
        start == 0 || !NormalizedText.IsWordChar(t[start]) || !NormalizedText.IsWordChar(t[start - 1]);

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

    private enum Verdict
    {
        Reject,
        Accept,
        NeedsList,
    }

    private Verdict CheckAmbiguous(Document doc, Hit hit, Candidate candidate)
    {
        // Exact casing first: "Go" is the language, "go" is a verb; "R" yes, "r" no.
        var (start, end) = doc.Folded.ToOriginal(hit.Start, hit.End);
        var surface = FoldWidth(doc.Original.AsSpan(start, end - start));
        if (!candidate.ExactForms!.Contains(surface, StringComparer.Ordinal))
        {
            return Verdict.Reject;
        }

        var t = doc.Folded.Text;
        foreach (var negative in _negatives[candidate.Skill])
        {
            // The negative phrase contains the alias: line them up and compare ("r&d" around "r").
            var alias = t.AsSpan(hit.Start, hit.End - hit.Start);
            for (var at = negative.AsSpan().IndexOf(alias); at >= 0; at = NextIndex(negative, alias, at))
            {
                var from = hit.Start - at;
                if (from >= 0 && from + negative.Length <= t.Length && t.AsSpan(from, negative.Length).SequenceEqual(negative))
                {
                    return Verdict.Reject;
                }
            }
        }

        var cues = _contextCues[candidate.Skill];
        if (cues.Count == 0 || HasContextCue(doc, hit, cues))
        {
            return Verdict.Accept;
        }

        return _skills[candidate.Skill].Ambiguity!.ListAdjacency ? Verdict.NeedsList : Verdict.Reject;
    }

    private static int NextIndex(string haystack, ReadOnlySpan<char> needle, int previous)
    {
        var next = haystack.AsSpan(previous + 1).IndexOf(needle);
        return next < 0 ? -1 : previous + 1 + next;
    }

    private static bool HasContextCue(Document doc, Hit hit, HashSet<int> cues)
    {
        var cueHits = doc.CueHits;
        var from = LowerBound(cueHits, hit.Start - ContextWindow);
        // Bounded scan: pathological text full of cue words cannot make one check expensive.
        for (var i = from; i < cueHits.Count && i < from + 256 && cueHits[i].Start <= hit.End + ContextWindow; i++)
        {
            var cue = cueHits[i];
            var overlapsMention = cue.Start < hit.End && cue.End > hit.Start;
            if (!overlapsMention && cues.Contains(cue.Pattern))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsListedNextTo(string t, List<Mention> accepted, Hit hit)
    {
        var index = accepted.BinarySearch(new Mention(hit.Start, hit.End, -1), MentionStartComparer.Instance);
        var next = index >= 0 ? index : ~index;
        return (next > 0 && IsListGap(t, accepted[next - 1].End, hit.Start))
            || (next < accepted.Count && IsListGap(t, hit.End, accepted[next].Start));
    }

    /// <summary>Only separators and list words between two mentions: "PyTorch/TensorFlow", "Python、R 和 Go".</summary>
    private static bool IsListGap(string t, int from, int to)
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

    private List<SkillMatch> Aggregate(Document doc, List<Mention> mentions, ExtractionMode mode)
    {
        if (mentions.Count == 0)
        {
            return [];
        }

        var context = new SentenceContext(doc, _patterns);
        var years = YearsPerMention(doc.Folded.Text, mentions, context);
        var bySkill = new Dictionary<int, Accumulator>();
        var order = new List<int>();
        for (var index = 0; index < mentions.Count; index++)
        {
            var m = mentions[index];
            if (!bySkill.TryGetValue(m.Skill, out var acc))
            {
                acc = new Accumulator();
                bySkill[m.Skill] = acc;
                order.Add(m.Skill);
            }

            if (acc.Evidence.Count >= MaxEvidencePerSkill)
            {
                continue;
            }

            var (start, end) = doc.Folded.ToOriginal(m.Start, m.End);
            acc.Evidence.Add(new EvidenceSpan(start, end, doc.Original[start..end]));
            if (mode == ExtractionMode.JobDescription)
            {
                var level = context.LevelOf(m.Start, m.End);
                acc.Level = acc.Level is { } l && l >= level ? l : level;
            }

            if (context.ProficiencyOf(m.Start) is { } p && (acc.Proficiency is null || p > acc.Proficiency))
            {
                acc.Proficiency = p;
            }

            if (years[index] is { } y && (acc.Years is null || y > acc.Years))
            {
                acc.Years = y;
            }
        }

        return order.Select(i =>
        {
            var skill = _skills[i];
            var acc = bySkill[i];
            return new SkillMatch(skill.Id, skill.Name, skill.Category, acc.Level, acc.Proficiency, acc.Years, acc.Evidence);
        }).ToList();
    }

    /// <summary>
    /// Years stated for a mention's clause, shared by every item of the same coordinated list: in "3+ years of PyTorch,
    /// TensorFlow" and "三年以上PyTorch，TensorFlow经验" both skills get 3. A list does not run across lines or sentences,
    /// and an item with its own figure keeps it.
    /// </summary>
    private static int?[] YearsPerMention(string t, List<Mention> mentions, SentenceContext context)
    {
        var years = new int?[mentions.Count];
        for (var i = 0; i < mentions.Count; i++)
        {
            years[i] = context.YearsOf(mentions[i].Start, mentions[i].End);
        }

        var groupStart = 0;
        for (var i = 1; i <= mentions.Count; i++)
        {
            if (i < mentions.Count && IsYearsListGap(t, mentions[i - 1].End, mentions[i].Start))
            {
                continue;
            }

            // mentions[groupStart..i) form one list: share the figure stated for it.
            int? shared = null;
            for (var k = groupStart; k < i; k++)
            {
                if (years[k] is { } y && (shared is null || y > shared))
                {
                    shared = y;
                }
            }

            for (var k = groupStart; k < i && shared is not null; k++)
            {
                years[k] ??= shared;
            }

            groupStart = i;
        }

        return years;
    }

    /// <summary>A list gap (<see cref="IsListGap"/>) that stays within one line and sentence.</summary>
    private static bool IsYearsListGap(string t, int from, int to) =>
        to > from && t.AsSpan(from, to - from).IndexOfAny(SentenceBreaks) < 0 && IsListGap(t, from, to);

    private static readonly System.Buffers.SearchValues<char> SentenceBreaks = System.Buffers.SearchValues.Create("\n。；;!！?？");

    /// <summary>The folded forms an alias is matched by: itself, without spaces or dots ("HuggingFace", "nodejs") and a plural.</summary>
    private static IEnumerable<string> Variants(string alias)
    {
        var folded = NormalizedText.FoldPattern(alias);
        if (folded.Length == 0)
        {
            yield break;
        }

        yield return folded;
        var isLatin = folded.All(c => c < 128);
        if (!isLatin)
        {
            yield break;
        }

        if (folded.Contains(' ', StringComparison.Ordinal) && folded.Length >= 4)
        {
            yield return folded.Replace(" ", "", StringComparison.Ordinal);
        }

        if (folded.Contains('.', StringComparison.Ordinal) && folded.Length >= 5)
        {
            yield return folded.Replace(".", "", StringComparison.Ordinal);
        }

        if (folded.Length >= 4 && char.IsLetter(folded[^1]) && folded[^1] != 's')
        {
            yield return folded + "s";
        }
    }

    /// <summary>Full-width to ASCII only (case kept), for exact-case checks of ambiguous aliases.</summary>
    private static string FoldWidth(ReadOnlySpan<char> s)
    {
        Span<char> buffer = s.Length <= 64 ? stackalloc char[s.Length] : new char[s.Length];
        for (var i = 0; i < s.Length; i++)
        {
            buffer[i] = s[i] is >= '\uFF01' and <= '\uFF5E' ? (char)(s[i] - 0xFEE0) : s[i];
        }

        return new string(buffer);
    }

    private static string FoldWidth(string s) => FoldWidth(s.AsSpan());

    private static int LowerBound(List<Hit> hits, int start)
    {
        int lo = 0, hi = hits.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (hits[mid].Start < start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    internal readonly record struct Hit(int Start, int End, int Pattern);

    private readonly record struct Mention(int Start, int End, int Skill);

    private sealed class MentionStartComparer : IComparer<Mention>
    {
        public static readonly MentionStartComparer Instance = new();

        public int Compare(Mention x, Mention y) => x.Start.CompareTo(y.Start);
    }

    /// <param name="Skill">Index into the extractor's skill array.</param>
    /// <param name="ExactForms">Null for unambiguous aliases; otherwise the casings that may mean this skill.</param>
    internal sealed record Candidate(int Skill, string[]? ExactForms);

    private sealed class Accumulator
    {
        public List<EvidenceSpan> Evidence { get; } = [];

        public RequirementLevel? Level { get; set; }

        public Proficiency? Proficiency { get; set; }

        public int? Years { get; set; }
    }

    internal sealed class Document(NormalizedText folded, string original)
    {
        public NormalizedText Folded { get; } = folded;

        public string Original { get; } = original;

        public List<Hit> AliasHits { get; } = [];

        public List<Hit> CueHits { get; } = [];
    }

    /// <summary>One distinct folded string with every role it plays: alias of some skills, and/or a cue word.</summary>
    internal sealed class Pattern(string text)
    {
        public string Text { get; } = text;

        public List<Candidate> Candidates { get; } = [];

        public bool Preferred { get; set; }

        public bool Required { get; set; }

        public Proficiency? Proficiency { get; set; }

        public Section Heading { get; set; }

        public bool IsContext { get; set; }

        /// <summary>A phrase that is no skill and, as the longest match, hides the aliases inside it (<see cref="Skill.Blocked"/>).</summary>
        public bool Blocks { get; set; }

        /// <summary>Says that a sentence is about the employer's own products or partners (<see cref="Cues.EmployerProducts"/>).</summary>
        public bool EmployerProducts { get; set; }

        public bool IsCue => Preferred || Required || Proficiency is not null || Heading != Section.None || IsContext || EmployerProducts;

        public void AddCandidate(Candidate candidate)
        {
            // Unambiguous meanings are tried last: "transformers" is the library only with Hugging Face nearby.
            if (Candidates.Any(c => c.Skill == candidate.Skill && (c.ExactForms is null) == (candidate.ExactForms is null)))
            {
                return;
            }

            if (candidate.ExactForms is null)
            {
                Candidates.Add(candidate);
            }
            else
            {
                Candidates.Insert(Candidates.Count(c => c.ExactForms is not null), candidate);
            }
        }
    }

    private sealed class PatternBuilder
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private readonly List<Pattern> _patterns = [];

        public Dictionary<string, int> Ids => _ids;

        public Pattern Get(string folded) => _patterns[Id(folded)];

        /// <summary>Registers a context cue; its pattern id is the cue id.</summary>
        public int MarkContext(string folded)
        {
            var id = Id(folded);
            _patterns[id].IsContext = true;
            return id;
        }

        private int Id(string folded)
        {
            if (!_ids.TryGetValue(folded, out var id))
            {
                id = _patterns.Count;
                _ids[folded] = id;
                _patterns.Add(new Pattern(folded));
            }

            return id;
        }

        public Pattern[] Build() => _patterns.Where(p => p.Text.Length > 0).Count() == _patterns.Count
            ? [.. _patterns]
            : throw new InvalidOperationException("Empty pattern.");
    }
}
