package dev.webhookkit.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SsrfGuardTest {
    /** A fixed DNS table, so no test touches the network. */
    private static final Map<String, List<String>> DNS = Map.of(
            "public.example", List.of("93.184.216.34"),
            "internal.example", List.of("10.0.0.7"),
            "mixed.example", List.of("93.184.216.34", "192.168.1.1"),
            "v6private.example", List.of("fd12:3456::1"),
            "teredo.example", List.of("2001:0:4136:e378:8000:63bf:3fff:fdd2"),
            "sixtofour.example", List.of("2002:5db8:d822::1"));

    private static SsrfGuard.Builder guard() {
        return SsrfGuard.builder().resolver(host -> {
            List<String> addresses = DNS.get(host);
            if (addresses == null) {
                // IP literals resolve to themselves without a look-up.
                if (host.matches("[0-9.]+") || host.contains(":")) {
                    return List.of(InetAddress.getByName(host));
                }
                throw new UnknownHostException(host);
            }
            return addresses.stream().map(a -> {
                try {
                    return InetAddress.getByName(a);
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        });
    }

    private static UrlCheck check(SsrfGuard guard, String url) {
        return guard.check(URI.create(url));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "http://127.0.0.1/x, LOOPBACK",
        "http://127.9.9.9/x, LOOPBACK",
        "http://[::1]/x, LOOPBACK",
        "http://10.1.2.3/x, PRIVATE",
        "http://172.16.0.1/x, PRIVATE",
        "http://172.31.255.255/x, PRIVATE",
        "http://192.168.0.10/x, PRIVATE",
        "http://100.64.0.1/x, PRIVATE",
        "http://[fd00::1]/x, PRIVATE",
        "http://169.254.1.1/x, LINK_LOCAL",
        "http://[fe80::1]/x, LINK_LOCAL",
        "http://224.0.0.1/x, MULTICAST",
        "http://[ff02::1]/x, MULTICAST",
        "http://169.254.169.254/latest/meta-data, CLOUD_METADATA",
        "http://[fd00:ec2::254]/latest, CLOUD_METADATA",
        "http://100.100.100.200/x, CLOUD_METADATA",
        "http://metadata.google.internal/computeMetadata/v1, CLOUD_METADATA",
        "http://0.0.0.0/x, RESERVED",
        "http://[::]/x, RESERVED",
        "http://255.255.255.255/x, RESERVED",
        "http://[::ffff:10.0.0.1]/x, PRIVATE",
        "http://[::ffff:127.0.0.1]/x, LOOPBACK",
        "http://[64:ff9b::a9fe:a9fe]/x, CLOUD_METADATA",
        "http://internal.example/hook, PRIVATE",
        "http://mixed.example/hook, PRIVATE",
        "http://v6private.example/hook, PRIVATE",
        "http://nowhere.example/hook, UNRESOLVABLE_HOST",
        "ftp://public.example/x, SCHEME_NOT_ALLOWED",
        "file:///etc/passwd, SCHEME_NOT_ALLOWED"})
    void refusesNonPublicDestinations(String url, UrlRejection reason) {
        UrlCheck c = check(guard().build(), url);
        assertThat(c.isAllowed()).isFalse();
        assertThat(c.rejection()).contains(reason);
        assertThat(c.detail()).isNotBlank();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // IPv4-mapped ::ffff:0:0/96: judged by the embedded IPv4 address, in either notation
        "http://[::ffff:c0a8:101]/x, PRIVATE",
        "http://[::ffff:7f00:1]/x, LOOPBACK",
        "http://[::ffff:a9fe:a9fe]/x, CLOUD_METADATA",
        // IPv4-translated ::ffff:0:0:0/96 (SIIT): refused whatever it embeds
        "http://[::ffff:0:5db8:d822]/x, RESERVED",
        "http://[::ffff:0:a00:1]/x, RESERVED",
        // NAT64 64:ff9b::/96: judged by the embedded IPv4 address
        "http://[64:ff9b::a00:1]/x, PRIVATE",
        "http://[64:ff9b::7f00:1]/x, LOOPBACK",
        "http://[64:ff9b::c0a8:101]/x, PRIVATE",
        // local-use NAT64 64:ff9b:1::/48: the operator's own translator, refused entirely
        "http://[64:ff9b:1::5db8:d822]/x, RESERVED",
        "http://[64:ff9b:1:abcd::1]/x, RESERVED",
        // Teredo 2001::/32: refused entirely
        "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/x, RESERVED",
        "http://[2001::1]/x, RESERVED",
        "http://teredo.example/hook, RESERVED",
        // 6to4 2002::/16: refused entirely, public or private embedded address alike
        "http://[2002:5db8:d822::1]/x, RESERVED",
        "http://[2002:c0a8:0101::1]/x, RESERVED",
        "http://[2002:7f00:1::1]/x, RESERVED",
        "http://sixtofour.example/hook, RESERVED",
        // the 6to4 relay anycast
        "http://192.88.99.1/x, RESERVED",
        "http://192.88.99.255/x, RESERVED"})
    void refusesIpv6TransitionFormsThatHideOrTunnelAnIpv4Destination(String url, UrlRejection reason) {
        UrlCheck c = check(guard().build(), url);
        assertThat(c.isAllowed()).as(c.detail()).isFalse();
        assertThat(c.rejection()).contains(reason);
        assertThat(c.detail()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource({"http://[::ffff:5db8:d822]/x", "http://[64:ff9b::5db8:d822]/x", "http://[2001:4860:4860::8888]/x",
        "http://192.88.100.1/x", "http://192.88.98.255/x"})
    void allowsPublicAddressesNextToTheRefusedForms(String url) {
        UrlCheck c = check(guard().build(), url);
        assertThat(c.isAllowed()).as(c.detail()).isTrue();
    }

    @Test
    void allowingPrivateNetworksDoesNotLetA6to4AddressThroughButAnExplicitAllowDoes() {
        assertThat(check(guard().allowPrivateNetworks().build(), "http://[2002:c0a8:0101::1]/x").rejection()).contains(UrlRejection.RESERVED);
        assertThat(check(guard().allowPrivateNetworks().build(), "http://[64:ff9b::c0a8:101]/x").isAllowed())
                .as("NAT64 to a private address is the private address").isTrue();
        assertThat(check(guard().allow("2002::/16").build(), "http://[2002:c0a8:0101::1]/x").isAllowed()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"https://public.example/hook", "http://93.184.216.34:8080/x", "https://[2606:4700::1111]/x"})
    void allowsPublicDestinations(String url) {
        UrlCheck c = check(guard().build(), url);
        assertThat(c.isAllowed()).isTrue();
        assertThat(c.rejection()).isEmpty();
        assertThat(c.addresses()).isNotEmpty();
    }

    @Test
    void anExplicitAllowLetsLoopbackThroughAndNothingElse() {
        SsrfGuard g = guard().allow("127.0.0.1").build();
        assertThat(check(g, "http://127.0.0.1:8080/hook").isAllowed()).isTrue();
        assertThat(check(g, "http://127.0.0.2:8080/hook").rejection()).contains(UrlRejection.LOOPBACK);
        assertThat(check(g, "http://10.0.0.1/hook").rejection()).contains(UrlRejection.PRIVATE);
        assertThat(check(g, "http://169.254.169.254/").rejection()).contains(UrlRejection.CLOUD_METADATA);
    }

    @Test
    void allowPrivateNetworksStillRefusesMetadataAndLoopback() {
        SsrfGuard g = guard().allowPrivateNetworks().build();
        assertThat(check(g, "http://internal.example/hook").isAllowed()).isTrue();
        assertThat(check(g, "http://169.254.169.254/").rejection()).contains(UrlRejection.CLOUD_METADATA);
        assertThat(check(g, "http://127.0.0.1/").rejection()).contains(UrlRejection.LOOPBACK);
    }

    @Test
    void aDisabledGuardChecksOnlyTheScheme() {
        assertThat(SsrfGuard.disabled().check(URI.create("http://127.0.0.1/")).isAllowed()).isTrue();
        assertThat(SsrfGuard.disabled().check(URI.create("gopher://127.0.0.1/")).rejection()).contains(UrlRejection.SCHEME_NOT_ALLOWED);
    }

    @Test
    void theStrictDefaultRefusesLocalhostByName() {
        assertThat(SsrfGuard.strict().check(URI.create("http://localhost:8080/")).rejection()).contains(UrlRejection.LOOPBACK);
    }
}
