using System.Security.Cryptography;
using System.Text;

namespace TalentMatch.Platform.Security;

/// <summary>
/// API keys read <c>tm_&lt;key id: 32 hex&gt;_&lt;secret: 43 base64url&gt;</c>. The id finds the stored key;
/// only the SHA-256 of the secret is ever stored or sent between services.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "tm_";
    private const int IdLength = 32;
    private const int SecretLength = 43; // 32 random bytes, base64url without padding

    public static string Compose(Guid keyId, string secret) => $"{Prefix}{keyId:N}_{secret}";

    /// <summary>Splits a presented key; false for anything that is not shaped like one of ours.</summary>
    public static bool TryParse(string presented, out Guid keyId, out byte[] secretHash)
    {
        keyId = Guid.Empty;
        secretHash = [];
        if (presented.Length != Prefix.Length + IdLength + 1 + SecretLength
            || !presented.StartsWith(Prefix, StringComparison.Ordinal)
            || presented[Prefix.Length + IdLength] != '_'
            || !Guid.TryParseExact(presented.AsSpan(Prefix.Length, IdLength), "N", out keyId))
        {
            return false;
        }

        secretHash = Hash(presented[(Prefix.Length + IdLength + 1)..]);
        return true;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
