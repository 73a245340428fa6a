using TalentMatch.Core.Skills.Linking;

namespace TalentMatch.Core.Skills;

/// <summary>A phrase that no alias matches but that sits in a list with known skills, with how often it was seen.</summary>
/// <param name="Phrase">The phrase as first written.</param>
/// <param name="Count">Occurrences over all documents.</param>
/// <param name="Documents">Documents it occurs in.</param>
/// <param name="Examples">Up to <see cref="TaxonomySuggester.MaxExamples"/> lines it occurs in, from different documents.</param>
public sealed record SuggestedPhrase(string Phrase, int Count, int Documents, IReadOnlyList<string> Examples);

/// <summary>
/// Evidence for taxonomy growth (<c>talentmatch taxonomy suggest</c>): counts the items of skill lists that the
/// taxonomy does not know, as <see cref="UnknownListItems"/> reads them (the same items semantic linking tries to
/// link), so "Eclipse 4.2" and "eclipse" count together. Not thread-safe: one instance per run.
/// </summary>
public sealed class TaxonomySuggester(SkillExtractor extractor)
{
    public const int MaxExamples = 3;
    public const int MaxExampleLength = 120;

    /// <summary>Longest phrase kept, in characters; longer items are sentences, not names.</summary>
    public const int MaxPhraseLength = UnknownListItems.MaxPhraseLength;

    /// <summary>Distinct phrases tracked; later new phrases are ignored so that memory stays bounded on any input.</summary>
    public const int MaxDistinctPhrases = 200_000;

    private readonly SkillExtractor _extractor = extractor ?? throw new ArgumentNullException(nameof(extractor));
    private readonly Dictionary<string, Entry> _phrases = new(StringComparer.Ordinal);

    /// <summary>Documents read so far.</summary>
    public int DocumentCount { get; private set; }

    /// <summary>
    /// Reads one document (resume or ad, any language). Each line is extracted on its own: the extractor keeps at most
    /// <see cref="SkillExtractor.MaxEvidencePerSkill"/> spans per skill and document, and a known skill past that cap
    /// must not look unknown.
    /// </summary>
    public void Add(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        DocumentCount++;
        var seenHere = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var spans = UnknownListItems.SpansOf(_extractor.Extract(line, ExtractionMode.Resume));
            foreach (var item in UnknownListItems.Find(line, spans))
            {
                Count(item, line, seenHere);
            }
        }
    }

    /// <summary>Phrases seen in at least <paramref name="minDocuments"/> documents, most widespread first.</summary>
    public IReadOnlyList<SuggestedPhrase> Top(int count, int minDocuments = 2) =>
        _phrases.Values.Where(e => e.Documents >= minDocuments)
            .OrderByDescending(e => e.Documents).ThenByDescending(e => e.Count).ThenBy(e => e.Phrase, StringComparer.Ordinal)
            .Take(count)
            .Select(e => new SuggestedPhrase(e.Phrase, e.Count, e.Documents, e.Examples))
            .ToList();

    private void Count(UnknownItem item, string text, HashSet<string> seenHere)
    {
        var key = UnknownListItems.Key(item.Phrase);
        if (!_phrases.TryGetValue(key, out var entry))
        {
            if (_phrases.Count >= MaxDistinctPhrases)
            {
                return;
            }

            entry = new Entry(item.Phrase);
            _phrases[key] = entry;
        }

        entry.Count++;
        if (seenHere.Add(key))
        {
            entry.Documents++;
            if (entry.Examples.Count < MaxExamples)
            {
                var line = text.AsSpan(item.LineStart, Math.Min(item.LineEnd - item.LineStart, MaxExampleLength)).Trim();
                entry.Examples.Add(line.ToString());
            }
        }
    }

    private sealed class Entry(string phrase)
    {
        public string Phrase { get; } = phrase;

        public int Count { get; set; }

        public int Documents { get; set; }

        public List<string> Examples { get; } = [];
    }
}
