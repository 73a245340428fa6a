namespace TalentMatch.Core.Skills;

/// <summary>
/// Settings of <see cref="SemanticLinker"/>. The thresholds were calibrated on the resume gold set's dev split
/// (docs/benchmarks.md, "Semantic linking"): each is the lowest at which no dev link was wrong.
/// </summary>
public sealed class SemanticLinkingOptions
{
    /// <summary>Cosine between an English phrase's sentence embedding and a node name's or alias's at or above which the phrase is linked.</summary>
    public double EnglishThreshold { get; set; } = 0.90;

    /// <summary>Character-bigram overlap (Dice) between a Chinese phrase and a node's Chinese name or alias at or above which it is linked.</summary>
    public double ChineseThreshold { get; set; } = 0.70;

    /// <summary>
    /// Unknown list items embedded per document, the first ones in text order: bounds the model calls a document
    /// costs whatever its length (a 500-line tools table is not 500 embeddings).
    /// </summary>
    public int MaxPhrasesPerDocument { get; set; } = 32;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(EnglishThreshold, 0, nameof(EnglishThreshold));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(EnglishThreshold, 1, nameof(EnglishThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(ChineseThreshold, 0, nameof(ChineseThreshold));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ChineseThreshold, 1, nameof(ChineseThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPhrasesPerDocument, 0, nameof(MaxPhrasesPerDocument));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxPhrasesPerDocument, 1_000, nameof(MaxPhrasesPerDocument));
    }
}
