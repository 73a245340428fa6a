using MassTransit;
using TalentMatch.Modules.Api.Access;
using TalentMatch.Contracts;

namespace TalentMatch.Modules.Api.Consumers;

/// <summary>Answers other processes' "whose key is this?" (see BusApiKeyValidator).</summary>
public sealed class ApiKeyValidationConsumer(ApiKeyStore store, PortalLinkStore portalLinks) : IConsumer<ApiKeyValidationRequested>
{
    public async Task Consume(ConsumeContext<ApiKeyValidationRequested> context)
    {
        var message = context.Message;
        var identity = message.PortalLink
            ? await portalLinks.ValidateAsync(message.KeyId, message.SecretHash, context.CancellationToken)
            : await store.ValidateAsync(message.KeyId, message.SecretHash, context.CancellationToken);
        await context.RespondAsync(identity is null
            ? new ApiKeyValidated(false, null, [])
            : new ApiKeyValidated(true, identity.TenantId, [.. identity.Scopes], identity.Candidate, identity.Anonymise));
    }
}
