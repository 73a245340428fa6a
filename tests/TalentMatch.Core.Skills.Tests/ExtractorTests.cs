namespace TalentMatch.Core.Skills.Tests;

public class ExtractorTests
{
    private static readonly SkillExtractor Extractor = SkillExtractor.Default;

    private static List<string> Ids(string text, ExtractionMode mode = ExtractionMode.JobDescription) =>
        Extractor.Extract(text, mode).Skills.Select(s => s.Id).ToList();

    private static SkillMatch Find(ExtractionResult result, string id) =>
        Assert.Single(result.Skills, s => s.Id == id);

    [Theory]
    [InlineData("熟悉ＰｙＴｏｒｃｈ与ＣＵＤＡ，精通Ｃ＋＋。")]
    [InlineData("Experience with  PYTORCH,\tcuda   and c++ (C++17).")]
    [InlineData("  \n\n  leading blanks then Megatron‑DeepSpeed – ZeRO‑3 and Hugging\u00A0Face")]
    public void Evidence_offsets_point_into_the_original_string(string text)
    {
        var result = Extractor.Extract(text);

        Assert.NotEmpty(result.Skills);
        foreach (var span in result.Skills.SelectMany(s => s.Evidence))
        {
            Assert.InRange(span.Start, 0, text.Length - 1);
            Assert.Equal(text[span.Start..span.End], span.Text);
        }
    }

    [Fact]
    public void Full_width_and_upper_case_spellings_find_the_same_skills()
    {
        Assert.Equal(["pytorch", "cuda", "cpp"], Ids("熟悉ＰｙＴｏｒｃｈ与ＣＵＤＡ，精通Ｃ＋＋"));
        Assert.Equal(["pytorch", "cuda", "cpp"], Ids("PYTORCH, cuda and C++"));
    }

    [Fact]
    public void Chinese_aliases_match_without_spaces_and_latin_ones_inside_chinese()
    {
        var ids = Ids("熟悉pytorch框架和分布式训练，了解数据并行与张量并行");

        Assert.Equal(["pytorch", "distributed-training", "data-parallelism", "tensor-parallelism"], ids);
    }

    [Theory]
    [InlineData("We build scalable systems and trust our torchbearers")]
    [InlineData("Golang-free zone: no scalability talk, just rusty trusty coding")]
    public void Latin_aliases_do_not_match_inside_longer_words(string text)
    {
        var ids = Ids(text);

        Assert.DoesNotContain("scala", ids);
        Assert.DoesNotContain("rust", ids);
        Assert.DoesNotContain("pytorch", ids);
    }

    [Fact]
    public void Coordinated_mentions_yield_each_skill()
    {
        Assert.Equal(["pytorch", "tensorflow"], Ids("PyTorch/TensorFlow"));
        Assert.Equal(["megatron-lm", "deepspeed"], Ids("Megatron-DeepSpeed"));
        Assert.Equal(["data-parallelism", "tensor-parallelism", "pipeline-parallelism"], Ids("数据并行/张量并行/流水线并行"));
    }

    [Theory]
    [InlineData("熟悉数据、张量、流水线并行", new[] { "data-parallelism", "tensor-parallelism", "pipeline-parallelism" })]
    [InlineData("熟悉数据和张量并行", new[] { "data-parallelism", "tensor-parallelism" })]
    [InlineData("有CV/NLP算法经验", new[] { "computer-vision", "nlp" })]
    [InlineData("负责语音识别/合成", new[] { "speech-recognition", "text-to-speech" })]
    [InlineData("熟悉图像分类、分割", new[] { "image-classification", "image-segmentation" })]
    [InlineData("熟悉语音识别、合成及增强", new[] { "speech-recognition", "text-to-speech", "speech-enhancement" })]
    [InlineData("具备良好的沟通和团队合作能力", new[] { "communication", "teamwork" })]
    [InlineData("熟悉机器学习、人工智能", new[] { "machine-learning", "artificial-intelligence" })] // not 机器 + 人
    [InlineData("负责推理加速、模型评测", new[] { "llm-serving", "model-evaluation" })]     // not 推理 + 模型
    public void Chinese_lists_that_share_a_suffix_or_prefix_yield_every_item(string text, string[] expected)
    {
        Assert.Equal(expected.Order(), Ids(text).Order());
    }

