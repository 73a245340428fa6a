using System.Numerics.Tensors;

namespace TalentMatch.Core.Embeddings;

/// <summary>
/// The vector maths of pooling: token states into one sentence vector, window vectors into one text vector,
/// each put back on the unit sphere.
/// </summary>
internal static class EmbeddingPooling
{
    /// <summary>sentence-transformers' pooling: the mean over the tokens the attention mask lets in ([CLS] and [SEP] included), L2-normalised.</summary>
    public static float[] MeanPool(ReadOnlySpan<float> rowStates, int realTokens, int dimensions)
    {
        var vector = new float[dimensions];
        for (var t = 0; t < realTokens; t++)
        {
            TensorPrimitives.Add(vector, rowStates.Slice(t * dimensions, dimensions), vector);
        }

        // Dividing by the token count is skipped: normalisation removes any scale.
        Normalize(vector);
        return vector;
    }

    /// <summary>Scales <paramref name="vector"/> to unit length (L2), in place.</summary>
    public static void Normalize(Span<float> vector)
    {
        // Same floor as torch.nn.functional.normalize, so an all-zero vector stays zero.
        var norm = MathF.Max(TensorPrimitives.Norm(vector), 1e-12f);
        TensorPrimitives.Divide(vector, norm, vector);
    }
}
