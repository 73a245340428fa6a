using System.Globalization;
using System.Text.Json;
using Onnx;

namespace TalentMatch.Core.Embeddings.Tests;

/// <summary>The INT8 model, quantised from the real all-MiniLM-L6-v2 when it loads, shared by the tests below.</summary>
public sealed class Int8Fixture : IDisposable
{
    public OnnxSentenceEmbeddingGenerator Generator { get; } =
        new(new OnnxEmbeddingOptions { Precision = EmbeddingPrecision.Int8, MaxBatchSize = 4, CacheCapacity = 0 });

    public void Dispose() => Generator.Dispose();
}

/// <summary>
/// <see cref="EmbeddingPrecision.Int8"/> against the FP32 model: how close the vectors are on real resumes and
/// job ads (../shared/data), that batching still does not change them, and that nearest neighbours agree.
/// The bounds sit below what was measured (docs/benchmarks.md, "Embeddings"), not at it.
/// </summary>
public sealed class Int8PrecisionTests(ModelFixture model, Int8Fixture quantisedModel) : IClassFixture<Int8Fixture>
{
    // Measured during development on all 50 resumes, 57 ads and 600 of their lines: mean 0.997, min 0.9925.
    private const double MeanCosineBound = 0.995;
    private const double MinCosineBound = 0.985;

    // FP32 cosine lead of the nearest document over the next below which INT8 may pick either.
    private const double NearTie = 0.01;

    private static readonly string[] MixedLengths =
    [
        "PyTorch",
        "Senior machine learning engineer, PyTorch and CUDA.",
        "We are hiring a data scientist to build recommendation models with TensorFlow, Spark and SQL on AWS.",
        "熟悉pytorch naïve café",
        "负责大模型预训练与微调，熟悉分布式训练框架。",
        "",
        "C++ / CUDA kernels for transformer inference (FlashAttention, TensorRT), P1/P2 on-call.",
    ];

    [Fact]
    public void The_quantised_model_has_no_fp32_weight_matmul_left()
    {
        var fp32 = ModelFiles.ReadModel(new OnnxEmbeddingOptions());
        var quantised = ModelProto.Parser.ParseFrom(Int8Quantizer.Quantize(fp32));

        var initializers = quantised.Graph.Initializer.ToDictionary(t => t.Name);
        Assert.DoesNotContain(quantised.Graph.Node, n => n.OpType == "MatMul" && initializers.ContainsKey(n.Input[1]));
        Assert.Equal(36, quantised.Graph.Node.Count(n => n.OpType == "MatMulIntegerToFloat")); // 6 layers × (Q, K, V, output, 2 feed-forward)
        Assert.All(
            quantised.Graph.Node.Where(n => n.OpType == "MatMulIntegerToFloat"),
            n => Assert.Equal((int)TensorProto.Types.DataType.Int8, initializers[n.Input[1]].DataType));
    }

    [Fact]
    public void The_int8_model_reports_its_own_model_id() =>
        Assert.Equal("all-MiniLM-L6-v2-int8", quantisedModel.Generator.ModelId);

    [Fact]
    public async Task Int8_vectors_stay_close_to_fp32_on_real_resumes_job_ads_and_their_lines()
    {
        var texts = RealTexts();

        var fp32 = await model.Generator.GenerateAsync(texts, cancellationToken: TestContext.Current.CancellationToken);
        var quantised = await quantisedModel.Generator.GenerateAsync(texts, cancellationToken: TestContext.Current.CancellationToken);

        var cosines = fp32.Zip(quantised, (a, b) => Vectors.Cosine(a.Vector.Span, b.Vector.Span)).ToArray();
        var worst = Array.IndexOf(cosines, cosines.Min());
        var summary = string.Create(CultureInfo.InvariantCulture, $"{texts.Count} texts: mean {cosines.Average():F4}, min {cosines[worst]:F4} (\"{texts[worst][..Math.Min(60, texts[worst].Length)]}\")");
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Assert.True(cosines.Average() >= MeanCosineBound, summary);
        Assert.True(cosines[worst] >= MinCosineBound, summary);
    }

