using System.Net;
using System.Net.Sockets;

namespace TalentMatch.Modules.Notifications;

/// <summary>The webhook URL, or the address it reached, is one the server must not call.</summary>
public sealed class WebhookTargetForbiddenException(string message) : Exception(message);

/// <summary>
/// The SSRF rule: webhooks go to public addresses only (unless <c>AllowPrivateTargets</c>).
/// Checked when a subscription is created (the URL and what its host resolves to) and again on
/// every delivery, on the address the connection actually reached, so a host name that resolves
/// differently later (DNS rebinding) gains nothing.
/// </summary>
public static class WebhookTargets
{
    /// <summary>Why <paramref name="address"/> is not a public unicast address, or null when it is.</summary>
    public static string? WhyForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return "loopback";
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return b switch
            {
                [0, ..] => "unspecified (0.0.0.0/8)",
                [10, ..] => "private (10.0.0.0/8)",
                [172, >= 16 and <= 31, ..] => "private (172.16.0.0/12)",
                [192, 168, ..] => "private (192.168.0.0/16)",
                [169, 254, ..] => "link-local (169.254.0.0/16, cloud metadata)",
                [100, >= 64 and <= 127, ..] => "shared address space (100.64.0.0/10)",
                [>= 224, ..] => "multicast or reserved (224.0.0.0/3)",
                _ => null,
            };
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
            {
                return "unspecified (::)";
            }

            if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
            {
                return "link-local (fe80::/10)";
            }

            if ((b[0] & 0xfe) == 0xfc)
            {
                return "unique-local (fc00::/7)";
            }

            if (address.IsIPv6Multicast)
            {
                return "multicast (ff00::/8)";
            }

            // NAT64 and 6to4 embed an IPv4 address: judge the embedded one.
            if (b[0] == 0x20 && b[1] == 0x02)
            {
                return WhyForbidden(new IPAddress(b.Slice(2, 4)));
            }

            if (b[..12].SequenceEqual((ReadOnlySpan<byte>)[0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]))
            {
                return WhyForbidden(new IPAddress(b.Slice(12, 4)));
            }

            return null;
        }

        return "not an IP address";
    }

    /// <summary>Resolves <paramref name="host"/> (or parses it) and refuses it when any address is not public.</summary>
    public static async Task<IPAddress[]> ResolveAllowedAsync(string host, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        if (!allowPrivate)
        {
            foreach (var address in addresses)
            {
                if (WhyForbidden(address) is { } why)
                {
                    throw new WebhookTargetForbiddenException($"{host} resolves to {address}, a {why} address.");
                }
            }
        }

        return addresses;
    }

    /// <summary>
    /// The delivery client's connect step: resolve, refuse non-public addresses, connect, and
    /// check the address actually connected to.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAllowedAsync(endpoint.Host, allowPrivate, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            if (!allowPrivate && socket.RemoteEndPoint is IPEndPoint { Address: var connected } && WhyForbidden(connected) is { } why)
            {
                throw new WebhookTargetForbiddenException($"{endpoint.Host} connected to {connected}, a {why} address.");
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
