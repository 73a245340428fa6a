using System.Net;
using System.Net.Sockets;

namespace TalentMatch.Modules.Notifications;

/// <summary>The webhook URL, or the address it reached, is one the server must not call.</summary>
public sealed class WebhookTargetForbiddenException(string message) : Exception(message);

/// <summary>
/// The SSRF rule: webhooks go to global unicast addresses only (unless <c>AllowPrivateTargets</c>).
/// Checked when a subscription is created (the URL and what its host resolves to) and again on
/// every delivery, on the address the connection actually reached, so a host name that resolves
/// differently later (DNS rebinding) gains nothing.
/// </summary>
/// <remarks>
/// An allow-list, after the IANA IPv4 and IPv6 Special-Purpose Address Registries. IPv6: only the
/// global unicast space 2000::/3 is accepted at all (so whatever lies outside it, known or not yet
/// assigned, is refused: loopback, unspecified, NAT64, discard, link-local, unique-local, multicast,
/// SRv6 5f00::/16...), minus its special-purpose blocks (2001::/23 with Teredo, 2001:db8::/32,
/// 2002::/16 6to4, 3fff::/20). Forms that carry an IPv4 address (IPv4-compatible, NAT64, 6to4,
/// Teredo) are refused outright whatever the embedded address, except IPv4-mapped
/// (::ffff:0:0/96), which is how a dual-stack socket reports an IPv4 peer: it is judged as that
/// IPv4 address. IPv4 has no global prefix, so every special-purpose block is refused and the
/// rest accepted.
/// </remarks>
public static class WebhookTargets
{
    private static readonly (uint Network, int Length, string Why)[] SpecialIPv4 =
    [
        (V4(0, 0, 0, 0), 8, "unspecified (0.0.0.0/8, this network)"),
        (V4(10, 0, 0, 0), 8, "private (10.0.0.0/8)"),
        (V4(100, 64, 0, 0), 10, "shared address space (100.64.0.0/10)"),
        (V4(127, 0, 0, 0), 8, "loopback (127.0.0.0/8)"),
        (V4(169, 254, 0, 0), 16, "link-local (169.254.0.0/16, cloud metadata)"),
        (V4(172, 16, 0, 0), 12, "private (172.16.0.0/12)"),
        (V4(192, 0, 0, 0), 24, "IETF protocol assignments (192.0.0.0/24)"),
        (V4(192, 0, 2, 0), 24, "documentation (192.0.2.0/24)"),
        (V4(192, 88, 99, 0), 24, "6to4 relay anycast (192.88.99.0/24)"),
        (V4(192, 168, 0, 0), 16, "private (192.168.0.0/16)"),
        (V4(198, 18, 0, 0), 15, "benchmarking (198.18.0.0/15)"),
        (V4(198, 51, 100, 0), 24, "documentation (198.51.100.0/24)"),
        (V4(203, 0, 113, 0), 24, "documentation (203.0.113.0/24)"),
        (V4(224, 0, 0, 0), 4, "multicast (224.0.0.0/4)"),
        (V4(255, 255, 255, 255), 32, "limited broadcast (255.255.255.255)"),
        (V4(240, 0, 0, 0), 4, "reserved (240.0.0.0/4)"),
    ];

    /// <summary>
    /// Why <paramref name="address"/> is not a global unicast address (a short description of the
    /// special-purpose block it is in), or null when it is one.
    /// </summary>
    public static string? WhyForbidden(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => WhyForbiddenIPv4(address),
        AddressFamily.InterNetworkV6 => WhyForbiddenIPv6(address),
        _ => "not an IP address",
    };

    private static string? WhyForbiddenIPv4(IPAddress address)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(b);
        foreach (var (network, length, why) in SpecialIPv4)
        {
            if (InPrefix(value, network, length))
            {
                return why;
            }
        }

        return null;
    }

    private static string? WhyForbiddenIPv6(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        if (address.IsIPv4MappedToIPv6)
        {
            return WhyForbiddenIPv4(address.MapToIPv4()); // how a dual-stack socket reports an IPv4 peer
        }

        if (b.IndexOfAnyExcept((byte)0) < 0)
        {
            return "unspecified (::)";
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "loopback (::1)";
        }

        if (b[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return "IPv4-compatible (::/96, deprecated)" + Embedded(b[12..]);
        }

        if (b[..12].SequenceEqual((ReadOnlySpan<byte>)[0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]))
        {
            return "NAT64 (64:ff9b::/96)" + Embedded(b[12..]);
        }

        if (b[..6].SequenceEqual((ReadOnlySpan<byte>)[0x00, 0x64, 0xff, 0x9b, 0x00, 0x01]))
        {
            return "local-use NAT64 (64:ff9b:1::/48)";
        }

        if ((b[0] & 0xe0) != 0x20)
        {
            // Outside the global unicast space: named when it is a well-known block.
            return b switch
            {
                [0xfe, >= 0x80 and <= 0xbf, ..] => "link-local (fe80::/10)",
                [0xfe, >= 0xc0, ..] => "site-local (fec0::/10, deprecated)",
                [0xfc or 0xfd, ..] => "unique-local (fc00::/7)",
                [0xff, ..] => "multicast (ff00::/8)",
                [0x01, 0x00, 0, 0, 0, 0, 0, 0, ..] => "discard-only (100::/64)",
                [0x5f, 0x00, ..] => "SRv6 SIDs (5f00::/16)",
                _ => "not global unicast (outside 2000::/3)",
            };
        }

        return b switch
        {
            [0x20, 0x01, 0x00, 0x00, ..] => "Teredo (2001::/32)",
            [0x20, 0x01, 0x00 or 0x01, ..] => "IETF protocol assignments (2001::/23)",
            [0x20, 0x01, 0x0d, 0xb8, ..] => "documentation (2001:db8::/32)",
            [0x20, 0x02, ..] => "6to4 (2002::/16)" + Embedded(b.Slice(2, 4)),
            [0x3f, 0xff, <= 0x0f, ..] => "documentation (3fff::/20)",
            _ => null,
        };
    }

    /// <summary>What an IPv6 form that carries an IPv4 address holds: said, never a reason to accept it.</summary>
    private static string Embedded(ReadOnlySpan<byte> ipv4)
    {
        var embedded = new IPAddress(ipv4);
        return WhyForbiddenIPv4(embedded) is { } why ? $", embedding {embedded}: {why}" : $", embedding {embedded}";
    }

    private static uint V4(byte a, byte b, byte c, byte d) => ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;

    private static bool InPrefix(uint value, uint network, int length) =>
        length == 0 || (value >> (32 - length)) == (network >> (32 - length));

    /// <summary>Resolves <paramref name="host"/> (or parses it) and refuses it when any address is not public.</summary>
    public static async Task<IPAddress[]> ResolveAllowedAsync(string host, bool allowPrivate, CancellationToken cancellationToken)
    {
        var isLiteral = IPAddress.TryParse(host.Trim('[', ']'), out var literal);
        var addresses = isLiteral ? [literal!] : await Dns.GetHostAddressesAsync(host, cancellationToken);
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
                    // A literal address is the caller's own: say which block it is in. For a host
                    // name, what it resolved to stays on the server: naming the address (or its
                    // block) would let a tenant map the deployment's internal DNS.
                    throw new WebhookTargetForbiddenException(isLiteral
                        ? $"{address} is not a global unicast address: {why}."
                        : $"{host} resolves to an address that is not global unicast (private, loopback, link-local or reserved).");
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
                throw new WebhookTargetForbiddenException($"{endpoint.Host} connected to an address that is not global unicast: {why}.");
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
