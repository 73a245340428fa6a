using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace TalentMatch.Core.Skills.Linking;

/// <summary>
/// Sentence embeddings of every Latin-script node name and alias (about 3,500 texts: 5.4 MB of vectors at 384
/// dimensions), computed once per taxonomy and generator, then searched exhaustively: a phrase costs one dot product
/// per name, a few milliseconds, against a model call that costs more.
/// </summary>
internal sealed class EnglishNameIndex
{
    /// <summary>Names per generator call: small enough that one call does not hold the model for long.</summary>
    private const int BuildChunk = 256;

    private readonly float[] _vectors;
    private readonly int[] _nodes;
    private readonly int _dimensions;

    private EnglishNameIndex(float[] vectors, int[] nodes, int dimensions) => (_vectors, _nodes, _dimensions) = (vectors, nodes, dimensions);

    public int Count => _nodes.Length;

    public static async Task<EnglishNameIndex> BuildAsync(List<(string Name, int Node)> names, IEmbeddingGenerator<string, Embedding<float>> generator, CancellationToken cancellationToken)
    {
        var rows = new List<float[]>(names.Count);
        for (var i = 0; i < names.Count; i += BuildChunk)
        {
            var chunk = names.Skip(i).Take(BuildChunk).Select(n => n.Name).ToList();
            var embedded = await generator.GenerateAsync(chunk, cancellationToken: cancellationToken).ConfigureAwait(false);
            rows.AddRange(embedded.Select(e => Normalised(e.Vector.Span)));
        }

        var dimensions = rows.Count == 0 ? 0 : rows[0].Length;
        var vectors = new float[rows.Count * dimensions];
        for (var r = 0; r < rows.Count; r++)
        {
            rows[r].CopyTo(vectors, r * dimensions);
        }

        return new EnglishNameIndex(vectors, [.. names.Select(n => n.Node)], dimensions);
    }

    /// <summary>The node of the name nearest to <paramref name="vector"/> (unit length) and their cosine.</summary>
    public (int Node, double Score) Nearest(ReadOnlySpan<float> vector)
    {
        var (best, bestScore) = (-1, double.NegativeInfinity);
        if (vector.Length != _dimensions)
        {
            return (best, 0);
        }

        for (var row = 0; row < _nodes.Length; row++)
        {
            var score = TensorPrimitives.Dot(vector, _vectors.AsSpan(row * _dimensions, _dimensions));
            if (score > bestScore)
            {
                (best, bestScore) = (_nodes[row], score);
            }
        }

        return (best, best < 0 ? 0 : bestScore);
    }

    /// <summary>A copy at unit length: cosine is then a dot product, whatever the generator returns.</summary>
    public static float[] Normalised(ReadOnlySpan<float> vector)
    {
        var copy = vector.ToArray();
        var norm = TensorPrimitives.Norm(copy);
        if (norm > 0)
        {
            TensorPrimitives.Divide(copy, norm, copy);
        }

        return copy;
    }
}
