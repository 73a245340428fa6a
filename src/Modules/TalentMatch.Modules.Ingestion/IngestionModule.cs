using MassTransit;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentMatch.Core.Embeddings;
using TalentMatch.Core.Skills;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Persistence;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Ingestion;

public static class IngestionModule
{
    /// <summary>
    /// The ingestion service: consumes submitted documents, publishes parsed or rejected ones. With
    /// <c>TalentMatch:Ingestion:SemanticLinking</c> on, it also loads the embedding model (the same registration as
    /// the embedding module's, so one process holds one model) and links unknown skill-list items.
    /// </summary>
    public static IHostApplicationBuilder AddIngestionService(this IHostApplicationBuilder builder)
    {
        builder.AddBlobStore();
        var options = builder.AddSettings<IngestionOptions>(IngestionOptions.Section);
        if (options.SemanticLinking)
        {
            var section = builder.Configuration.GetSection("TalentMatch:Embeddings");
            builder.Services.AddOnnxSentenceEmbeddings(o => section.Bind(o));
            builder.Services.AddSingleton(provider => new SemanticLinker(
                SkillExtractor.Default.Taxonomy,
                provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
                new SemanticLinkingOptions
                {
                    EnglishThreshold = options.LinkThresholdEnglish,
                    ChineseThreshold = options.LinkThresholdChinese,
                    MaxPhrasesPerDocument = options.MaxLinkPhrasesPerDocument,
                }));
        }

        builder.Services.AddBusConsumers(bus => bus.AddConsumer<DocumentSubmittedConsumer>());
        return builder;
    }
}
