using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace TalentMatch.Modules.Console;

/// <summary>
/// The signed-in recruiter's session: the API key itself, encrypted with the host's Data
/// Protection key ring and limited in time, in an HttpOnly, SameSite=Strict cookie scoped to
/// <c>/console</c>. Nothing is stored on the server, so that any instance sharing the key ring
/// serves any session and signing out is deleting the cookie; revoking the key ends every session
/// at its next request (the API refuses it).
/// </summary>
public sealed class ConsoleSession(IDataProtectionProvider dataProtection, IOptions<ConsoleOptions> options, TimeProvider time)
{
    public const string CookieName = "tm_console";
    public const string CookiePath = "/console";

    /// <summary>A key is a short token: anything much longer is not one, and is not decrypted or sent on.</summary>
    public const int MaxKeyLength = 200;

    private readonly ITimeLimitedDataProtector _protector =
        dataProtection.CreateProtector("TalentMatch.Console.Session.v1").ToTimeLimitedDataProtector();

    public void SignIn(HttpContext context, string apiKey)
    {
        var lifetime = options.Value.SessionLifetime;
        context.Response.Cookies.Append(CookieName, _protector.Protect(apiKey, time.GetUtcNow() + lifetime), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = CookiePath,
            MaxAge = lifetime,
            IsEssential = true,
        });
    }

    public static void SignOut(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = CookiePath, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Strict, HttpOnly = true });

    /// <summary>The session's API key, or null when there is no cookie or it is expired, forged or from a lost key ring.</summary>
    public string? ApiKey(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var cookie) || cookie.Length > 4 * MaxKeyLength)
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(cookie, out _);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
