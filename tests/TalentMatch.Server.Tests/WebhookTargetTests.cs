using System.Net;
using System.Net.Sockets;
using TalentMatch.Modules.Notifications;

namespace TalentMatch.Server.Tests;

/// <summary>
/// The SSRF classifier on its own: only global unicast addresses (IANA's IPv4 and IPv6
/// Special-Purpose Address Registries) are webhook targets. The HTTP-level checks are in WebhookTests.
/// </summary>
public sealed class WebhookTargetTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.0.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("fd12:3456::1", "unique-local")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("::ffff:192.168.1.1", "private")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:198.18.0.1", "benchmarking")]
    [InlineData("100.64.0.1", "shared")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("2002:c0a8:0101::1", "private")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local")]
    // The gaps of the old block-list (issue 15).
    [InlineData("::127.0.0.1", "IPv4-compatible")]
    [InlineData("64:ff9b:1::7f00:1", "NAT64")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo")]
    [InlineData("2001::1", "Teredo")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("198.19.255.255", "benchmarking")]
    [InlineData("192.0.0.1", "IETF protocol assignments")]
    [InlineData("192.0.0.170", "IETF protocol assignments")]
    // The rest of the IPv4 registry.
    [InlineData("192.0.2.1", "documentation")]
    [InlineData("198.51.100.7", "documentation")]
    [InlineData("203.0.113.9", "documentation")]
    [InlineData("192.88.99.1", "6to4 relay")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("255.255.255.254", "reserved")]
    [InlineData("255.255.255.255", "broadcast")]
    // IPv6: refused outright when IPv4 rides inside, even a public IPv4.
    [InlineData("::8.8.8.8", "IPv4-compatible")]
    [InlineData("64:ff9b::808:808", "NAT64")]
    [InlineData("2002:0808:0808::1", "6to4")]
    // IPv6: the special-purpose blocks inside 2000::/3.
    [InlineData("2001:2::1", "IETF protocol assignments")]
    [InlineData("2001:20::1", "IETF protocol assignments")]
    [InlineData("2001:1ff:ffff::1", "IETF protocol assignments")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("3fff::1", "documentation")]
    [InlineData("3fff:fff::1", "documentation")]
    // IPv6: outside 2000::/3, known or not.
    [InlineData("100::1", "discard-only")]
    [InlineData("5f00::1", "SRv6")]
    [InlineData("::ffff:0:7f00:1", "outside 2000::/3")]
    [InlineData("4000::1", "outside 2000::/3")]
    [InlineData("1::1", "outside 2000::/3")]
    public void Addresses_that_are_not_global_unicast_are_refused_with_their_block(string address, string kind)
    {
        var why = WebhookTargets.WhyForbidden(IPAddress.Parse(address));
        Assert.NotNull(why);
        Assert.Contains(kind, why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("192.0.1.1")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.1")]
    [InlineData("11.0.0.1")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700::1111")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2001:200::1")]
    [InlineData("2a00:1450:4001::1")]
    [InlineData("3ffe::1")]
    [InlineData("::ffff:8.8.8.8")]
    public void Global_unicast_addresses_are_allowed(string address) =>
        Assert.Null(WebhookTargets.WhyForbidden(IPAddress.Parse(address)));

    [Theory]
    [InlineData("[::127.0.0.1]")]
    [InlineData("[64:ff9b:1::7f00:1]")]
    [InlineData("[2001:0:4136:e378:8000:63bf:3fff:fdd2]")]
    [InlineData("198.18.0.1")]
    [InlineData("192.0.0.1")]
    public async Task Literal_hosts_are_judged_without_a_lookup(string host)
    {
        var refused = await Assert.ThrowsAsync<WebhookTargetForbiddenException>(
            () => WebhookTargets.ResolveAllowedAsync(host, allowPrivate: false, TestContext.Current.CancellationToken));
        Assert.Contains("not a global unicast address", refused.Message, StringComparison.Ordinal);
        Assert.Single(await WebhookTargets.ResolveAllowedAsync(host, allowPrivate: true, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_refused_host_name_does_not_reveal_what_it_resolved_to()
    {
        // localhost resolves to loopback addresses on every machine: a stand-in for an internal
        // name such as db.internal, whose address a tenant must not learn from the refusal.
        var refused = await Assert.ThrowsAsync<WebhookTargetForbiddenException>(
            () => WebhookTargets.ResolveAllowedAsync("localhost", allowPrivate: false, TestContext.Current.CancellationToken));
        Assert.Contains("localhost resolves to an address that is not global unicast", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("127.", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("::1", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("loopback (", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dual_stack_sockets_view_of_a_public_IPv4_peer_is_allowed()
    {
        // What Socket.RemoteEndPoint says after a dual-mode socket connected to 8.8.8.8.
        var mapped = IPAddress.Parse("8.8.8.8").MapToIPv6();
        Assert.Equal(AddressFamily.InterNetworkV6, mapped.AddressFamily);
        Assert.Null(WebhookTargets.WhyForbidden(mapped));
        Assert.NotNull(WebhookTargets.WhyForbidden(IPAddress.Loopback.MapToIPv6()));
    }
}
