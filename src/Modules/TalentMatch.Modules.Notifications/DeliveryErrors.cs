using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.AspNetCore.WebUtilities;

namespace TalentMatch.Modules.Notifications;

/// <summary>
/// What the delivery log says went wrong (<c>lastError</c>), which the tenant reads. Only our own
/// fixed words: the status code with its standard reason phrase, or a transport category. Never
/// the receiver's body or reason text (a target could be an internal page whose content would
/// leak), nor an exception message (which names hosts, addresses and internals).
/// </summary>
public static class DeliveryErrors
{
    public const string Timeout = "timeout";
    public const string ConnectionRefused = "connection refused";
    public const string ConnectionFailed = "connection failed";
    public const string ConnectionReset = "connection reset";
    public const string HostUnreachable = "host unreachable";
    public const string DnsLookupFailed = "DNS lookup failed";
    public const string TlsHandshakeFailed = "TLS handshake failed";
    public const string TargetNotAllowed = "target address not allowed";
    public const string InvalidResponse = "invalid HTTP response";
    public const string RequestFailed = "request failed";
    public const string SecretUnavailable = "signing secret unavailable";
    public const string WebhookDeleted = "The webhook was deleted.";

    /// <summary><c>HTTP 500 Internal Server Error</c>: the code and its standard phrase (the code alone when it has none).</summary>
    public static string ForStatus(int statusCode) =>
        ReasonPhrases.GetReasonPhrase(statusCode) is { Length: > 0 } phrase ? $"HTTP {statusCode} {phrase}" : $"HTTP {statusCode}";

    /// <summary>The category of a failed request that got no answer.</summary>
    public static string ForException(Exception exception)
    {
        if (Find<WebhookTargetForbiddenException>(exception) is not null)
        {
            return TargetNotAllowed;
        }

        if (Find<AuthenticationException>(exception) is not null)
        {
            return TlsHandshakeFailed;
        }

        if (Find<TimeoutException>(exception) is not null)
        {
            return Timeout;
        }

        if (Find<SocketException>(exception) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => DnsLookupFailed,
                SocketError.ConnectionRefused => ConnectionRefused,
                SocketError.TimedOut => Timeout,
                SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown or SocketError.NetworkDown => HostUnreachable,
                SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => ConnectionReset,
                _ => ConnectionFailed,
            };
        }

        if (Find<HttpRequestException>(exception) is { } http)
        {
            return http.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => DnsLookupFailed,
                HttpRequestError.SecureConnectionError => TlsHandshakeFailed,
                HttpRequestError.ConnectionError => ConnectionFailed,
                HttpRequestError.ResponseEnded => ConnectionReset,
                HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError or HttpRequestError.ConfigurationLimitExceeded => InvalidResponse,
                _ => RequestFailed,
            };
        }

        return exception is OperationCanceledException ? Timeout : RequestFailed;
    }

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
