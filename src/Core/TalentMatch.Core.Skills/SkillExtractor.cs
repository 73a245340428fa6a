using TalentMatch.Core.Skills.Matching;

namespace TalentMatch.Core.Skills;

/// <summary>
/// Finds taxonomy skills in English, Chinese or mixed text with character offsets into the original string.
/// Construct once per taxonomy (building the automaton takes a moment) and share: <see cref="Extract"/> is
/// thread-safe and keeps no state between calls. Cost is linear in the text length.
/// The work runs in stages (in <c>Matching/</c>): <see cref="CompiledPatterns"/> (taxonomy → automaton, once),
/// <see cref="AliasScanner"/> (text → alias and cue hits), <see cref="MentionResolver"/> with
/// <see cref="CoordinationExpander"/> (hits → mentions) and <see cref="SkillAggregator"/> (mentions → result).
/// </summary>
public sealed class SkillExtractor
{
    /// <summary>Evidence spans kept per skill; more mentions add nothing for matching and would bloat the output.</summary>
    public const int MaxEvidencePerSkill = 20;

    /// <summary>Most characters between a <see cref="Skill.NotAfter"/> word and the alias it turns into an activity.</summary>
    public const int MaxNotAfterGap = 12;

    private static readonly Lazy<SkillExtractor> DefaultInstance = new(() => new SkillExtractor(SkillTaxonomy.LoadDefault()));

    private readonly SkillTaxonomy _taxonomy;
    private readonly AliasScanner _scanner;
    private readonly MentionResolver _resolver;
    private readonly SkillAggregator _aggregator;

    public SkillExtractor(SkillTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        _taxonomy = taxonomy;
        var compiled = new CompiledPatterns(taxonomy);
        _scanner = new AliasScanner(compiled);
        _resolver = new MentionResolver(compiled, new CoordinationExpander(compiled));
        _aggregator = new SkillAggregator(compiled);
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
        _scanner.Scan(doc);
        var mentions = _resolver.Resolve(doc);
        return new ExtractionResult(language, _aggregator.Aggregate(doc, mentions, mode));
    }
}
