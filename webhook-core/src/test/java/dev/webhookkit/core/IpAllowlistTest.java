package dev.webhookkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.internal.IpLiterals;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IpAllowlistTest {

    private static InetAddress ip(String s) {
        return IpLiterals.parse(s).orElseThrow();
    }

    @Test
    void matchesIpv4RangesAndSingleAddresses() {
        IpAllowlist list = IpAllowlist.parse("192.168.1.0/24, 10.0.0.1");
        assertThat(list.allows(ip("192.168.1.77"))).isTrue();
        assertThat(list.allows(ip("192.168.2.1"))).isFalse();
        assertThat(list.allows(ip("10.0.0.1"))).isTrue();
        assertThat(list.allows(ip("10.0.0.2"))).isFalse();
    }

    @Test
    void matchesIpv6RangesAndKeepsFamiliesApart() {
        IpAllowlist list = IpAllowlist.parse("2001:db8::/32,::1");
        assertThat(list.allows(ip("2001:db8:1234::5"))).isTrue();
        assertThat(list.allows(ip("2001:db9::1"))).isFalse();
        assertThat(list.allows(ip("::1"))).isTrue();
        assertThat(list.allows(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void oddPrefixLengthsMaskPartialBytes() {
        IpAllowlist list = IpAllowlist.parse("172.16.0.0/12");
        assertThat(list.allows(ip("172.31.255.255"))).isTrue();
        assertThat(list.allows(ip("172.32.0.0"))).isFalse();
        assertThat(IpAllowlist.parse("0.0.0.0/0").allows(ip("8.8.8.8"))).isTrue();
    }

    @Test
    void unknownClientIsRefusedUnlessAllowAll() {
        assertThat(IpAllowlist.parse("10.0.0.0/8").allows(Optional.empty())).isFalse();
        assertThat(IpAllowlist.allowAll().allows(Optional.empty())).isTrue();
        assertThat(IpAllowlist.parse(" , ").isAllowAll()).isTrue();
    }

    @Test
    void rejectsHostNamesAndBadPrefixesWithoutDnsLookups() {
        assertThatThrownBy(() -> IpAllowlist.parse("example.com")).isInstanceOf(ConfigurationException.class).hasMessageContaining("example.com");
        assertThatThrownBy(() -> IpAllowlist.parse("10.0.0.0/33")).isInstanceOf(ConfigurationException.class).hasMessageContaining("0..32");
        assertThatThrownBy(() -> IpAllowlist.parse("10.0.0.0/x")).isInstanceOf(ConfigurationException.class).hasMessageContaining("10.0.0.0/x");
        assertThat(IpLiterals.parse("localhost")).isEmpty();
    }

    @Test
    void clientIsConnectionPeerWhenNoProxyIsTrusted() {
        WebhookRequest r = WebhookRequest.builder().remoteAddress("203.0.113.9").header("X-Forwarded-For", "10.0.0.1").build();
        assertThat(TrustedProxies.none().clientAddress(r)).contains(ip("203.0.113.9"));
    }

    @Test
    void clientComesFromForwardedForOnlyBehindTrustedProxy() {
        TrustedProxies proxies = TrustedProxies.of("10.0.0.0/8");
        WebhookRequest viaProxy = WebhookRequest.builder().remoteAddress("10.1.1.1")
                .header("X-Forwarded-For", "198.51.100.7, 203.0.113.5, 10.2.2.2").build();
        // Right-most untrusted hop: 198.51.100.7 may be forged by the client; 203.0.113.5 was added by our proxy.
        assertThat(proxies.clientAddress(viaProxy)).contains(ip("203.0.113.5"));

        WebhookRequest direct = WebhookRequest.builder().remoteAddress("203.0.113.50").header("X-Forwarded-For", "10.0.0.5").build();
        assertThat(proxies.clientAddress(direct)).contains(ip("203.0.113.50"));
    }

    @Test
    void garbageInForwardedForStopsAtLastTrustedHop() {
        TrustedProxies proxies = TrustedProxies.of("10.0.0.0/8");
        WebhookRequest r = WebhookRequest.builder().remoteAddress("10.1.1.1").header("X-Forwarded-For", "evil.example, 10.0.0.9").build();
        assertThat(proxies.clientAddress(r)).contains(ip("10.0.0.9"));
    }

    @Test
    void parsesBracketedAndPortedLiterals() {
        assertThat(IpLiterals.parse("[2001:db8::1]")).contains(ip("2001:db8::1"));
        assertThat(IpLiterals.parse("192.0.2.1:8443")).contains(ip("192.0.2.1"));
        assertThat(IpLiterals.parse("fe80::1%eth0")).contains(ip("fe80::1"));
    }
}
