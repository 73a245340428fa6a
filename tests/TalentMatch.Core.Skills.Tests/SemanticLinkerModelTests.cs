using TalentMatch.Core.Embeddings;

namespace TalentMatch.Core.Skills.Tests;

/// <summary>Semantic linking with the product's ONNX model and taxonomy, as ingestion runs it when the setting is on.</summary>
public class SemanticLinkerModelTests
{
    private static readonly Lazy<SemanticLinker> Linker = new(() =>
        new SemanticLinker(SkillTaxonomy.LoadDefault(), new OnnxSentenceEmbeddingGenerator()));

    private static Task<IReadOnlyList<PhraseLink>> Propose(string text) =>
        Linker.Value.ProposeAsync(text, SkillExtractor.Default.Extract(text, ExtractionMode.Resume), TestContext.Current.CancellationToken);

    private static Task<ExtractionResult> Link(string text) =>
        Linker.Value.LinkAsync(text, SkillExtractor.Default.Extract(text, ExtractionMode.Resume), ExtractionMode.Resume, TestContext.Current.CancellationToken);

    [Fact]
    public async Task The_real_model_puts_spellings_no_alias_covers_nearest_to_their_nodes()
    {
        // "Tensor Flow" was a third case until taxonomy 1.4.0 made it an alias (resumes write it so).
        var proposed = await Propose("Python, Num Py\nPython, XG Boost");

        Assert.Equal(
            [("Num Py", "numpy"), ("XG Boost", "gradient-boosting")],
            proposed.Select(p => (p.Phrase, p.SkillId)));
        Assert.All(proposed, p => Assert.InRange(p.Score, 0.5, 1));
    }

    [Fact]
    public async Task At_the_calibrated_threshold_languages_places_people_and_methods_beside_skills_are_not_linked()
    {
        // Dev-split phrases whose nearest node was wrong (docs/benchmarks.md): "Regression" came nearest to statistics at 0.875.
        var result = await Link("Python, Hebrew\nPython, Israel\nPython, Satish\nPython, Regression");

        Assert.Equal(["python"], result.Skills.Select(s => s.Id));
        Assert.Null(result.Skills[0].LinkConfidence);
    }
}
