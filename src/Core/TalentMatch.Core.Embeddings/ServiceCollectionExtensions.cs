using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace TalentMatch.Core.Embeddings;

/// <summary>Registers the ONNX sentence embedding generator.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers one shared <see cref="OnnxSentenceEmbeddingGenerator"/> as
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of string → <see cref="Embedding{T}"/> of float.
    /// The model loads on first resolution; the container disposes it.
    /// </summary>
    public static IServiceCollection AddOnnxSentenceEmbeddings(this IServiceCollection services, Action<OnnxEmbeddingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider =>
        {
            var options = new OnnxEmbeddingOptions();
            configure?.Invoke(options);
            return new OnnxSentenceEmbeddingGenerator(options, provider.GetService<ILogger<OnnxSentenceEmbeddingGenerator>>());
        });
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(provider => provider.GetRequiredService<OnnxSentenceEmbeddingGenerator>());
        return services;
    }
}
