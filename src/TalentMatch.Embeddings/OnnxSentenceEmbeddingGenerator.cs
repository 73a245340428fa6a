using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace TalentMatch.Embeddings;

/// <summary>
/// Sentence embeddings from a BERT-style ONNX sentence-transformers model (all-MiniLM-L6-v2 by default):
/// WordPiece tokens → encoder → mean over the real tokens → L2-normalised vector.
/// Thread-safe; create one and share it (the ONNX session is expensive to build).
/// </summary>
/// <remarks>
/// Speed comes from: texts sorted by length and batched so padding is small; one session whose
/// model calls are serialised (on a few cores, concurrent calls only fight over the same cores);
/// input and output buffers reused across calls; and a cache of recent texts' vectors.
/// Texts longer than the model's window are embedded as overlapping windows whose vectors are
/// averaged and renormalised.
/// </remarks>
public sealed class OnnxSentenceEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private static readonly string[] ModelInputNames = ["input_ids", "attention_mask", "token_type_ids"];

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly EmbeddingCache _cache;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly int _maxContentTokens;
    private readonly int _windowOverlap;
    private readonly int _maxBatchSize;
    private readonly int _maxBatchTokens;

    // Model calls take turns; these buffers belong to whoever holds the gate.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long[] _inputIds = [];
    private long[] _attentionMask = [];
    private long[] _tokenTypeIds = [];
    private float[] _hiddenStates = [];
    private bool _disposed;

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

        _session = CreateSession(model, options, log);

        _inputNames = [.. ModelInputNames.Where(_session.InputMetadata.ContainsKey)];
        if (!_inputNames.Contains("input_ids") || !_inputNames.Contains("attention_mask"))
        {
            throw new InvalidDataException("The model needs input_ids and attention_mask inputs, as BERT exports have.");
        }

        // sentence-transformers exports name the token embeddings "last_hidden_state" or "token_embeddings";
        // others (such as a pooler output) are not what mean pooling wants.
        var output = _session.OutputMetadata.FirstOrDefault(o => o.Key is "last_hidden_state" or "token_embeddings");
        if (output.Key is null)
        {
            output = _session.OutputMetadata.FirstOrDefault(o => o.Value.Dimensions.Length == 3);
        }

        if (output.Key is null || output.Value.Dimensions[^1] <= 0)
        {
            throw new InvalidDataException("The model has no [batch, sequence, dimensions] token-embedding output with a fixed dimension.");
        }

        _outputNames = [output.Key];
        Dimensions = output.Value.Dimensions[^1];
        ModelId = ModelFiles.ModelId(options);
        _metadata = new EmbeddingGeneratorMetadata("onnxruntime", providerUri: null, ModelId, Dimensions);
        _cache = new EmbeddingCache(options.CacheCapacity);
        _maxContentTokens = options.MaxSequenceLength - 2;
        _windowOverlap = options.WindowOverlap;
        _maxBatchSize = options.MaxBatchSize;
        _maxBatchTokens = options.MaxBatchTokens;

        log.LogInformation("Loaded embedding model {ModelId} ({Dimensions} dimensions, {Precision}) in {Milliseconds} ms", ModelId, Dimensions, options.Precision, startup.ElapsedMilliseconds);
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
        ObjectDisposedException.ThrowIf(_disposed, this);

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
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        // Wait for an inference in flight (host shutdown while a consumer embeds): disposing the
        // native session under a running Run() crashes the whole process. The gate itself is left
        // to the GC so that a caller still waiting on it gets ObjectDisposedException, not a crash.
        _gate.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _session.Dispose();
            _runOptions.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// One vector per token sequence (each with [CLS] and [SEP]): windows of long sequences are embedded
    /// separately, then averaged.
    /// </summary>
    internal async Task<float[][]> EmbedTokenizedAsync(IReadOnlyList<int[]> sequences, CancellationToken cancellationToken)
    {
        var windows = new List<Window>();
        for (var owner = 0; owner < sequences.Count; owner++)
        {
            var ids = sequences[owner];
            var content = ids.AsMemory(1, ids.Length - 2);
            var split = TokenWindows.Split(content.Length, _maxContentTokens, _windowOverlap, i => Tokenizer.IsContinuation(ids[i + 1]));
            foreach (var (start, length) in split)
            {
                windows.Add(new Window(owner, content.Slice(start, length)));
            }
        }

        // Similar lengths side by side: each batch is padded only to its own longest window.
        windows.Sort((a, b) => a.Content.Length.CompareTo(b.Content.Length));

        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var done = 0;
            while (done < windows.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = 1;
                while (done + count < windows.Count
                    && count < _maxBatchSize
                    && (count + 1) * (windows[done + count].Content.Length + 2) <= _maxBatchTokens)
                {
                    count++;
                }

                RunBatch(windows, done, count);
                done += count;
            }
        }
        finally
        {
            _gate.Release();
        }

        var result = new float[sequences.Count][];
        foreach (var window in windows)
        {
            var sum = result[window.Owner] ??= new float[Dimensions];
            Add(sum, window.Vector!);
        }

        foreach (var vector in result)
        {
            // One window: already unit length. Several: their mean (the sum, as scale does not matter), back on the unit sphere.
            Normalize(vector);
        }

        return result;
    }

    private void RunBatch(List<Window> windows, int first, int count)
    {
        var length = 2 + windows[first + count - 1].Content.Length; // sorted: the last is the longest
        var cells = count * length;
        EnsureCapacity(cells, cells * Dimensions);

        var ids = _inputIds.AsSpan(0, cells);
        var mask = _attentionMask.AsSpan(0, cells);
        for (var row = 0; row < count; row++)
        {
            var content = windows[first + row].Content.Span;
            var rowIds = ids.Slice(row * length, length);
            var rowMask = mask.Slice(row * length, length);
            rowIds[0] = Tokenizer.ClsId;
            for (var t = 0; t < content.Length; t++)
            {
                rowIds[t + 1] = content[t];
            }

            rowIds[content.Length + 1] = Tokenizer.SepId;
            rowIds[(content.Length + 2)..].Fill(Tokenizer.PadId);
            rowMask[..(content.Length + 2)].Fill(1);
            rowMask[(content.Length + 2)..].Clear();
        }

        long[] inputShape = [count, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _inputIds.AsMemory(0, cells), inputShape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _attentionMask.AsMemory(0, cells), inputShape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _tokenTypeIds.AsMemory(0, cells), inputShape);
        using var outputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _hiddenStates.AsMemory(0, cells * Dimensions), [count, length, Dimensions]);

        var inputs = new OrtValue[_inputNames.Length];
        for (var i = 0; i < _inputNames.Length; i++)
        {
            inputs[i] = _inputNames[i] switch
            {
                "input_ids" => idsValue,
                "attention_mask" => maskValue,
                _ => typesValue, // all zeros: a single segment
            };
        }

        _session.Run(_runOptions, _inputNames, inputs, _outputNames, [outputValue]);

        var hidden = _hiddenStates.AsSpan(0, cells * Dimensions);
        for (var row = 0; row < count; row++)
        {
            var window = windows[first + row];
            window.Vector = MeanPool(hidden.Slice(row * length * Dimensions, length * Dimensions), window.Content.Length + 2);
        }
    }

    /// <summary>sentence-transformers' pooling: the mean over the tokens the attention mask lets in ([CLS] and [SEP] included), L2-normalised.</summary>
    private float[] MeanPool(ReadOnlySpan<float> rowStates, int realTokens)
    {
        var vector = new float[Dimensions];
        for (var t = 0; t < realTokens; t++)
        {
            Add(vector, rowStates.Slice(t * Dimensions, Dimensions));
        }

        // Dividing by the token count is skipped: normalisation removes any scale.
        Normalize(vector);
        return vector;
    }

    private static void Add(Span<float> sum, ReadOnlySpan<float> values)
    {
        for (var d = 0; d < sum.Length; d++)
        {
            sum[d] += values[d];
        }
    }

    private static void Normalize(Span<float> vector)
    {
        double squares = 0;
        foreach (var v in vector)
        {
            squares += (double)v * v;
        }

        // Same floor as torch.nn.functional.normalize, so an all-zero vector stays zero.
        var scale = (float)(1 / Math.Max(Math.Sqrt(squares), 1e-12));
        for (var d = 0; d < vector.Length; d++)
        {
            vector[d] *= scale;
        }
    }

    private void EnsureCapacity(int cells, int hiddenCells)
    {
        if (_inputIds.Length < cells)
        {
            _inputIds = new long[cells];
            _attentionMask = new long[cells];
            _tokenTypeIds = new long[cells]; // stays all zeros
        }

        if (_hiddenStates.Length < hiddenCells)
        {
            _hiddenStates = new float[hiddenCells];
        }
    }

    private static InferenceSession CreateSession(byte[] model, OnnxEmbeddingOptions options, ILogger log)
    {
        if (options.UseCuda)
        {
            try
            {
                using var cudaOptions = CreateSessionOptions(options);
                cudaOptions.AppendExecutionProvider_CUDA(options.CudaDeviceId);
                return new InferenceSession(model, cudaOptions);
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                log.LogWarning(ex, "CUDA execution provider unavailable ({Reason}); embedding on the CPU instead", ex.Message);
            }
        }

        using var cpuOptions = CreateSessionOptions(options);
        return new InferenceSession(model, cpuOptions);
    }

    private static SessionOptions CreateSessionOptions(OnnxEmbeddingOptions options) => new()
    {
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        IntraOpNumThreads = options.IntraOpThreads ?? Environment.ProcessorCount,
        InterOpNumThreads = 1,
    };

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
    }

    private sealed class Window(int owner, ReadOnlyMemory<int> content)
    {
        public int Owner { get; } = owner;

        public ReadOnlyMemory<int> Content { get; } = content;

        public float[]? Vector { get; set; }
    }
}
