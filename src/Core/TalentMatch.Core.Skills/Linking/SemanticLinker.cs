using Microsoft.Extensions.AI;
using TalentMatch.Core.Skills.Linking;

namespace TalentMatch.Core.Skills;

/// <summary>One unknown list item and the taxonomy node nearest to it, before any threshold.</summary>
/// <param name="Phrase">The item as cleaned (<c>Kibana</c> from <c>"experience with Kibana 7"</c>).</param>
/// <param name="Start">Offset of the phrase in the text.</param>
/// <param name="End">End offset, exclusive.</param>
/// <param name="SkillId">The nearest node.</param>
/// <param name="Score">Cosine of the sentence embeddings (English) or bigram Dice with a Chinese name (Chinese), 0–1.</param>
/// <param name="Chinese">Whether the phrase was compared as Chinese.</param>
public sealed record PhraseLink(string Phrase, int Start, int End, string SkillId, double Score, bool Chinese);

/// <summary>
/// Semantic linking, the step after exact extraction: items of skill lists that match no alias (the ones
/// <c>taxonomy suggest</c> lists) are linked to the nearest taxonomy node when they come close enough to one of its
/// names. English phrases are compared as sentence embeddings with every Latin-script node name and alias (the
/// product's ONNX model, through <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>, so this library does not
/// depend on ONNX Runtime); Chinese phrases, which that model cannot read, by character bigrams with the Chinese names
/// and aliases. A linked skill is marked (<see cref="SkillMatch.LinkConfidence"/>) and never merged into an exact
/// match: a node found by an alias keeps only its exact evidence, and a link to it is dropped. Thread-safe; build one
/// per taxonomy and generator and share it: the names are embedded once, on first use.
/// </summary>
public sealed class SemanticLinker
{
    private readonly SkillTaxonomy _taxonomy;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly SemanticLinkingOptions _options;
    private readonly NodeNames _names;
    private readonly ChineseNameIndex _chinese;
    private readonly Lazy<Task<EnglishNameIndex>> _english;

    public SemanticLinker(SkillTaxonomy taxonomy, IEmbeddingGenerator<string, Embedding<float>> generator, SemanticLinkingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(generator);
        options ??= new SemanticLinkingOptions();
        options.Validate();
        (_taxonomy, _generator, _options) = (taxonomy, generator, options);
        _names = new NodeNames(taxonomy);
        _chinese = new ChineseNameIndex(_names.Chinese);

        // Not cancelled with the first caller's token: the index is shared by every later document.
        _english = new(() => EnglishNameIndex.BuildAsync(_names.English, _generator, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public SemanticLinkingOptions Options => _options;

    /// <summary>Latin-script names embedded, after the first call (for reporting the index's size).</summary>
    public int EnglishNameCount => _names.English.Count;

    /// <summary>Embeds the node names now instead of on the first document (a host's start, a benchmark's set-up).</summary>
    public Task WarmUpAsync() => _english.Value;

    /// <summary>
    /// <paramref name="exact"/> (what <see cref="SkillExtractor.Extract"/> found in <paramref name="text"/>) with the
    /// linked skills appended. In a job ad a linked skill is only <see cref="RequirementLevel.Mentioned"/>: the link is
    /// less certain than an alias, so it never becomes a hard requirement.
    /// </summary>
    public async Task<ExtractionResult> LinkAsync(string text, ExtractionResult exact, ExtractionMode mode, CancellationToken cancellationToken = default)
    {
        var links = await ProposeAsync(text, exact, cancellationToken).ConfigureAwait(false);
        var found = exact.Skills.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var linked = new Dictionary<string, (List<EvidenceSpan> Evidence, double Confidence)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var link in links.Where(l => !found.Contains(l.SkillId) && l.Score >= (l.Chinese ? _options.ChineseThreshold : _options.EnglishThreshold)))
        {
            if (!linked.TryGetValue(link.SkillId, out var entry))
            {
                entry = ([], 0);
                order.Add(link.SkillId);
            }

            if (entry.Evidence.Count < SkillExtractor.MaxEvidencePerSkill)
            {
                entry.Evidence.Add(new EvidenceSpan(link.Start, link.End, text[link.Start..link.End]));
            }

            linked[link.SkillId] = (entry.Evidence, Math.Max(entry.Confidence, link.Score));
        }

        if (order.Count == 0)
        {
            return exact;
        }

        var level = mode == ExtractionMode.JobDescription ? RequirementLevel.Mentioned : (RequirementLevel?)null;
        var added = order.Select(id =>
        {
            _taxonomy.TryGet(id, out var skill);
            return new SkillMatch(id, skill!.Name, skill.Category, level, null, null, linked[id].Evidence)
            {
                LinkConfidence = Math.Round(linked[id].Confidence, 3),
            };
        });
        return exact with { Skills = [.. exact.Skills, .. added] };
    }

    /// <summary>
    /// Every unknown list item of <paramref name="text"/> (at most <see cref="SemanticLinkingOptions.MaxPhrasesPerDocument"/>
    /// distinct ones, in text order) with its nearest node and score, before thresholds and before exact matches win:
    /// what the benchmark calibrates the thresholds on.
    /// </summary>
    public async Task<IReadOnlyList<PhraseLink>> ProposeAsync(string text, ExtractionResult exact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(exact);
        var items = Candidates(text, exact);
        if (items.Count == 0)
        {
            return [];
        }

        var links = new List<PhraseLink>(items.Count);
        var english = items.Where(i => !i.Key.Any(UnknownListItems.IsChinese)).ToList();
        if (english.Count > 0)
        {
            var index = await _english.Value.ConfigureAwait(false);
            var vectors = await _generator.GenerateAsync(english.Select(i => i.Key), cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < english.Count; k++)
            {
                var (node, score) = index.Nearest(EnglishNameIndex.Normalised(vectors[k].Vector.Span));
                Add(links, english[k].Item, node, score, chinese: false);
            }
        }

        foreach (var (item, key) in items.Where(i => i.Key.Any(UnknownListItems.IsChinese)))
        {
            var (node, score) = _chinese.Nearest(key);
            Add(links, item, node, score, chinese: true);
        }

        links.Sort((a, b) => a.Start.CompareTo(b.Start));
        return links;
    }

    /// <summary>The document's unknown list items, each distinct phrase once (its first place), bounded per document.</summary>
    private List<(UnknownItem Item, string Key)> Candidates(string text, ExtractionResult exact)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<(UnknownItem, string)>();
        foreach (var item in UnknownListItems.Find(text, UnknownListItems.SpansOf(exact)))
        {
            if (items.Count >= _options.MaxPhrasesPerDocument)
            {
                break;
            }

            var key = UnknownListItems.Key(item.Phrase);
            if (!_names.IsRefused(key) && seen.Add(key))
            {
                items.Add((item, key));
            }
        }

        return items;
    }

    private void Add(List<PhraseLink> links, UnknownItem item, int node, double score, bool chinese)
    {
        if (node >= 0)
        {
            links.Add(new PhraseLink(item.Phrase, item.Start, item.End, _taxonomy.Skills[node].Id, Math.Clamp(score, 0, 1), chinese));
        }
    }
}
