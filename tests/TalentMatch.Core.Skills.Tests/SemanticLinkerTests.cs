using Microsoft.Extensions.AI;

namespace TalentMatch.Core.Skills.Tests;

/// <summary>
/// The linking logic, with a generator that returns chosen vectors (the real model's behaviour is in
/// <see cref="SemanticLinkerModelTests"/>): what is linked, what an exact match overrides, what the bound allows.
/// </summary>
public class SemanticLinkerTests
{
    private static readonly SkillTaxonomy Taxonomy = SkillTaxonomy.FromJson("0.0.1", """
        {"skills": [
          {"id": "python", "name": "Python", "zh": "Python", "category": "language", "aliases": ["python"]},
          {"id": "kafka", "name": "Apache Kafka", "zh": "Kafka", "category": "data", "aliases": ["kafka"]},
          {"id": "knowledge-graphs", "name": "Knowledge Graphs", "zh": "知识图谱构建", "category": "nlp", "aliases": ["knowledge graph"]},
          {"id": "go", "name": "Go", "zh": "Go", "category": "language", "ambiguous": ["Go"], "context": ["golang"]},
          {"id": "ml-engineer", "name": "ML Engineer", "zh": "机器学习工程师", "category": "role", "kind": "role"}
        ]}
        """);

    /// <summary>Unit vectors along axes: "event streaming bus" sits at cosine 0.9 from Kafka's names, everything else far off.</summary>
    private sealed class ChosenVectors : IEmbeddingGenerator<string, Embedding<float>>
    {
        public List<string> Requested { get; } = [];

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            Requested.AddRange(texts);
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(VectorOf(t)))));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }

        private static float[] VectorOf(string text) => text switch
        {
            "apache kafka" or "kafka" => [1, 0, 0, 0, 0],
            "event streaming bus" => [0.9f, 0.43589f, 0, 0, 0],
            "python" => [0, 0, 1, 0, 0],
            "snake scripting" => [0, 0.1f, 0.995f, 0, 0],
            "knowledge graphs" or "knowledge graph" => [0, 0, 0, 1, 0],
            _ => [0, 0, 0, 0, 1],
        };
    }

    private static (SemanticLinker Linker, ChosenVectors Generator) Linker(int maxPhrases = 32)
    {
        var generator = new ChosenVectors();
        return (new SemanticLinker(Taxonomy, generator, new SemanticLinkingOptions { EnglishThreshold = 0.85, ChineseThreshold = 0.5, MaxPhrasesPerDocument = maxPhrases }), generator);
    }

    private static Task<ExtractionResult> Link(SemanticLinker linker, string text, ExtractionMode mode = ExtractionMode.Resume) =>
        linker.LinkAsync(text, new SkillExtractor(Taxonomy).Extract(text, mode), mode, TestContext.Current.CancellationToken);

    [Fact]
    public async Task An_unknown_list_item_close_to_a_node_is_linked_and_marked_with_its_confidence()
    {
        var (linker, _) = Linker();
        const string text = "Skills: Blorp, Python, Event Streaming Bus";

        var result = await Link(linker, text);

        var python = Assert.Single(result.Skills, s => s.Id == "python");
        Assert.Null(python.LinkConfidence);
        var kafka = Assert.Single(result.Skills, s => s.Id == "kafka");
        Assert.Equal(0.9, kafka.LinkConfidence!.Value, 3);
        var evidence = Assert.Single(kafka.Evidence);
        Assert.Equal("Event Streaming Bus", text[evidence.Start..evidence.End]);
        Assert.Equal(["python", "kafka"], result.Skills.Select(s => s.Id)); // "Blorp" is far from every name
    }

    [Fact]
    public async Task An_exact_match_wins_over_a_link_to_the_same_node()
    {
        var (linker, _) = Linker();

        var result = await Link(linker, "Python, Snake Scripting");

        var python = Assert.Single(result.Skills);
        Assert.Null(python.LinkConfidence);
        Assert.Equal("Python", Assert.Single(python.Evidence).Text);
    }

    [Fact]
    public async Task A_linked_skill_in_a_job_ad_is_only_mentioned_even_in_a_requirements_list()
    {
        var (linker, _) = Linker();

        var result = await Link(linker, "Requirements: must have Python, Event Streaming Bus", ExtractionMode.JobDescription);

        Assert.Equal(RequirementLevel.Required, result.Skills.Single(s => s.Id == "python").Level);
        Assert.Equal(RequirementLevel.Mentioned, result.Skills.Single(s => s.Id == "kafka").Level);
    }

    [Fact]
    public async Task Prose_without_a_known_skill_embeds_nothing_and_the_phrases_per_document_are_bounded()
    {
        var (linker, generator) = Linker(maxPhrases: 2);
        await linker.WarmUpAsync();
        var names = generator.Requested.Count;

        await Link(linker, "We met in New York, Boston and Paris.");
        Assert.Equal(names, generator.Requested.Count);

        await Link(linker, "Alpha1, Python, Beta2\nGamma3, Python, Delta4, Python, Alpha1");
        Assert.Equal(["alpha1", "beta2"], generator.Requested.Skip(names));
    }

    [Fact]
    public async Task Names_are_embedded_once_and_context_only_names_and_roles_are_not_link_targets()
    {
        var (linker, generator) = Linker();

        await Link(linker, "Python, Event Streaming Bus");
        await Link(linker, "Python, Event Streaming Bus");

        var names = generator.Requested.Where(t => t != "event streaming bus").ToList();
        Assert.Equal(["python", "apache kafka", "kafka", "knowledge graphs", "knowledge graph"], names);
        Assert.DoesNotContain("go", generator.Requested);
        Assert.DoesNotContain("ml engineer", generator.Requested);
    }

    [Fact]
    public async Task A_Chinese_item_is_linked_by_the_characters_it_shares_with_a_Chinese_name()
    {
        var (linker, generator) = Linker();

        var result = await Link(linker, "熟悉Python、知识图谱搭建");

        var graphs = Assert.Single(result.Skills, s => s.Id == "knowledge-graphs");
        Assert.Equal(0.6, graphs.LinkConfidence!.Value, 3); // 3 of 5 bigrams on either side
        Assert.Equal("知识图谱搭建", Assert.Single(graphs.Evidence).Text);
        Assert.DoesNotContain("知识图谱搭建", generator.Requested); // Chinese phrases never reach the English model
    }
}
