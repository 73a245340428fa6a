using MassTransit;
using TalentMatch.Modules.Api.Access;
using TalentMatch.Contracts;

namespace TalentMatch.Modules.Api.Consumers;

/// <summary>Answers other processes' "whose key is this?" (see BusApiKeyValidator).</summary>
public sealed class ApiKeyValidationConsumer(ApiKeyStore store) : IConsumer<ApiKeyValidationRequested>
{
    public async Task Consume(ConsumeContext<ApiKeyValidationRequested> context)
    {
        var identity = await store.ValidateAsync(context.Message.KeyId, context.Message.SecretHash, context.CancellationToken);
        await context.RespondAsync(identity is null
            ? new ApiKeyValidated(false, null, [])
            : new ApiKeyValidated(true, identity.TenantId, [.. identity.Scopes]));
    }
}
