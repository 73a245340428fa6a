namespace TalentMatch.Core.Skills.Matching;

/// <summary>
/// Stage 2, scanning: runs the automaton of <see cref="CompiledPatterns"/> once over a <see cref="Document"/>'s folded
/// text and fills its <see cref="Document.AliasHits"/> (word-bounded, outside URLs and e-mail addresses, overlaps kept)
/// and <see cref="Document.CueHits"/> (sorted by start, longest first). Deciding what a hit means is left to
/// <see cref="MentionResolver"/>.
/// </summary>
internal sealed class AliasScanner(CompiledPatterns compiled)
{
    private readonly Pattern[] _patterns = compiled.Patterns;
    private readonly AhoCorasick _automaton = compiled.Automaton;

    public void Scan(Document doc)
    {
        var t = doc.Folded.Text;
        List<Hit>? inside = null;
        _automaton.FindAll(t, (start, length, id) =>
        {
            var p = _patterns[id];
            if (!IsWordBounded(t, start, length))
            {
                if (length >= MinRunTogetherPiece && p.Candidates.Count > 0 && char.IsAsciiLetterUpper(doc.Original[doc.Folded.Map[start]]))
                {
                    (inside ??= []).Add(new Hit(start, start + length, id));
                }

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
        if (inside is not null)
        {
            AddRunTogetherAcronyms(doc, inside);
        }

        DropHitsInUrls(doc);
        doc.CueHits.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
    }

    private const int MinRunTogetherPiece = 3;
    private const int MaxRunTogetherWord = 40;

    /// <summary>
    /// Acronyms written without separators, "RNNLSTMCNN": a word in capitals that known aliases of three letters or more
    /// tile exactly, two or more of them, reads as those aliases. Only the hits inside words are offered (in scan order,
    /// by end); a word that is one alias or that no tiling covers ("SASS" is not SAS + S) adds nothing, and neither does
    /// the name of a body ("NASSCOM foundation" is no NAS + SCOM; <see cref="NamesABody"/>).
    /// </summary>
    private static void AddRunTogetherAcronyms(Document doc, List<Hit> inside)
    {
        var t = doc.Folded.Text;
        inside.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var next = 0;
        while (next < inside.Count)
        {
            var start = inside[next].Start;
            while (start > 0 && NormalizedText.IsWordChar(t[start - 1]))
            {
                start--;
            }

            var wordEnd = inside[next].End;
            while (wordEnd < t.Length && NormalizedText.IsWordChar(t[wordEnd]))
            {
                wordEnd++;
            }

            // The word's own hits only (sorted by start, they follow one another): a tiling never looks at another word's,
            // so a document of many such words costs time in proportion to its hits, not their square.
            var first = next;
            while (next < inside.Count && inside[next].Start < wordEnd)
            {
                next++;
            }

            if (wordEnd - start > MaxRunTogetherWord)
            {
                continue; // bounded work on hostile input ("AAAA…")
            }

            var (from, to) = doc.Folded.ToOriginal(start, wordEnd);
            if (!doc.Original.AsSpan(from, to - from).ContainsAnyInRange('a', 'z') && !NamesABody(t, wordEnd)
                && Tiling(inside.GetRange(first, next - first), start, wordEnd) is { Count: >= 2 } pieces)
            {
                doc.AliasHits.AddRange(pieces);
            }
        }
    }

    /// <summary>
    /// Whether the word ending at <paramref name="wordEnd"/> is followed by a noun of <see cref="Cues.OrganisationNouns"/>
    /// ("NASSCOM foundation", "XX协会"). Organisations are named in capitals as run-together acronyms are, and their
    /// names are built from letters that skills' acronyms also use (NASSCOM holds NAS and SCOM), so the word alone cannot
    /// tell them apart; the noun after it can: a run of acronyms is a list of skills, and a list is followed by 等, "etc."
    /// or the rest of the sentence, never by "foundation". A stop list of names would only ever hold the ones seen.
    /// </summary>
    private static bool NamesABody(string folded, int wordEnd)
    {
        var rest = folded.AsSpan(wordEnd);
        if (rest.StartsWith(" ", StringComparison.Ordinal))
        {
            rest = rest[1..];
        }

        foreach (var noun in Cues.OrganisationNouns)
        {
            // A Latin noun is a whole word ("RNNCNN foundations", the basics, names no body); a Chinese one is the next
            // characters.
            if (rest.StartsWith(noun, StringComparison.Ordinal)
                && (NormalizedText.IsCjk(noun[0]) || rest.Length == noun.Length || !NormalizedText.IsWordChar(rest[noun.Length])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Hits that cover [start, end) exactly, one after the other, longest first at each step; null when none do.</summary>
    private static List<Hit>? Tiling(List<Hit> inside, int start, int end)
    {
        var path = new List<Hit>();
        var deadEnds = new HashSet<int>(); // positions no tiling continues from: each is tried once
        return Extend(start) ? path : null;

        bool Extend(int position)
        {
            if (position == end)
            {
                return true;
            }

            if (!deadEnds.Add(position))
            {
                return false;
            }

            foreach (var hit in inside)
            {
                if (hit.Start == position && hit.End <= end)
                {
                    path.Add(hit);
                    if (Extend(hit.End))
                    {
                        return true;
                    }

                    path.RemoveAt(path.Count - 1);
                }
            }

            return false;
        }
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

    /// <summary>Shortest alias that may carry a version written onto it: "CSS3" and "Java8" are CSS and Java, "R2" and "C4" stay unread.</summary>
    public const int MinVersionedAliasLength = 3;

    /// <summary>
    /// Latin aliases must start and end at word boundaries; CJK needs none ("熟悉pytorch框架"). A version written onto a
    /// name of <see cref="MinVersionedAliasLength"/> letters or more keeps the boundary ("CSS3", "Python3.10", "YOLOv8",
    /// "Qwen2.5"), as long as no letter follows the number ("Word2Vec", "BERT4Rec" are other names).
    /// </summary>
    private static bool IsWordBounded(string t, int start, int length)
    {
        var end = start + length;
        if (NormalizedText.IsWordChar(t[start]) && start > 0 && NormalizedText.IsWordChar(t[start - 1]))
        {
            return false;
        }

        if (!(NormalizedText.IsWordChar(t[end - 1]) && end < t.Length && NormalizedText.IsWordChar(t[end])))
        {
            return true;
        }

        return length >= MinVersionedAliasLength && char.IsAsciiLetter(t[end - 1]) && VersionEnd(t, end) is var after && after > end
            && (after == t.Length || !NormalizedText.IsWordChar(t[after]));
    }

    /// <summary>The end of a version number at <paramref name="i"/> ("3", "3.10", "v8", "2.x"), or <paramref name="i"/> when there is none.</summary>
    private static int VersionEnd(string t, int i)
    {
        var j = i < t.Length && t[i] == 'v' ? i + 1 : i;
        if (j >= t.Length || !char.IsAsciiDigit(t[j]))
        {
            return i;
        }

        while (j < t.Length && (char.IsAsciiDigit(t[j]) || (t[j] == '.' && j + 1 < t.Length && (char.IsAsciiDigit(t[j + 1]) || t[j + 1] == 'x'))))
        {
            j += t[j] == '.' && t[j + 1] == 'x' ? 2 : 1;
        }

        return j;
    }
}
