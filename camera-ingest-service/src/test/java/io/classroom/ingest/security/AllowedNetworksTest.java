package io.classroom.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedNetworksTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    @Test
    void matchesIpv4CidrsAtTheirBoundaries() {
        var networks = AllowedNetworks.of(List.of("10.20.0.0/16", "192.0.2.7"));
        assertThat(networks.allows(ip("10.20.0.0"))).isTrue();
        assertThat(networks.allows(ip("10.20.255.255"))).isTrue();
        assertThat(networks.allows(ip("10.21.0.0"))).isFalse();
        assertThat(networks.allows(ip("10.19.255.255"))).isFalse();
        assertThat(networks.allows(ip("192.0.2.7"))).isTrue();
        assertThat(networks.allows(ip("192.0.2.8"))).isFalse();
        // Host bits of an entry are ignored, as network tools do.
        assertThat(AllowedNetworks.of(List.of("10.20.30.40/24")).allows(ip("10.20.30.1")))
                .isTrue();
    }

    @Test
    void matchesIpv6AndKeepsTheFamiliesApart() {
        var networks = AllowedNetworks.of(List.of("2001:db8:5::/48", "10.0.0.0/8"));
        assertThat(networks.allows(ip("2001:db8:5:ffff::1"))).isTrue();
        assertThat(networks.allows(ip("2001:db8:6::1"))).isFalse();
        // An IPv4-mapped IPv6 address is the IPv4 address (Java maps it): only an IPv4 entry decides.
        assertThat(networks.allows(ip("::ffff:10.1.2.3"))).isTrue();
        assertThat(networks.allows(ip("::ffff:192.168.1.1"))).isFalse();
        assertThat(AllowedNetworks.of(List.of("::/0")).allows(ip("10.1.2.3"))).isFalse();
        assertThat(AllowedNetworks.of(List.of("0.0.0.0/0")).allows(ip("2001:db8::1")))
                .isFalse();
    }

    @Test
    void nothingListedAllowsNothing() {
        var networks = AllowedNetworks.of(List.of());
        assertThat(networks.isEmpty()).isTrue();
        assertThat(networks.allows(ip("10.0.0.1"))).isFalse();
        assertThat(networks.allows(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void specialAddressesNeedAnEntryWithinTheirBlock() {
        var everything = AllowedNetworks.of(List.of("0.0.0.0/0", "::/0"));
        assertThat(everything.allows(ip("203.0.113.9"))).isTrue();
        assertThat(everything.allows(ip("2001:db8::9"))).isTrue();
        for (var special : List.of(
                "127.0.0.1",
                "127.1.2.3",
                "0.0.0.0",
                "169.254.10.1",
                "169.254.169.254",
                "224.0.0.251",
                "239.255.255.250",
                "255.255.255.255",
                "::",
                "::1",
                "fe80::1",
                "ff02::1",
                "fd00:ec2::254")) {
            assertThat(everything.allows(ip(special))).as(special).isFalse();
        }

        var loopback = AllowedNetworks.of(List.of("127.0.0.1/32"));
        assertThat(loopback.allows(ip("127.0.0.1"))).isTrue();
        assertThat(loopback.allows(ip("127.0.0.2"))).isFalse();
        assertThat(AllowedNetworks.of(List.of("127.0.0.0/8")).allows(ip("127.0.0.2")))
                .isTrue();
        assertThat(AllowedNetworks.of(List.of("::1/128")).allows(ip("::1"))).isTrue();
        assertThat(AllowedNetworks.of(List.of("fe80::/64")).allows(ip("fe80::1")))
                .isTrue();
    }

    @Test
    void metadataAddressesOnlyAsTheirOwnEntry() {
        var linkLocal = AllowedNetworks.of(List.of("169.254.0.0/16", "fd00::/8"));
        assertThat(linkLocal.allows(ip("169.254.10.1"))).isTrue();
        assertThat(linkLocal.allows(ip("169.254.169.254"))).isFalse();
        assertThat(linkLocal.allows(ip("fd00:ec2::254"))).isFalse();
        assertThat(linkLocal.allows(ip("fd00:ec2::253"))).isTrue();
        var explicit = AllowedNetworks.of(List.of("169.254.169.254/32", "fd00:ec2::254/128"));
        assertThat(explicit.allows(ip("169.254.169.254"))).isTrue();
        assertThat(explicit.allows(ip("fd00:ec2::254"))).isTrue();
    }

    @Test
    void refusesEntriesThatAreNotCidrsWithoutAnyLookup() {
        for (var bad : List.of(
                "camera.school.example", "10.0.0.0/33", "10.0.0.0/x", "256.1.1.1/8", "fd00::/129", "::ffff:0:0/96")) {
            assertThatThrownBy(() -> AllowedNetworks.of(List.of(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ingest.cameras.allowed-networks")
                    .hasMessageContaining(bad);
        }
    }
}
