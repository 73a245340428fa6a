namespace TalentMatch.Core.Skills.Tests;

public class TaxonomyTests
{
    private static readonly SkillTaxonomy Taxonomy = SkillTaxonomy.LoadDefault();

    [Fact]
    public void The_default_taxonomy_loads_with_a_version_and_more_than_a_thousand_skills()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+$", Taxonomy.Version);
        Assert.True(Taxonomy.Skills.Count >= 1000, $"only {Taxonomy.Skills.Count} skills");
        Assert.Equal(Taxonomy.Skills.Count, Taxonomy.Skills.Select(s => s.Id).Distinct().Count());
        Assert.Same(Taxonomy, SkillTaxonomy.LoadDefault());
    }

    [Theory]
    [InlineData("react", "frontend-development")]
    [InlineData("onet-google-angular", "frontend-development")]
    [InlineData("onet-hypertext-markup-language-html", "frontend-development")]
    [InlineData("react-native", "mobile-development")]
    [InlineData("django", "python-web")]
    [InlineData("streamlit", "python-web")]
    [InlineData("amazon-redshift", "bigquery")]
    [InlineData("presto-trino", "data-engineering")]
    [InlineData("opensearch", "elasticsearch")]
    [InlineData("onet-apache-solr", "elasticsearch")]
    [InlineData("apache-lucene", "information-retrieval")]
    [InlineData("kserve", "kubeflow")]
    [InlineData("seldon-core", "model-serving")]
    [InlineData("crewai", "ai-agents")]
    [InlineData("semantic-kernel", "autogen")]
    [InlineData("prometheus", "monitoring")]
    [InlineData("weights-and-biases", "experiment-tracking")]
    [InlineData("github-actions", "ci-cd")]
    [InlineData("argo-workflows", "ci-cd")]
    [InlineData("helm", "kubernetes")]
    [InlineData("onet-red-hat-openshift", "kubernetes")]
    [InlineData("onet-github", "git")]
    [InlineData("onet-apache-subversion-svn", "git")]
    [InlineData("onet-microsoft-powershell", "shell-scripting")]
    [InlineData("expressjs", "nodejs")]
    [InlineData("autogpt", "autogen")]
    public void A_product_split_off_a_node_keeps_its_family(string product, string family)
    {
        // Taxonomy 1.12.0 (taxonomy.md, "Forms that named another product"): the matcher credits a parent or a related
        // skill, so the node a product was an alias of stays its ancestor or is related to it (an O*NET product's
        // related list is the importer's, so there the curated node names it).
        Assert.True(Taxonomy.TryGet(product, out var skill));
        Assert.True(Taxonomy.TryGet(family, out var old));
        Assert.True(Taxonomy.AncestorsOf(product).Any(a => a.Id == family) || skill.Related.Contains(family)
            || old.Related.Contains(product), $"{product} lost {family}");
    }

    [Theory]
    [InlineData("distributed-training", "distributed-training")]
    [InlineData("Distributed Training", "distributed-training")]
    [InlineData("分布式训练", "distributed-training")]
    [InlineData(" pytorch ", "pytorch")]
    [InlineData("TORCH", "pytorch")]
    [InlineData("ZeRO-3", "zero-optimizer")]
    public void A_skill_is_found_by_id_name_chinese_name_or_alias_ignoring_case(string named, string id)
    {
        Assert.True(Taxonomy.TryFind(named, out var skill));
        Assert.Equal(id, skill.Id);
        Assert.False(Taxonomy.TryFind("no such skill", out _));
    }

    [Fact]
    public void Zero_sits_under_data_parallelism_which_sits_under_distributed_training()
    {
        var ancestors = Taxonomy.AncestorsOf("zero-optimizer").Select(s => s.Id).ToList();

        Assert.Equal("data-parallelism", ancestors[0]);
        Assert.Contains("distributed-training", ancestors);
        Assert.True(ancestors.IndexOf("data-parallelism") < ancestors.IndexOf("distributed-training"));
    }

    [Fact]
    public void Descendants_of_distributed_training_include_fsdp_zero_and_megatron()
    {
        var descendants = Taxonomy.DescendantsOf("distributed-training").Select(s => s.Id).ToList();

        Assert.Contains("fsdp", descendants);
        Assert.Contains("zero-optimizer", descendants);
        Assert.Contains("megatron-lm", descendants);
        Assert.DoesNotContain("python", descendants);
    }

    [Fact]
    public void Unknown_ids_have_no_relatives_and_try_get_says_no()
    {
        Assert.Empty(Taxonomy.AncestorsOf("no-such-skill"));
        Assert.Empty(Taxonomy.DescendantsOf("no-such-skill"));
        Assert.False(Taxonomy.TryGet("no-such-skill", out _));
        Assert.True(Taxonomy.TryGet("vllm", out var vllm));
        Assert.Equal("vLLM", vllm.Name);
    }

    [Fact]
    public void Hand_curated_ai_skills_almost_all_have_chinese_names_or_aliases()
    {
        var curated = Taxonomy.Skills.Where(s => s.Source.StartsWith("hand-curated: AI/ML", StringComparison.Ordinal)).ToList();
        var withChinese = curated.Count(s => s.Aliases.Append(s.ChineseName).Any(a => a.Any(c => c is >= '\u4E00' and <= '\u9FFF')));

        Assert.True(curated.Count >= 200, $"only {curated.Count} curated AI/ML skills");
        Assert.True(withChinese >= curated.Count * 0.7, $"{withChinese} of {curated.Count} curated skills have Chinese");
    }

    [Fact]
    public void Learning_resources_for_a_skill_include_courses_that_teach_it_or_its_parents()
    {
        var forTokenization = Taxonomy.LearningResourcesFor("tokenization").Select(s => s.Id).ToList();
        var forZero = Taxonomy.LearningResourcesFor("zero-optimizer").Select(s => s.Id).ToList();

        Assert.Contains("course-hf-course", forTokenization);
        Assert.Contains("course-stanford-cs224n", forTokenization); // via the parent nlp
        Assert.Contains("course-stanford-cs336", forZero);          // via distributed training
        Assert.All(forZero, id => Assert.True(Taxonomy.Get(id).Kind is SkillKind.Course or SkillKind.Certification));
    }

    [Fact]
    public void A_taxonomy_with_a_parent_cycle_is_rejected()
    {
        const string json = """
            {"skills": [
              {"id": "a", "name": "A", "category": "x", "parents": ["b"]},
              {"id": "b", "name": "B", "category": "x", "parents": ["a"]}
            ]}
            """;

        Assert.Throws<InvalidDataException>(() => SkillTaxonomy.FromJson("0.0.1", json));
    }

    [Theory]
    [InlineData("""{"skills": [{"id": "a", "name": "A", "category": "x"}, {"id": "a", "name": "A2", "category": "x"}]}""")]
    [InlineData("""{"skills": [{"id": "a", "name": "A", "category": "x", "parents": ["missing"]}]}""")]
    [InlineData("""{"skills": [{"id": "a", "name": "", "category": "x"}]}""")]
    [InlineData("""{"skills": [{"id": "a", "name": "A", "category": "x", "kind": "planet"}]}""")]
    [InlineData("""not json""")]
    public void Malformed_taxonomy_documents_are_rejected_with_a_reason(string json)
    {
        var error = Assert.Throws<InvalidDataException>(() => SkillTaxonomy.FromJson("0.0.1", json));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
