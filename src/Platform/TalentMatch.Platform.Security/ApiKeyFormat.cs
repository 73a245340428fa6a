using System.Security.Cryptography;
using System.Text;

namespace TalentMatch.Platform.Security;

/// <summary>
/// API keys read <c>tm_&lt;key id: 32 hex&gt;_&lt;secret: 43 base64url&gt;</c>. The id finds the stored key;
/// only the SHA-256 of the secret is ever stored or sent between services. A candidate portal link's
/// token has the same shape with <see cref="PortalPrefix"/> (docs/adr/0009-console.md, addendum).
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "tm_";

    /// <summary>A portal link's token: a credential bound to one candidate, not an API key.</summary>
    public const string PortalPrefix = "tmp_";
    private const int IdLength = 32;
    private const int SecretLength = 43; // 32 random bytes, base64url without padding

    public static string Compose(Guid keyId, string secret, string prefix = Prefix) => $"{prefix}{keyId:N}_{secret}";

    /// <summary>Splits a presented key; false for anything that is not shaped like one of ours.</summary>
    public static bool TryParse(string presented, out Guid keyId, out byte[] secretHash) =>
        TryParse(presented, Prefix, out keyId, out secretHash);

    /// <summary>Splits a presented portal token; false for anything that is not shaped like one.</summary>
    public static bool TryParsePortal(string presented, out Guid linkId, out byte[] secretHash) =>
        TryParse(presented, PortalPrefix, out linkId, out secretHash);

    private static bool TryParse(string presented, string prefix, out Guid keyId, out byte[] secretHash)
    {
        keyId = Guid.Empty;
        secretHash = [];
        if (presented.Length != prefix.Length + IdLength + 1 + SecretLength
            || !presented.StartsWith(prefix, StringComparison.Ordinal)
            || presented[prefix.Length + IdLength] != '_'
            || !Guid.TryParseExact(presented.AsSpan(prefix.Length, IdLength), "N", out keyId))
        {
            return false;
        }

        secretHash = Hash(presented[(prefix.Length + IdLength + 1)..]);
        return true;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
