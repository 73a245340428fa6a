using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentMatch.Modules.Api.Access;
using TalentMatch.Modules.Api.Consumers;
using TalentMatch.Modules.Api.Duplicates;
using TalentMatch.Modules.Api.Endpoints;
using TalentMatch.Modules.Api.Endpoints.Candidates;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Endpoints.Jobs;
using TalentMatch.Modules.Api.Lifecycle;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Persistence;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Api;

public static class ApiModule
{
    /// <summary>The api service: REST endpoints for candidates and jobs, its database, and the pipeline status it follows.</summary>
    public static IHostApplicationBuilder AddApiService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<ApiOptions>(ApiOptions.Section);
        builder.AddTalentMatchDbContext<ApiDbContext, SqliteApiDbContext, SqlServerApiDbContext, PostgreSqlApiDbContext>();
        builder.Services.AddProcessedMessagePruning<ApiDbContext>();
        builder.AddTalentMatchDataProtection(); // idempotency records keep responses protected
        builder.AddBlobStore();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<PortalLinkStore>();
        builder.Services.AddSingleton<IdempotencyStore>();
        builder.Services.AddSingleton<IIdempotencyStore>(provider => provider.GetRequiredService<IdempotencyStore>());
        builder.Services.AddHostedService<IdempotencyPruner>();
        builder.Services.AddSingleton<DocumentEraser>();
        builder.Services.AddSingleton<SubmissionGroupCommit>();
        builder.Services.AddSingleton<DuplicateDetector>();
        builder.Services.AddHostedService<RetentionSweeper>();
        builder.Services.AddSingleton<IApiKeyValidator>(provider => provider.GetRequiredService<ApiKeyStore>());
        builder.Services.AddOutboxDispatcher<ApiDbContext>();
        builder.Services.AddEndpoints<CandidateEndpoints>();
        builder.Services.AddEndpoints<JobEndpoints>();
        builder.Services.AddEndpoints<ApiKeyEndpoints>();
        builder.Services.AddEndpoints<SkillEndpoints>();
        builder.Services.AddEndpoints<RetentionEndpoints>();
        builder.Services.AddEndpoints<DuplicateSettingsEndpoints>();
        builder.Services.AddEndpoints<AnonymisationSettingsEndpoints>();
        builder.Services.AddOpenApiExample<SubmitDocumentRequest>(
            """{"title": "LLM Training Engineer", "text": "Requirements: 3+ years of PyTorch; distributed training with DeepSpeed or Megatron-LM. Nice to have: vLLM."}""");
        builder.Services.AddOpenApiExample<CreateApiKeyRequest>(
            """{"name": "ATS integration", "scopes": ["candidates:write", "candidates:read", "search"]}""");
        builder.Services.AddBusConsumers(bus =>
        {
            bus.AddConsumer<PipelineStatusConsumer>();
            bus.AddConsumer<ApiKeyValidationConsumer>();
            bus.AddConsumer<ErasureReceiptConsumer>();
        });
        return builder;
    }
}
