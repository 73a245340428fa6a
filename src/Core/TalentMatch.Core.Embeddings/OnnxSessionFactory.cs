using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace TalentMatch.Core.Embeddings;

/// <summary>
/// Start-up of the sessions: builds them from the model's bytes (on CUDA where asked and available), finds the
/// model's inputs and its token-embedding output and that output's width, and binds each session to them in an
/// <see cref="OnnxSessionRunner"/>.
/// </summary>
internal static class OnnxSessionFactory
{
    private static readonly string[] ModelInputNames = ["input_ids", "attention_mask", "token_type_ids"];

    /// <summary>
    /// <paramref name="sessionCount"/> runners of <paramref name="model"/>, each session with
    /// <paramref name="threadsPerSession"/> intra-op threads, and the length of the vectors they produce.
    /// </summary>
    public static (OnnxSessionRunner[] Runners, int Dimensions) CreateRunners(
        byte[] model, OnnxEmbeddingOptions options, int sessionCount, int threadsPerSession, BertWordPieceTokenizer tokenizer, ILogger log)
    {
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
            : ProbeWidth(first, inputNames, outputName, tokenizer);
        if (outputName is null || width <= 0)
        {
            DisposeAll(sessions);
            throw new InvalidDataException("The model has no [batch, sequence, dimensions] token-embedding output with a fixed dimension.");
        }

        OnnxSessionRunner[] runners = [.. sessions.Select(session => new OnnxSessionRunner(session, inputNames, outputName, tokenizer, width))];
        return (runners, width);
    }

    /// <summary>The last dimension of the output for a one-sequence batch of [CLS] [SEP].</summary>
    private static int ProbeWidth(InferenceSession session, string[] inputNames, string outputName, BertWordPieceTokenizer tokenizer)
    {
        long[] shape = [1, 2];
        using var ids = OrtValue.CreateTensorValueFromMemory(new long[] { tokenizer.ClsId, tokenizer.SepId }, shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(new long[] { 1, 1 }, shape);
        using var types = OrtValue.CreateTensorValueFromMemory(new long[2], shape);
        var inputs = OnnxSessionRunner.Inputs(inputNames, ids, mask, types);
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
}
