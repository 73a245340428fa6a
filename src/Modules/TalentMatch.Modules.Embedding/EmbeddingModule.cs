using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using TalentMatch.Core.Embeddings;
using TalentMatch.Platform.Messaging;

namespace TalentMatch.Modules.Embedding;

public static class EmbeddingModule
{
    /// <summary>
    /// The embedding service: one shared ONNX session for the process (see
    /// <c>TalentMatch:Embeddings</c> for a model path, threads or the CUDA provider).
    /// </summary>
    public static IHostApplicationBuilder AddEmbeddingService(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("TalentMatch:Embeddings");
        builder.Services.AddOnnxSentenceEmbeddings(options => section.Bind(options));
        builder.Services.AddBusConsumers(bus => bus.AddConsumer<ProfileParsedConsumer>());
        return builder;
    }
}
