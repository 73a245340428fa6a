using System.Numerics.Tensors;

namespace TalentMatch.Bench.Commands;

/// <summary>The statistics every benchmark reports, computed one way.</summary>
internal static class Statistics
{
    /// <summary>
    /// The nearest-rank percentile (<paramref name="p"/> in 0–1) of values sorted ascending: the
    /// smallest value with at least p of the values at or below it. NaN when there are none.
    /// </summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Cosine similarity of two vectors (of any norm).</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.CosineSimilarity(a, b);
}
