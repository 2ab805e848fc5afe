package io.classroom.ingest.security;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The egress allow-list of camera connections ({@code ingest.cameras.allowed-networks}): an address is allowed when a
 * listed CIDR contains it. Addresses of special blocks (loopback, link-local, multicast, unspecified, broadcast, cloud
 * metadata) need more: a listed CIDR that lies within each special block containing the address, so that a broad
 * entry such as {@code 0.0.0.0/0} or {@code 169.254.0.0/16} never opens the metadata service or the pod's own ports.
 */
public final class AllowedNetworks {

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    /** Blocks an address of which is only allowed by a listed CIDR inside the block. */
    private static final List<Cidr> SPECIAL = List.of(
            Cidr.parse("0.0.0.0/8"), // "this network", 0.0.0.0 reaches the local host
            Cidr.parse("127.0.0.0/8"), // loopback
            Cidr.parse("169.254.0.0/16"), // link-local
            Cidr.parse("169.254.169.254/32"), // cloud metadata (AWS, GCP, Azure, OpenStack)
            Cidr.parse("224.0.0.0/4"), // multicast
            Cidr.parse("255.255.255.255/32"), // broadcast
            Cidr.parse("::/128"), // unspecified
            Cidr.parse("::1/128"), // loopback
            Cidr.parse("fe80::/10"), // link-local
            Cidr.parse("ff00::/8"), // multicast
            Cidr.parse("fd00:ec2::254/128")); // AWS metadata over IPv6

    private final List<Cidr> listed;

    private AllowedNetworks(List<Cidr> listed) {
        this.listed = listed;
    }

    /**
     * @throws IllegalArgumentException naming the entry that is not a CIDR or an address literal (the start fails)
     */
    public static AllowedNetworks of(List<String> cidrs) {
        var parsed = new ArrayList<Cidr>();
        for (var entry : cidrs) {
            if (!entry.isBlank()) {
                parsed.add(Cidr.parse(entry.trim()));
            }
        }
        return new AllowedNetworks(List.copyOf(parsed));
    }

    public boolean isEmpty() {
        return listed.isEmpty();
    }

    public boolean allows(InetAddress address) {
        var special = SPECIAL.stream().filter(block -> block.contains(address)).toList();
        return listed.stream()
                .anyMatch(cidr -> cidr.contains(address) && special.stream().allMatch(cidr::within));
    }

    @Override
    public String toString() {
        return listed.toString();
    }

    /** An IPv4 or IPv6 network: its address bits and prefix length. */
    record Cidr(BigInteger network, int prefix, int bits, String text) {

        static Cidr parse(String text) {
            var slash = text.indexOf('/');
            var host = slash < 0 ? text : text.substring(0, slash);
            var address = literal(host, text);
            int bits = address instanceof Inet4Address ? 32 : 128;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            if (prefix < 0 || prefix > bits) {
                throw invalid(text);
            }
            return new Cidr(mask(new BigInteger(1, address.getAddress()), prefix, bits), prefix, bits, text);
        }

        boolean contains(InetAddress address) {
            var raw = address.getAddress();
            return raw.length * 8 == bits
                    && mask(new BigInteger(1, raw), prefix, bits).equals(network);
        }

        /** Whether every address of this network lies in {@code other}. */
        boolean within(Cidr other) {
            return bits == other.bits
                    && prefix >= other.prefix
                    && mask(network, other.prefix, bits).equals(other.network);
        }

        @Override
        public String toString() {
            return text;
        }

        private static BigInteger mask(BigInteger value, int prefix, int bits) {
            var hostBits = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
            return value.andNot(hostBits);
        }

        /** Parses an address literal only: a name here would mean a DNS lookup at start. */
        private static InetAddress literal(String host, String text) {
            if (!IPV4.matcher(host).matches() && !host.contains(":")) {
                throw invalid(text);
            }
            try {
                return InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw invalid(text);
            }
        }

        private static IllegalArgumentException invalid(String text) {
            return new IllegalArgumentException("ingest.cameras.allowed-networks: '" + text
                    + "' is not a CIDR such as 10.20.0.0/16 or fd00:1::/64");
        }
    }
}
