namespace TalentMatch.Core.Embeddings.Tests;

public sealed class ProfileEmbeddingTextTests(ModelFixture model)
{
    private static readonly string[] LlmTrainingSkills = ["PyTorch", "DeepSpeed", "Distributed training"];

    [Fact]
    public void The_title_and_skills_come_before_the_prose()
    {
        var text = ProfileEmbeddingText.Build("  Machine   Learning Engineer ", ["PyTorch", "pytorch", " Kubernetes "], "We train models.\nYou ship them.");

        Assert.Equal("Machine Learning Engineer. PyTorch, Kubernetes. We train models. You ship them.", text);
    }

    [Fact]
    public void Mostly_chinese_sentences_keep_only_their_latin_script_terms()
    {
        var text = ProfileEmbeddingText.Build("大模型训练工程师", LlmTrainingSkills, "招聘大模型训练工程师，精通PyTorch、DeepSpeed，熟悉分布式训练。Experience with Megatron-LM is a plus.");

        Assert.Equal("PyTorch, DeepSpeed, Distributed training. PyTorch, DeepSpeed. Experience with Megatron-LM is a plus.", text);
    }

    [Fact]
    public void Full_width_latin_typed_with_a_chinese_input_method_becomes_ascii()
    {
        var text = ProfileEmbeddingText.Build(null, [], "熟悉ＰｙＴｏｒｃｈ和Ｃ＋＋");

        Assert.Equal("PyTorch, C++.", text);
    }

    [Fact]
    public void Prose_is_capped_at_a_word_boundary()
    {
        var prose = string.Join(' ', Enumerable.Repeat("Built training pipelines for large language models.", 100));

        var text = ProfileEmbeddingText.Build(null, [], prose);

        Assert.InRange(text.Length, ProfileEmbeddingText.MaxProseCharacters - 60, ProfileEmbeddingText.MaxProseCharacters);
        Assert.StartsWith(text, prose, StringComparison.Ordinal);
        Assert.Equal(' ', prose[text.Length]); // the cut falls between words
    }

    [Theory]
    [InlineData("招聘大模型训练工程师", true)]
    [InlineData("精通PyTorch、DeepSpeed", true)]
    [InlineData("Experience with PyTorch", false)]
    [InlineData("熟悉 Kubernetes, Docker, Terraform and AWS cloud infrastructure", false)]
    [InlineData("", false)]
    public void Mostly_cjk_means_a_large_share_of_the_letters(string text, bool expected)
    {
        Assert.Equal(expected, ProfileEmbeddingText.IsMostlyCjk(text));
    }

    [Fact]
    public async Task A_chinese_and_an_english_ad_for_the_same_skills_land_close_together()
    {
        var chinese = ProfileEmbeddingText.Build(
            "大模型训练工程师",
            LlmTrainingSkills,
            "招聘大模型训练工程师，精通PyTorch、DeepSpeed，熟悉分布式训练。");
        var english = ProfileEmbeddingText.Build(
            "LLM Training Engineer",
            LlmTrainingSkills,
            "We are hiring an engineer to train large language models. You know PyTorch and DeepSpeed well and have run distributed training on GPU clusters.");
        var frontend = ProfileEmbeddingText.Build(
            "Frontend Engineer",
            ["React", "TypeScript", "CSS"],
            "We are hiring a frontend engineer to build our web app. You know React and TypeScript well and care about accessible, responsive UI.");

        var vectors = await model.Generator.GenerateAsync([chinese, english, frontend], cancellationToken: TestContext.Current.CancellationToken);

        var sameSkills = Vectors.Cosine(vectors[0].Vector.Span, vectors[1].Vector.Span);
        var unrelated = Vectors.Cosine(vectors[0].Vector.Span, vectors[2].Vector.Span);
        // The Chinese title is dropped (no English in it), so the ads share only the skills: about 0.67,
        // against about 0.32 for the raw texts and 0.19 for the frontend ad.
        Assert.True(sameSkills >= 0.6, $"Chinese vs English ad: {sameSkills:F3}");
        Assert.True(sameSkills - unrelated >= 0.3, $"same skills {sameSkills:F3}, unrelated {unrelated:F3}");
    }

    [Fact]
    public async Task Without_the_skill_names_the_raw_chinese_ad_is_far_from_the_english_one()
    {
        // Why the profile text exists: the English model sees raw Chinese as mostly [UNK].
        var raw = "招聘大模型训练工程师，精通PyTorch、DeepSpeed，熟悉分布式训练";
        var english = ProfileEmbeddingText.Build(
            "LLM Training Engineer",
            LlmTrainingSkills,
            "We are hiring an engineer to train large language models. You know PyTorch and DeepSpeed well and have run distributed training on GPU clusters.");
        var chinese = ProfileEmbeddingText.Build("大模型训练工程师", LlmTrainingSkills, raw);

        var vectors = await model.Generator.GenerateAsync([raw, english, chinese], cancellationToken: TestContext.Current.CancellationToken);

        var rawCosine = Vectors.Cosine(vectors[0].Vector.Span, vectors[1].Vector.Span);
        var builtCosine = Vectors.Cosine(vectors[2].Vector.Span, vectors[1].Vector.Span);
        Assert.True(builtCosine > rawCosine + 0.1, $"raw {rawCosine:F3}, built {builtCosine:F3}");
    }
}
