using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

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
    private static readonly string[] ModelInputNames = ["input_ids", "attention_mask", "token_type_ids"];

    /// <summary>
    /// Sessions when <see cref="OnnxEmbeddingOptions.Sessions"/> is not set: one per processor, up to this many
    /// (each holds its own copy of the weights; beyond a few, more threads per session use the cores as well).
    /// </summary>
    private const int MaxDefaultSessions = 4;

    private readonly SessionRunner[] _runners;
    private readonly EmbeddingCache _cache;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly int _maxContentTokens;
    private readonly int _windowOverlap;
    private readonly int _maxBatchSize;
    private readonly int _maxBatchTokens;

    // Batches wait here in request order; each runner's own thread takes the next one. A request's batches
    // are queued together (under the lock), so requests finish first come, first served.
    private readonly BlockingCollection<QueuedBatch> _queue = [];
    private readonly Lock _queueLock = new();
    private readonly Thread[] _runnerThreads;
    private volatile bool _disposed;

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
        var sessions = new InferenceSession[sessionCount];
        try
        {
            for (var i = 0; i < sessionCount; i++)
            {
                sessions[i] = CreateSession(model, options, threadsPerSession, log);
            }
        }
        catch
        {
            DisposeAll(sessions);
            throw;
        }

        var first = sessions[0];
        string[] inputNames = [.. ModelInputNames.Where(first.InputMetadata.ContainsKey)];
        if (!inputNames.Contains("input_ids") || !inputNames.Contains("attention_mask"))
        {
            DisposeAll(sessions);
            throw new InvalidDataException("The model needs input_ids and attention_mask inputs, as BERT exports have.");
        }

        // sentence-transformers exports name the token embeddings "last_hidden_state" or "token_embeddings";
        // others (such as a pooler output) are not what mean pooling wants.
        var output = first.OutputMetadata.FirstOrDefault(o => o.Key is "last_hidden_state" or "token_embeddings");
        if (output.Key is null)
        {
            output = first.OutputMetadata.FirstOrDefault(o => o.Value.Dimensions.Length == 3);
        }

        // The width as ONNX Runtime inferred it, else as a first run of "[CLS] [SEP]" shows it: the INT8 rewrite
        // reshapes activations to shapes computed at run time, which leaves the output's width symbolic.
        var outputName = output.Key;
        var width = outputName is null ? 0
            : output.Value.Dimensions[^1] > 0 ? output.Value.Dimensions[^1]
            : ProbeWidth(first, inputNames, outputName, Tokenizer);
        if (outputName is null || width <= 0)
        {
            DisposeAll(sessions);
            throw new InvalidDataException("The model has no [batch, sequence, dimensions] token-embedding output with a fixed dimension.");
        }

        Dimensions = width;
        _runners = [.. sessions.Select(session => new SessionRunner(session, inputNames, outputName, Tokenizer, Dimensions))];
        _runnerThreads = [.. _runners.Select((runner, i) => new Thread(() => RunQueuedBatches(runner)) { IsBackground = true, Name = $"onnx-embedding-{i}" })];
        foreach (var thread in _runnerThreads)
        {
            thread.Start();
        }
        ModelId = ModelFiles.ModelId(options);
        _metadata = new EmbeddingGeneratorMetadata("onnxruntime", providerUri: null, ModelId, Dimensions);
        _cache = new EmbeddingCache(options.CacheCapacity);
        _maxContentTokens = options.MaxSequenceLength - 2;
        _windowOverlap = options.WindowOverlap;
        _maxBatchSize = options.MaxBatchSize;
        _maxBatchTokens = options.MaxBatchTokens;

        log.LogInformation(
            "Loaded embedding model {ModelId} ({Dimensions} dimensions, {Precision}; {Sessions} sessions × {Threads} threads) in {Milliseconds} ms",
            ModelId, Dimensions, options.Precision, _runners.Length, threadsPerSession, startup.ElapsedMilliseconds);
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
        lock (_queueLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _queue.CompleteAdding();
        }

        // Host shutdown while a consumer embeds: each runner finishes the batch it is on and fails the
        // queued ones with ObjectDisposedException; only then are the native sessions freed (freeing one
        // under a running Run() crashes the whole process).
        foreach (var thread in _runnerThreads)
        {
            thread.Join();
        }

        foreach (var runner in _runners)
        {
            runner.Dispose();
        }

        _queue.Dispose();
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
        var batches = PlanBatches(windows);
        cancellationToken.ThrowIfCancellationRequested();
        var queued = batches.Select(batch => new QueuedBatch(windows, batch.First, batch.Count, cancellationToken)).ToList();
        lock (_queueLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var batch in queued)
            {
                _queue.Add(batch, CancellationToken.None);
            }
        }

        await Task.WhenAll(queued.Select(batch => batch.Done.Task));

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

    /// <summary>
    /// Consecutive runs of the (sorted) windows, each within <see cref="OnnxEmbeddingOptions.MaxBatchSize"/> and
    /// <see cref="OnnxEmbeddingOptions.MaxBatchTokens"/>, and small enough that every session gets a share:
    /// 32 texts on 2 sessions are 2 batches of 16, not 1 of 32 and an idle core.
    /// </summary>
    private List<(int First, int Count)> PlanBatches(List<Window> windows)
    {
        var perSession = (windows.Count + _runners.Length - 1) / _runners.Length;
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

    /// <summary>A runner's thread: runs queued batches until the generator is disposed.</summary>
    private void RunQueuedBatches(SessionRunner runner)
    {
        foreach (var batch in _queue.GetConsumingEnumerable())
        {
            if (_disposed)
            {
                batch.Done.TrySetException(new ObjectDisposedException(nameof(OnnxSentenceEmbeddingGenerator)));
            }
            else if (batch.CancellationToken.IsCancellationRequested)
            {
                batch.Done.TrySetCanceled(batch.CancellationToken);
            }
            else
            {
                try
                {
                    runner.Run(batch.Windows, batch.First, batch.Count);
                    batch.Done.TrySetResult();
                }
                catch (Exception ex)
                {
                    batch.Done.TrySetException(ex);
                }
            }
        }
    }

    /// <summary>sentence-transformers' pooling: the mean over the tokens the attention mask lets in ([CLS] and [SEP] included), L2-normalised.</summary>
    private static float[] MeanPool(ReadOnlySpan<float> rowStates, int realTokens, int dimensions)
    {
        var vector = new float[dimensions];
        for (var t = 0; t < realTokens; t++)
        {
            Add(vector, rowStates.Slice(t * dimensions, dimensions));
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

    /// <summary>The last dimension of the output for a one-sequence batch of [CLS] [SEP].</summary>
    private static int ProbeWidth(InferenceSession session, string[] inputNames, string outputName, BertWordPieceTokenizer tokenizer)
    {
        long[] shape = [1, 2];
        using var ids = OrtValue.CreateTensorValueFromMemory(new long[] { tokenizer.ClsId, tokenizer.SepId }, shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(new long[] { 1, 1 }, shape);
        using var types = OrtValue.CreateTensorValueFromMemory(new long[2], shape);
        var inputs = Inputs(inputNames, ids, mask, types);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, inputNames, inputs, [outputName]);
        var dims = outputs[0].GetTensorTypeAndShape().Shape;
        return dims.Length == 3 ? checked((int)dims[2]) : 0;
    }

    /// <summary>Disposes the sessions created so far (a failed start-up leaves the rest null).</summary>
    private static void DisposeAll(InferenceSession?[] sessions)
    {
        foreach (var session in sessions)
        {
            session?.Dispose();
        }
    }

    /// <summary>The model's inputs in its own order; token_type_ids, where the model has it, is all zeros (one segment).</summary>
    private static OrtValue[] Inputs(string[] inputNames, OrtValue ids, OrtValue mask, OrtValue types) =>
        [.. inputNames.Select(name => name switch { "input_ids" => ids, "attention_mask" => mask, _ => types })];

    /// <summary>
    /// One session. Each holds its own copy of the weights (measured: about 90 MB more resident memory per
    /// extra FP32 session, 60 MB INT8); sharing them through SessionOptions.AddInitializer was measured and
    /// only pays beyond 4 sessions, because ONNX Runtime still keeps the copy it parses from the model.
    /// </summary>
    private static InferenceSession CreateSession(byte[] model, OnnxEmbeddingOptions options, int threads, ILogger log)
    {
        if (options.UseCuda)
        {
            try
            {
                using var cudaOptions = CreateSessionOptions(threads);
                cudaOptions.AppendExecutionProvider_CUDA(options.CudaDeviceId);
                return new InferenceSession(model, cudaOptions);
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                log.LogWarning(ex, "CUDA execution provider unavailable ({Reason}); embedding on the CPU instead", ex.Message);
            }
        }

        using var cpuOptions = CreateSessionOptions(threads);
        return new InferenceSession(model, cpuOptions);
    }

    private static SessionOptions CreateSessionOptions(int threads) => new()
    {
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        IntraOpNumThreads = threads,
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
        if (options.Sessions is { } sessions)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(sessions, 1, nameof(options.Sessions));
        }

        if (options.IntraOpThreads is { } threads)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, nameof(options.IntraOpThreads));
        }
    }

    /// <summary>One ONNX session and the input/output buffers of the batch it runs, reused from batch to batch.</summary>
    private sealed class SessionRunner(InferenceSession session, string[] inputNames, string outputName, BertWordPieceTokenizer tokenizer, int dimensions) : IDisposable
    {
        private readonly RunOptions _runOptions = new();
        private readonly string[] _outputNames = [outputName];
        private long[] _inputIds = [];
        private long[] _attentionMask = [];
        private long[] _tokenTypeIds = [];
        private float[] _hiddenStates = [];

        /// <summary>Embeds windows[first .. first + count), which are sorted by length, and sets their vectors.</summary>
        public void Run(List<Window> windows, int first, int count)
        {
            var length = 2 + windows[first + count - 1].Content.Length; // sorted: the last is the longest
            var cells = count * length;
            EnsureCapacity(cells, cells * dimensions);

            var ids = _inputIds.AsSpan(0, cells);
            var mask = _attentionMask.AsSpan(0, cells);
            for (var row = 0; row < count; row++)
            {
                var content = windows[first + row].Content.Span;
                var rowIds = ids.Slice(row * length, length);
                var rowMask = mask.Slice(row * length, length);
                rowIds[0] = tokenizer.ClsId;
                for (var t = 0; t < content.Length; t++)
                {
                    rowIds[t + 1] = content[t];
                }

                rowIds[content.Length + 1] = tokenizer.SepId;
                rowIds[(content.Length + 2)..].Fill(tokenizer.PadId);
                rowMask[..(content.Length + 2)].Fill(1);
                rowMask[(content.Length + 2)..].Clear();
            }

            long[] inputShape = [count, length];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _inputIds.AsMemory(0, cells), inputShape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _attentionMask.AsMemory(0, cells), inputShape);
            using var typesValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _tokenTypeIds.AsMemory(0, cells), inputShape);
            using var outputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _hiddenStates.AsMemory(0, cells * dimensions), [count, length, dimensions]);

            var inputs = Inputs(inputNames, idsValue, maskValue, typesValue);
            session.Run(_runOptions, inputNames, inputs, _outputNames, [outputValue]);

            var hidden = _hiddenStates.AsSpan(0, cells * dimensions);
            for (var row = 0; row < count; row++)
            {
                var window = windows[first + row];
                window.Vector = MeanPool(hidden.Slice(row * length * dimensions, length * dimensions), window.Content.Length + 2, dimensions);
            }
        }

        public void Dispose()
        {
            session.Dispose();
            _runOptions.Dispose();
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
    }

    /// <summary>Windows[First .. First + Count) of one request, waiting for a runner; Done completes when they have vectors.</summary>
    private sealed record QueuedBatch(List<Window> Windows, int First, int Count, CancellationToken CancellationToken)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Window(int owner, ReadOnlyMemory<int> content)
    {
        public int Owner { get; } = owner;

        public ReadOnlyMemory<int> Content { get; } = content;

        public float[]? Vector { get; set; }
    }
}
