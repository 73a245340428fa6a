using Microsoft.ML.OnnxRuntime;

[assembly: AssemblyFixture(typeof(TalentMatch.Core.Embeddings.Tests.ModelFixture))]

namespace TalentMatch.Core.Embeddings.Tests;

/// <summary>
/// The real all-MiniLM-L6-v2 from the NuGet package, loaded once for all tests: the generator under
/// test, and a plain reference that embeds one text at a time with no batching, no padding and no
/// graph optimisation, to compare against.
/// </summary>
public sealed class ModelFixture : IDisposable
{
    private readonly InferenceSession _reference;

    public ModelFixture()
    {
        // Small batches so that tests with a handful of texts still cover several batches.
        Generator = new OnnxSentenceEmbeddingGenerator(new OnnxEmbeddingOptions { MaxBatchSize = 4, CacheCapacity = 1000 });
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        _reference = new InferenceSession(ModelFiles.ReadModel(new OnnxEmbeddingOptions()), options);
    }

    public OnnxSentenceEmbeddingGenerator Generator { get; }

    public BertWordPieceTokenizer Tokenizer => Generator.Tokenizer;

    /// <summary>Mean of the token embeddings of exactly these ids (with [CLS] and [SEP]), L2-normalised.</summary>
    public float[] ReferenceEmbedding(int[] ids)
    {
        var n = ids.Length;
        long[] shape = [1, n];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids.Select(i => (long)i).ToArray(), shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, n).ToArray(), shape);
        using var types = OrtValue.CreateTensorValueFromMemory(new long[n], shape);
        using var runOptions = new RunOptions();
        using var outputs = _reference.Run(
            runOptions,
            ["input_ids", "attention_mask", "token_type_ids"],
            [inputIds, mask, types],
            ["last_hidden_state"]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var dims = hidden.Length / n;
        var mean = new double[dims];
        for (var t = 0; t < n; t++)
        {
            for (var d = 0; d < dims; d++)
            {
                mean[d] += hidden[t * dims + d] / n;
            }
        }

        var norm = Math.Sqrt(mean.Sum(v => v * v));
        return [.. mean.Select(v => (float)(v / norm))];
    }

    public float[] ReferenceEmbedding(string text) => ReferenceEmbedding(Tokenizer.Encode(text));

    public void Dispose()
    {
        Generator.Dispose();
        _reference.Dispose();
    }
}

internal static class Vectors
{
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }

    public static double Norm(ReadOnlySpan<float> a)
    {
        double sum = 0;
        foreach (var v in a)
        {
            sum += (double)v * v;
        }

        return Math.Sqrt(sum);
    }
}
