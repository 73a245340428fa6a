using static TalentMatch.Core.Skills.Matching.ListSyntax;

namespace TalentMatch.Core.Skills.Matching;

/// <summary>
/// Stage 3, resolution: takes a scanned <see cref="Document"/> and produces the accepted mentions, sorted by start.
/// Picks non-overlapping alias hits (longest first), then decides which skill each one means: unambiguous aliases
/// unless they follow an activity word, ambiguous ones by exact casing, negative phrases and context cues (or, failing
/// those, a list neighbour via <see cref="CoordinationExpander"/>); finally drops products named as the employer's own.
/// </summary>
internal sealed class MentionResolver(CompiledPatterns compiled, CoordinationExpander coordination)
{
    private const int ContextWindow = 80;     // folded characters either side in which a context cue confirms an ambiguous alias

    private readonly Skill[] _skills = compiled.Skills;
    private readonly Pattern[] _patterns = compiled.Patterns;
    private readonly HashSet<int>[] _contextCues = compiled.ContextCues;
    private readonly string[][] _negatives = compiled.Negatives;
    private readonly string[][] _notAfter = compiled.NotAfter;
    private readonly bool[] _isProduct = compiled.IsProduct;
    private readonly CoordinationExpander _coordination = coordination;

    /// <summary>Picks non-overlapping alias hits (longest first) and decides which skill each one means.</summary>
    public List<Mention> Resolve(Document doc)
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
                if (evidenceCount.GetValueOrDefault(candidate.Skill) >= SkillExtractor.MaxEvidencePerSkill)
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

        _coordination.ExpandSharedAffixes(doc.Folded.Text, chosen, accepted, evidenceCount);
        _coordination.ExpandModifierHeads(doc.Folded.Text, chosen, accepted, evidenceCount);
        _coordination.ExpandSharedHeads(doc.Folded.Text, accepted, evidenceCount);

        // Ambiguous aliases confirmed by a neighbouring list item: "Python, R, Go" — each pass can confirm the next item.
        CoordinationExpander.ConfirmListedNeighbours(doc.Folded.Text, accepted, pending);

        DropEmployerProducts(doc, accepted);
        accepted.Sort((a, b) => a.Start.CompareTo(b.Start));
        return accepted;
    }

    /// <summary>
    /// Whether one of <paramref name="words"/> precedes the hit in the same clause, with at least one and at most
    /// <see cref="SkillExtractor.MaxNotAfterGap"/> characters between ("与其他团队合作"); right before it, it is a list conjunction.
    /// </summary>
    private static bool FollowsActivityWord(string t, Hit hit, string[] words)
    {
        // An alias at the very start of the text has nothing before it (and must not look at index -1).
        var from = Math.Max(0, hit.Start - 1);
        while (from > 0 && hit.Start - from <= SkillExtractor.MaxNotAfterGap && IsItemChar(t[from - 1]))
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
        var surface = NormalizedText.FoldWidth(doc.Original.AsSpan(start, end - start));
        if (!candidate.ExactForms!.Contains(surface, StringComparer.Ordinal) && !IsLowerCaseNameInChinese(doc.Original, start, end, surface, candidate.ExactForms!))
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

    /// <summary>
    /// Chinese text has no English words, so a lower-case product name written against Chinese characters or
    /// punctuation ("office（word、excel、PPT）") is still the product; context cues are checked as usual. Names of one or
    /// two letters ("go", "r", "c") stay case-sensitive: Chinese ads write "C端" and "go语言" for other things as well.
    /// </summary>
    private static bool IsLowerCaseNameInChinese(string original, int start, int end, string surface, IReadOnlyList<string> exactForms)
    {
        if (surface.Length < 3 || !exactForms.Contains(surface, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        static bool IsChinese(char c) => NormalizedText.IsCjk(c) || c is (>= '\u3000' and <= '\u303F') or (>= '\uFF01' and <= '\uFF0F') or (>= '\uFF1A' and <= '\uFF20');
        return (start > 0 && IsChinese(original[start - 1])) || (end < original.Length && IsChinese(original[end]));
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
}
