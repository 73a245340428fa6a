using Microsoft.AspNetCore.DataProtection;

namespace TalentMatch.Modules.Notifications;

/// <summary>
/// Webhook signing secrets at rest: <c>WebhookSubscriptions.Secret</c> holds the Data Protection
/// payload of the secret (purpose <see cref="Purpose"/>), never the secret itself; it is
/// unprotected only to sign a delivery.
/// </summary>
/// <remarks>
/// Rows written before secrets were protected hold the plaintext <c>whsec_…</c> in the same
/// column. No data migration rewrites them: a protected payload never starts with <c>whsec_</c>
/// (it is base64url of a header starting 0x09F0C9F0, "CfDJ8…"), so the prefix tells a legacy row
/// apart, it is used as is, and it is replaced by its protected form on the next write: its next
/// delivery (<see cref="DeliveryWorker"/>) or a rotation.
/// </remarks>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    public const string Purpose = "TalentMatch.Webhooks.Secret.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    /// <summary>What is stored for <paramref name="secret"/>.</summary>
    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>The secret a stored value holds (a legacy plaintext one as is).</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The key that protected it is not in the key ring.</exception>
    public string Unprotect(string stored) => IsLegacyPlaintext(stored) ? stored : _protector.Unprotect(stored);

    /// <summary>A secret stored before protection (see the remarks): to be protected on the next write.</summary>
    public static bool IsLegacyPlaintext(string stored) => stored.StartsWith(WebhookSignature.SecretPrefix, StringComparison.Ordinal);
}
