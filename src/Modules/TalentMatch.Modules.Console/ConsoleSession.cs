using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace TalentMatch.Modules.Console;

/// <summary>
/// One credential in a cookie, encrypted with the host's Data Protection key ring and limited in
/// time, HttpOnly. Nothing is stored on the server, so that any instance sharing the key ring serves
/// any session and ending it is deleting the cookie; revoking the credential ends every session at
/// its next request (the API refuses it).
/// </summary>
public abstract class EncryptedCookie(
    IDataProtectionProvider dataProtection, TimeProvider time, TimeSpan lifetime, string name, string path, string purpose, SameSiteMode sameSite)
{
    /// <summary>A credential is a short token: anything much longer is not one, and is not decrypted or sent on.</summary>
    public const int MaxKeyLength = 200;

    private readonly ITimeLimitedDataProtector _protector = dataProtection.CreateProtector(purpose).ToTimeLimitedDataProtector();

    protected void Write(HttpContext context, string secret) =>
        context.Response.Cookies.Append(name, _protector.Protect(secret, time.GetUtcNow() + lifetime), new CookieOptions
        {
            HttpOnly = true,
            SameSite = sameSite,
            Secure = context.Request.IsHttps,
            Path = path,
            MaxAge = lifetime,
            IsEssential = true,
        });

    protected static void Delete(HttpContext context, string name, string path, SameSiteMode sameSite) =>
        context.Response.Cookies.Delete(name, new CookieOptions { Path = path, Secure = context.Request.IsHttps, SameSite = sameSite, HttpOnly = true });

    /// <summary>The credential, or null when there is no cookie or it is expired, forged or from a lost key ring.</summary>
    protected string? Read(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(name, out var cookie) || cookie.Length > 4 * MaxKeyLength)
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

/// <summary>
/// The signed-in recruiter's session: the API key itself, in an HttpOnly, SameSite=Strict cookie
/// scoped to <c>/console</c> (see <see cref="EncryptedCookie"/>).
/// </summary>
public sealed class ConsoleSession(IDataProtectionProvider dataProtection, IOptions<ConsoleOptions> options, TimeProvider time)
    : EncryptedCookie(dataProtection, time, options.Value.SessionLifetime, CookieName, CookiePath, "TalentMatch.Console.Session.v1", SameSiteMode.Strict)
{
    public const string CookieName = "tm_console";
    public const string CookiePath = "/console";

    public void SignIn(HttpContext context, string apiKey) => Write(context, apiKey);

    public static void SignOut(HttpContext context) => Delete(context, CookieName, CookiePath, SameSiteMode.Strict);

    /// <summary>The session's API key, or null when there is no cookie or it is expired, forged or from a lost key ring.</summary>
    public string? ApiKey(HttpContext context) => Read(context);
}

/// <summary>
/// A candidate's portal session: the portal link's token, exchanged for this cookie when the link is
/// opened so that it leaves the address bar. SameSite=Lax, because the link arrives from another site
/// (an e-mail, a careers page) and the first page after it must see the cookie; the portal has no
/// form that changes anything, so Lax gives nothing away. Scoped to <c>/console/portal</c>.
/// </summary>
public sealed class PortalSession(IDataProtectionProvider dataProtection, IOptions<ConsoleOptions> options, TimeProvider time)
    : EncryptedCookie(dataProtection, time, options.Value.SessionLifetime, CookieName, CookiePath, "TalentMatch.Console.Portal.v1", SameSiteMode.Lax)
{
    public const string CookieName = "tm_portal";
    public const string CookiePath = "/console/portal";

    public void Open(HttpContext context, string token) => Write(context, token);

    public static void Close(HttpContext context) => Delete(context, CookieName, CookiePath, SameSiteMode.Lax);

    /// <summary>The portal link's token, or null.</summary>
    public string? Token(HttpContext context) => Read(context);
}

/// <summary>
/// A secret the API returns once (a new API key, a webhook's signing secret, a portal link), carried from
/// the form's POST to the page that shows it: post, redirect, get. Reloading that page then shows nothing
/// and creates nothing (before, a reload posted the form again and made another secret). Encrypted, two
/// minutes, HttpOnly, SameSite=Strict, scoped to <c>/console</c>; it names the page it is for and is deleted
/// by the page that shows it, so it is shown once and only there.
/// </summary>
public sealed class OneTimeSecret(IDataProtectionProvider dataProtection, TimeProvider time)
    : EncryptedCookie(dataProtection, time, TimeSpan.FromMinutes(2), CookieName, ConsoleSession.CookiePath, "TalentMatch.Console.OneTimeSecret.v1", SameSiteMode.Strict)
{
    public const string CookieName = "tm_once";

    /// <summary>Keeps <paramref name="secret"/> for the next request to <paramref name="page"/> (its path).</summary>
    public void Keep(HttpContext context, string page, string secret) => Write(context, page + "\n" + secret);

    /// <summary>The secret kept for <paramref name="page"/>, deleted as it is read; null when there is none for this page.</summary>
    public string? Take(HttpContext context, string page)
    {
        var kept = Read(context);
        var separator = kept?.IndexOf('\n', StringComparison.Ordinal) ?? -1;
        if (separator < 0 || !kept.AsSpan(0, separator).SequenceEqual(page))
        {
            return null;
        }
        Delete(context, CookieName, ConsoleSession.CookiePath, SameSiteMode.Strict);
        return kept![(separator + 1)..];
    }
}
