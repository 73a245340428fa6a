using System.ComponentModel.DataAnnotations;

namespace TalentMatch.Modules.Ingestion;

/// <summary>Settings of the ingestion service (<c>TalentMatch:Ingestion</c>).</summary>
public sealed class IngestionOptions
{
    public const string Section = "TalentMatch:Ingestion";

    /// <summary>
    /// Semantic linking after exact extraction (<see cref="Core.Skills.SemanticLinker"/>): unknown items of skill lists
    /// linked to taxonomy nodes, marked with a confidence. Off by default: on the gold sets' dev and test splits it adds
    /// almost no recall at a threshold that keeps precision, and it costs a model call per document (docs/benchmarks.md,
    /// "Semantic linking"). On, ingestion loads the embedding model (shared with the embedding module in one process).
    /// </summary>
    public bool SemanticLinking { get; set; }

    /// <summary>Cosine at or above which an English phrase is linked (calibrated on the dev split).</summary>
    [Range(0.0, 1.0)]
    public double LinkThresholdEnglish { get; set; } = new Core.Skills.SemanticLinkingOptions().EnglishThreshold;

    /// <summary>Bigram overlap at or above which a Chinese phrase is linked (calibrated on the dev split).</summary>
    [Range(0.0, 1.0)]
    public double LinkThresholdChinese { get; set; } = new Core.Skills.SemanticLinkingOptions().ChineseThreshold;

    /// <summary>Unknown phrases embedded per document at most.</summary>
    [Range(0, 1000)]
    public int MaxLinkPhrasesPerDocument { get; set; } = new Core.Skills.SemanticLinkingOptions().MaxPhrasesPerDocument;
}