    [Theory]
    [InlineData("支持业务、团队和流水线并行", "pipeline-parallelism")]
    [InlineData("对接产品/业务算法", null)]
    [InlineData("熟悉语音识别、业务和运营", "speech-recognition")]
    public void Items_that_do_not_complete_to_a_known_alias_are_not_skills(string text, string? only)
    {
        Assert.Equal(only is null ? [] : [only], Ids(text));
    }

    [Fact]
    public void A_completed_list_item_points_at_its_own_text()
    {
        const string text = "熟悉数据、张量、流水线并行";
        var tensor = Find(Extractor.Extract(text), "tensor-parallelism");

        Assert.Equal("张量", Assert.Single(tensor.Evidence).Text);
    }

    [Fact]
    public void Kangxi_radicals_read_as_the_ideographs_they_stand_for()
    {
        const string text = "深度运\u2F64\u2F24数据和\u2F08\u2F2F智能技术"; // 运用大数据和人工智能, written with Kangxi radicals
        var result = Extractor.Extract(text);

        Assert.Equal(["big-data", "artificial-intelligence"], result.Skills.Select(s => s.Id));
        Assert.Equal("\u2F24数据", Find(result, "big-data").Evidence[0].Text);
    }

    [Fact]
    public void Alias_spellings_map_to_one_canonical_skill()
    {
        var result = Extractor.Extract("ZeRO-3, DeepSpeed ZeRO, 零冗余优化器 and ZeRO++");

        var zero = Find(result, "zero-optimizer");
        Assert.Equal("ZeRO", zero.Name);
        Assert.Equal(["ZeRO-3", "DeepSpeed ZeRO", "零冗余优化器", "ZeRO++"], zero.Evidence.Select(e => e.Text));
    }

    [Fact]
    public void Go_R_and_C_are_languages_in_a_language_list_but_not_in_prose()
    {
        Assert.Equal(["python", "r-lang", "go", "cpp"], Ids("Proficient in Python, R, Go and C++."));
        Assert.Equal(["c-lang", "cpp"], Ids("熟悉C/C++"));
        Assert.Empty(Ids("We go to market fast with our R&D team and C端 users; plan A, B or C."));
    }

    [Fact]
    public void Spark_needs_a_data_context()
    {
        Assert.Contains("apache-spark", Ids("Build ETL pipelines on Spark and Hive"));
        Assert.DoesNotContain("apache-spark", Ids("Backed by Benchmark, Spark Capital and Greylock, we spark curiosity."));
    }

    [Fact]
    public void Triton_means_the_kernel_language_or_the_inference_server_by_context()
    {
        Assert.Equal(["triton-lang", "cuda"], Ids("Write fused Triton kernels and CUDA"));
        Assert.Contains("triton-inference-server", Ids("Serve models with Triton and TensorRT for low-latency inference"));
        Assert.Contains("triton-inference-server", Ids("Triton Inference Server"));
    }

    [Fact]
    public void Transformers_is_the_library_only_next_to_hugging_face()
    {
        Assert.Contains("hf-transformers", Ids("Fine-tune models with the Hugging Face ecosystem: Transformers, PEFT and Accelerate"));
        Assert.Equal(["transformer"], Ids("Deep understanding of Transformers and attention"));
    }

    [Fact]
    public void Job_ads_get_required_preferred_and_mentioned_levels()
    {
        const string ad = """
            岗位职责
            负责推荐系统的研发
            任职要求
            1. 熟悉PyTorch；
            2. 有CUDA开发经验者优先；
            3. 熟悉vLLM者加分
            Nice to have: Kubernetes. Experience with Ray is a plus.
            """;
        var result = Extractor.Extract(ad);

        Assert.Equal(RequirementLevel.Mentioned, Find(result, "recommender-systems").Level);
        Assert.Equal(RequirementLevel.Required, Find(result, "pytorch").Level);
        Assert.Equal(RequirementLevel.Preferred, Find(result, "cuda").Level);
        Assert.Equal(RequirementLevel.Preferred, Find(result, "vllm").Level);
        Assert.Equal(RequirementLevel.Preferred, Find(result, "kubernetes").Level);
    }

