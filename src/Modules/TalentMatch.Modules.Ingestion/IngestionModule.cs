using MassTransit;
using Microsoft.Extensions.Hosting;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Persistence;

namespace TalentMatch.Modules.Ingestion;

public static class IngestionModule
{
    /// <summary>The ingestion service: consumes submitted documents, publishes parsed or rejected ones.</summary>
    public static IHostApplicationBuilder AddIngestionService(this IHostApplicationBuilder builder)
    {
        builder.AddBlobStore();
        builder.Services.AddBusConsumers(bus => bus.AddConsumer<DocumentSubmittedConsumer>());
        return builder;
    }
}
