using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TalentMatch.Modules.Notifications;

/// <summary>
/// How a delivery is signed: <c>TalentMatch-Signature: v1=&lt;hex&gt;</c>, the lowercase hex of
/// HMAC-SHA256 keyed with the subscription's secret (its UTF-8 bytes, whole, prefix included) over
/// <c>"{TalentMatch-Timestamp}.{raw body}"</c>. The timestamp (Unix seconds) is signed so that a
/// receiver can refuse old replays of a captured request.
/// </summary>
public static class WebhookSignature
{
    public const string Version = "v1";
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: <c>whsec_</c> and 32 random bytes, base64url.</summary>
    public static string NewSecret() =>
        SecretPrefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"{Version}={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>What a receiver does: recompute and compare in constant time.</summary>
    public static bool Verify(string secret, long timestamp, ReadOnlySpan<byte> body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(header));
}