    [Fact]
    public void Proficiency_cues_attach_to_the_skills_that_follow_them()
    {
        var zh = Extractor.Extract("精通Python，熟悉PyTorch、TensorFlow，了解CUDA");
        var en = Extractor.Extract("Expert in SQL. Familiar with Docker.");

        Assert.Equal(Proficiency.Expert, Find(zh, "python").Proficiency);
        Assert.Equal(Proficiency.Familiar, Find(zh, "pytorch").Proficiency);
        Assert.Equal(Proficiency.Familiar, Find(zh, "tensorflow").Proficiency);
        Assert.Equal(Proficiency.Basic, Find(zh, "cuda").Proficiency);
        Assert.Equal(Proficiency.Expert, Find(en, "sql").Proficiency);
        Assert.Equal(Proficiency.Familiar, Find(en, "docker").Proficiency);
    }

    [Fact]
    public void Stated_years_attach_to_skills_in_the_same_clause()
    {
        var result = Extractor.Extract("3+ years of PyTorch. 三年以上Python开发经验；5年以上工作经验，熟悉Java。2024年起使用Go语言");

        Assert.Equal(3, Find(result, "pytorch").Years);
        Assert.Equal(3, Find(result, "python").Years);
        Assert.Null(Find(result, "java").Years);
        Assert.Null(Find(result, "go").Years);
    }

    [Theory]
    [InlineData("3+ years of PyTorch, TensorFlow and JAX.")]
    [InlineData("三年以上PyTorch、TensorFlow、JAX经验")]
    [InlineData("三年以上PyTorch，TensorFlow，JAX开发经验")]
    [InlineData("Experience with PyTorch, TensorFlow or JAX for 3+ years")]
    public void Stated_years_apply_to_every_skill_of_the_same_list(string text)
    {
        var result = Extractor.Extract(text);

        Assert.All(["pytorch", "tensorflow", "jax"], id => Assert.Equal(3, Find(result, id).Years));
    }

    [Fact]
    public void Years_do_not_spread_across_lines_or_to_items_with_their_own_figure()
    {
        var result = Extractor.Extract("3 years of Python\nDocker\nPyTorch (5 years), TensorFlow (1 year)");

        Assert.Equal(3, Find(result, "python").Years);
        Assert.Null(Find(result, "docker").Years);
        Assert.Equal(5, Find(result, "pytorch").Years);
        Assert.Equal(1, Find(result, "tensorflow").Years);
    }

    [Fact]
    public void Resumes_get_no_requirement_level()
    {
        var result = Extractor.Extract("Skills: PyTorch (3 years), LoRA, vLLM", ExtractionMode.Resume);

        Assert.All(result.Skills, s => Assert.Null(s.Level));
        Assert.Equal(3, Find(result, "pytorch").Years);
    }

    [Theory]
    [InlineData("We need PyTorch and CUDA engineers.", "en")]
    [InlineData("熟悉深度学习框架，有大模型训练经验者优先。", "zh")]
    [InlineData("负责大模型推理优化，熟悉vLLM、SGLang、TensorRT-LLM与CUDA kernel开发", "zh")]
    [InlineData("Responsibilities: build RAG pipelines. 要求：熟悉向量数据库和检索增强生成", "mixed")]
    [InlineData("1234 5678 !!!", "und")]
    public void Language_is_detected_from_the_script(string text, string language)
    {
        Assert.Equal(language, Extractor.Extract(text).Language);
    }

    [Fact]
    public void Urls_and_emails_do_not_produce_skills()
    {
        Assert.Empty(Ids("See https://www.example.com/jobs/python-pytorch.html or mail pytorch@example.ai"));
    }

    [Fact]
    public void Extraction_from_many_threads_gives_the_same_answer()
    {
        const string text = "熟悉PyTorch/DeepSpeed/FSDP，了解vLLM与KV cache；3+ years of CUDA is a plus.";
        var expected = Extractor.Extract(text);

        var results = Enumerable.Range(0, 64).AsParallel().Select(_ => Extractor.Extract(text)).ToList();

        Assert.All(results, r => Assert.Equal(
            expected.Skills.Select(s => (s.Id, s.Level, s.Proficiency, s.Years, s.Evidence.Count)),
            r.Skills.Select(s => (s.Id, s.Level, s.Proficiency, s.Years, s.Evidence.Count))));
    }
}
