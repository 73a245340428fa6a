using System.Diagnostics;
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TalentMatch.Core.Embeddings;

/// <summary>
/// Sentence embeddings from a BERT-style ONNX sentence-transformers model (all-MiniLM-L6-v2 by default):
/// WordPiece tokens → encoder → mean over the real tokens → L2-normalised vector.
/// Thread-safe; create one and share it (the ONNX session is expensive to build).
/// </summary>
/// <remarks>
/// Speed comes from: texts sorted by length and batched so padding is small; a few sessions of the
/// model (<see cref="OnnxEmbeddingOptions.Sessions"/>, one per core on small machines, each running
/// single-threaded on a thread of its own) that take batches from one queue, so a request's batches run
/// side by side without ONNX Runtime's per-operator thread hand-offs (INT8 on a 2-core machine: 7–19% more
/// sentences/s on short texts, 3–8% on medium ones, than one session using both cores; docs/benchmarks.md), while requests are
/// served in arrival order (a request's batches are queued together); input and output buffers reused
/// across calls; and a cache of recent texts' vectors.
/// Texts longer than the model's window are embedded as overlapping windows whose vectors are
/// averaged and renormalised.
/// </remarks>
public sealed class OnnxSentenceEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>
    /// Sessions when <see cref="OnnxEmbeddingOptions.Sessions"/> is not set: one per processor, up to this many
    /// (each holds its own copy of the weights; beyond a few, more threads per session use the cores as well).
    /// </summary>
    private const int MaxDefaultSessions = 4;

    private readonly EmbeddingBatchQueue _batchQueue;
    private readonly EmbeddingCache _cache;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly int _maxContentTokens;
    private readonly int _windowOverlap;
    private readonly int _maxBatchSize;
    private readonly int _maxBatchTokens;

    /// <summary>Loads the model and vocabulary; see <see cref="OnnxEmbeddingOptions"/>.</summary>
    public OnnxSentenceEmbeddingGenerator(OnnxEmbeddingOptions? options = null, ILogger<OnnxSentenceEmbeddingGenerator>? logger = null)
    {
        options ??= new OnnxEmbeddingOptions();
        Validate(options);
        ILogger log = logger ?? NullLogger<OnnxSentenceEmbeddingGenerator>.Instance;
        var startup = Stopwatch.StartNew();

        Tokenizer = ModelFiles.LoadTokenizer(options);
        var model = ModelFiles.ReadModel(options);
        if (options.Precision == EmbeddingPrecision.Int8)
        {
            model = Int8Quantizer.Quantize(model);
        }

        var sessionCount = options.Sessions ?? (options.UseCuda ? 1 : Math.Clamp(Environment.ProcessorCount, 1, MaxDefaultSessions));
        var threadsPerSession = options.IntraOpThreads ?? Math.Max(1, Environment.ProcessorCount / sessionCount);
        var (runners, dimensions) = OnnxSessionFactory.CreateRunners(model, options, sessionCount, threadsPerSession, Tokenizer, log);
        Dimensions = dimensions;
        _batchQueue = new EmbeddingBatchQueue(runners, options.RunnerNice);
        ModelId = ModelFiles.ModelId(options);
        _metadata = new EmbeddingGeneratorMetadata("onnxruntime", providerUri: null, ModelId, Dimensions);
        _cache = new EmbeddingCache(options.CacheCapacity);
        _maxContentTokens = options.MaxSequenceLength - 2;
        _windowOverlap = options.WindowOverlap;
        _maxBatchSize = options.MaxBatchSize;
        _maxBatchTokens = options.MaxBatchTokens;

        log.LogInformation(
            "Loaded embedding model {ModelId} ({Dimensions} dimensions, {Precision}; {Sessions} sessions × {Threads} threads) in {Milliseconds} ms",
            ModelId, Dimensions, options.Precision, _batchQueue.SessionCount, threadsPerSession, startup.ElapsedMilliseconds);
    }

    /// <summary>Length of each vector (384 for all-MiniLM-L6-v2).</summary>
    public int Dimensions { get; }

    /// <summary>The model id reported in metadata and on every embedding.</summary>
    public string ModelId { get; }

    /// <summary>The tokenizer the model's inputs are made with.</summary>
    public BertWordPieceTokenizer Tokenizer { get; }

    /// <summary>Number of vectors now cached.</summary>
    public int CachedCount => _cache.Count;

    /// <inheritdoc/>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(_batchQueue.IsDisposed, this);

        var texts = values as IReadOnlyList<string> ?? [.. values];
        var vectors = new float[texts.Count][];

        // Texts not cached, each once however often it occurs in this request.
        var pending = new Dictionary<TextHash, (string Text, List<int> Positions)>();
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i] ?? throw new ArgumentException("Texts must not be null.", nameof(values));
            var key = TextHash.Of(text);
            if (_cache.TryGet(key, out var cached))
            {
                vectors[i] = cached;
            }
            else if (pending.TryGetValue(key, out var entry))
            {
                entry.Positions.Add(i);
            }
            else
            {
                pending[key] = (text, [i]);
            }
        }

        long tokenCount = 0;
        if (pending.Count > 0)
        {
            var unique = pending.ToArray();
            var tokenized = new int[unique.Length][];
            for (var i = 0; i < unique.Length; i++)
            {
                tokenized[i] = Tokenizer.Encode(unique[i].Value.Text);
                tokenCount += tokenized[i].Length;
            }

            var embedded = await EmbedTokenizedAsync(tokenized, cancellationToken);
            for (var i = 0; i < unique.Length; i++)
            {
                _cache.Add(unique[i].Key, embedded[i]);
                foreach (var position in unique[i].Value.Positions)
                {
                    vectors[position] = embedded[i];
                }
            }
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Length)
        {
            Usage = new UsageDetails { InputTokenCount = tokenCount, TotalTokenCount = tokenCount },
        };
        foreach (var vector in vectors)
        {
            result.Add(new Embedding<float>(vector) { ModelId = ModelId });
        }

        return result;
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType == typeof(BertWordPieceTokenizer) ? Tokenizer
            : null;
    }

    /// <inheritdoc/>
    public void Dispose() => _batchQueue.Dispose();

    /// <summary>
    /// One vector per token sequence (each with [CLS] and [SEP]): windows of long sequences are embedded
    /// separately, then averaged.
    /// </summary>
    internal async Task<float[][]> EmbedTokenizedAsync(IReadOnlyList<int[]> sequences, CancellationToken cancellationToken)
    {
        var windows = new List<EmbeddingWindow>();
        for (var owner = 0; owner < sequences.Count; owner++)
        {
            var ids = sequences[owner];
            var content = ids.AsMemory(1, ids.Length - 2);
            var split = TokenWindows.Split(content.Length, _maxContentTokens, _windowOverlap, i => Tokenizer.IsContinuation(ids[i + 1]));
            foreach (var (start, length) in split)
            {
                windows.Add(new EmbeddingWindow(owner, content.Slice(start, length)));
            }
        }

        // Similar lengths side by side: each batch is padded only to its own longest window.
        windows.Sort((a, b) => a.Content.Length.CompareTo(b.Content.Length));
        var batches = PlanBatches(windows);
        cancellationToken.ThrowIfCancellationRequested();
        var queued = batches.Select(batch => new EmbeddingBatch(windows, batch.First, batch.Count, cancellationToken)).ToList();
        _batchQueue.Enqueue(queued);

        await Task.WhenAll(queued.Select(batch => batch.Done.Task));

        var result = new float[sequences.Count][];
        foreach (var window in windows)
        {
            var sum = result[window.Owner] ??= new float[Dimensions];
            TensorPrimitives.Add(sum, window.Vector!, sum);
        }

        foreach (var vector in result)
        {
            // One window: already unit length. Several: their mean (the sum, as scale does not matter), back on the unit sphere.
            EmbeddingPooling.Normalize(vector);
        }

        return result;
    }

    /// <summary>
    /// Consecutive runs of the (sorted) windows, each within <see cref="OnnxEmbeddingOptions.MaxBatchSize"/> and
    /// <see cref="OnnxEmbeddingOptions.MaxBatchTokens"/>, and small enough that every session gets a share:
    /// 32 texts on 2 sessions are 2 batches of 16, not 1 of 32 and an idle core.
    /// </summary>
    private List<(int First, int Count)> PlanBatches(List<EmbeddingWindow> windows)
    {
        var perSession = (windows.Count + _batchQueue.SessionCount - 1) / _batchQueue.SessionCount;
        var maxBatchSize = Math.Clamp(perSession, 1, _maxBatchSize);
        var batches = new List<(int First, int Count)>();
        var done = 0;
        while (done < windows.Count)
        {
            var count = 1;
            while (done + count < windows.Count
                && count < maxBatchSize
                && (count + 1) * (windows[done + count].Content.Length + 2) <= _maxBatchTokens)
            {
                count++;
            }

            batches.Add((done, count));
            done += count;
        }

        return batches;
    }

    private static void Validate(OnnxEmbeddingOptions options)
    {
        if (!Enum.IsDefined(options.Precision))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Precision, $"Unknown {nameof(OnnxEmbeddingOptions.Precision)}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxSequenceLength, 3, nameof(options.MaxSequenceLength));
        ArgumentOutOfRangeException.ThrowIfNegative(options.WindowOverlap, nameof(options.WindowOverlap));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(options.WindowOverlap, options.MaxSequenceLength - 2, nameof(options.WindowOverlap));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options.MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchTokens, options.MaxSequenceLength, nameof(options.MaxBatchTokens));
        ArgumentOutOfRangeException.ThrowIfNegative(options.CacheCapacity, nameof(options.CacheCapacity));
        if (options.Sessions is { } sessions)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(sessions, 1, nameof(options.Sessions));
        }

        if (options.IntraOpThreads is { } threads)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, nameof(options.IntraOpThreads));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.RunnerNice, nameof(options.RunnerNice));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.RunnerNice, 19, nameof(options.RunnerNice));
    }
}