    [Fact]
    public async Task Int8_vectors_do_not_depend_on_batching_or_padding()
    {
        // Activations are quantised with one scale per token, so neither batch-mates nor padding change a text's vector.
        var batched = await quantisedModel.Generator.GenerateAsync(MixedLengths, cancellationToken: TestContext.Current.CancellationToken);

        for (var i = 0; i < MixedLengths.Length; i++)
        {
            var alone = await quantisedModel.Generator.GenerateAsync([MixedLengths[i]], cancellationToken: TestContext.Current.CancellationToken);
            var cosine = Vectors.Cosine(alone[0].Vector.Span, batched[i].Vector.Span);
            Assert.True(cosine >= 0.9999, $"\"{MixedLengths[i]}\": cosine {cosine}");
        }
    }

    [Fact]
    public async Task Int8_finds_the_nearest_document_fp32_finds_unless_it_is_a_near_tie()
    {
        var corpus = RealTexts().Where(t => t.Length > 300).ToList(); // the whole resumes and ads
        string[] queries =
        [
            "Salesforce developer with Apex and Lightning",
            "Java backend developer, Spring and Oracle SQL",
            "software test engineer, manual and automation testing",
            "network administrator, Cisco routers and firewalls",
            "自动驾驶端到端算法工程师",
            "语音识别与语音合成算法专家",
            "大模型推理加速与部署",
            "推荐系统算法工程师，广告排序",
        ];

        var texts = corpus.Concat(queries).ToList();
        var fp32 = (await model.Generator.GenerateAsync(texts, cancellationToken: TestContext.Current.CancellationToken)).Select(e => e.Vector).ToList();
        var quantised = (await quantisedModel.Generator.GenerateAsync(texts, cancellationToken: TestContext.Current.CancellationToken)).Select(e => e.Vector).ToList();

        for (var q = corpus.Count; q < texts.Count; q++)
        {
            // Documents by FP32 cosine to the query, best first.
            var fp32Ranking = Enumerable.Range(0, corpus.Count)
                .Select(d => (Document: d, Cosine: Vectors.Cosine(fp32[q].Span, fp32[d].Span)))
                .OrderByDescending(r => r.Cosine)
                .ToArray();
            var int8First = Enumerable.Range(0, corpus.Count).MaxBy(d => Vectors.Cosine(quantised[q].Span, quantised[d].Span));
            var lead = fp32Ranking[0].Cosine - fp32Ranking[1].Cosine;
            var message = string.Create(
                CultureInfo.InvariantCulture,
                $"\"{texts[q]}\": FP32 ranks document {fp32Ranking[0].Document} first ({lead:F4} ahead of the next), INT8 document {int8First}");
            TestContext.Current.TestOutputHelper?.WriteLine(message);

            // INT8 moves cosines by a few thousandths: a clear FP32 winner stays first; a near tie may swap,
            // but INT8's pick must still be one of FP32's best three.
            Assert.True(lead < NearTie || int8First == fp32Ranking[0].Document, message);
            Assert.True(fp32Ranking.Take(3).Any(r => r.Document == int8First), message);
        }
    }

    /// <summary>24 English resumes, 24 Chinese job ads, and 150 distinct lines of them (headings, bullets, dates).</summary>
    private static List<string> RealTexts()
    {
        var data = SharedData.Path();
        var resumes = File.ReadLines(Path.Combine(data, "dotin_resume_ner_en", "test.jsonl")).Take(24).Select(Text).ToList();
        var ads = File.ReadLines(Path.Combine(data, "boss_zhipin_ai_jds_zh", "jds.jsonl")).Take(24).Select(Text).ToList();
        var lines = resumes.Concat(ads)
            .SelectMany(t => t.Split('\n'))
            .Select(l => l.Trim())
            .Where(l => l.Length >= 20)
            .Distinct()
            .Where((_, i) => i % 4 == 0) // spread over all documents
            .Take(150);
        return [.. resumes, .. ads, .. lines];

        static string Text(string jsonLine) => JsonDocument.Parse(jsonLine).RootElement.GetProperty("text").GetString()!;
    }
}

/// <summary>
/// The real documents in ../shared/data beside the repository (not copied in: several licences forbid it).
/// Missing data skips the test with a reason, except in CI, where it fails.
/// </summary>
internal static class SharedData
{
    private static readonly string? Root = Find();

    public static string Path()
    {
        if (Root is null)
        {
            const string reason = "The shared data folder (../shared/data beside TalentMatch.sln) is missing.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(reason + " CI must provide it.");
            }

            Assert.Skip(reason);
        }

        return Root;
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "TalentMatch.sln")))
            {
                var data = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data"));
                return Directory.Exists(data) ? data : null;
            }
        }

        return null;
    }
}
