using System.Net.Sockets;
using System.Security.Authentication;
using TalentMatch.Modules.Notifications;

namespace TalentMatch.Server.Tests;

/// <summary>
/// What the delivery log says about a failed attempt: our fixed words, never the receiver's answer
/// or an exception's message. The HTTP-level checks are in WebhookTests.
/// </summary>
public sealed class DeliveryErrorsTests
{
    private const string Leak = "10.1.2.3 internal-db.corp says no";

    [Theory]
    [InlineData(500, "HTTP 500 Internal Server Error")]
    [InlineData(503, "HTTP 503 Service Unavailable")]
    [InlineData(404, "HTTP 404 Not Found")]
    [InlineData(302, "HTTP 302 Found")]
    [InlineData(599, "HTTP 599")]
    public void A_status_is_logged_with_its_standard_reason_phrase(int status, string expected) =>
        Assert.Equal(expected, DeliveryErrors.ForStatus(status));

    public static TheoryData<Exception, string> Failures => new()
    {
        { Wrapped(new WebhookTargetForbiddenException(Leak)), "target address not allowed" },
        { Wrapped(new SocketException((int)SocketError.ConnectionRefused)), "connection refused" },
        { Wrapped(new SocketException((int)SocketError.HostNotFound)), "DNS lookup failed" },
        { Wrapped(new SocketException((int)SocketError.TimedOut)), "timeout" },
        { Wrapped(new SocketException((int)SocketError.NetworkUnreachable)), "host unreachable" },
        { Wrapped(new SocketException((int)SocketError.ConnectionReset)), "connection reset" },
        { Wrapped(new AuthenticationException(Leak)), "TLS handshake failed" },
        { Wrapped(new TimeoutException(Leak)), "timeout" },
        { new HttpRequestException(HttpRequestError.NameResolutionError, Leak), "DNS lookup failed" },
        { new HttpRequestException(HttpRequestError.SecureConnectionError, Leak), "TLS handshake failed" },
        { new HttpRequestException(HttpRequestError.ResponseEnded, Leak), "connection reset" },
        { new HttpRequestException(HttpRequestError.InvalidResponse, Leak), "invalid HTTP response" },
        { new HttpRequestException(HttpRequestError.Unknown, Leak), "request failed" },
        { new TaskCanceledException(Leak), "timeout" },
        { new InvalidOperationException(Leak), "request failed" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_transport_failure_is_logged_as_a_fixed_category(Exception failure, string expected)
    {
        var logged = DeliveryErrors.ForException(failure);
        Assert.Equal(expected, logged);
        Assert.DoesNotContain("10.1.2.3", logged, StringComparison.Ordinal);
    }

    private static HttpRequestException Wrapped(Exception inner) =>
        new(HttpRequestError.ConnectionError, Leak, inner);
}
