package io.gantry.network;

import io.gantry.shared.Addresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a bare address is the
 * network of that one address (/32 or /128). Only literal addresses are read, here and without {@link InetAddress}'s
 * parser, so that a host name is refused and never looked up.
 */
public final class Cidr {

    public static final int MAX_LENGTH = 64;

    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * @throws InputRefused {@code field.required}, {@code network.cidr.malformed}, {@code network.cidr.prefix-range}
     *                      (with the largest prefix) or {@code network.cidr.host-bits} (with the network meant)
     */
    public static Cidr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InputRefused("field.required");
        }
        String value = text.strip();
        if (value.length() > MAX_LENGTH) {
            throw new InputRefused("network.cidr.malformed");
        }
        int slash = value.indexOf('/');
        byte[] address = parseAddress(slash < 0 ? value : value.substring(0, slash));
        if (address == null) {
            throw new InputRefused("network.cidr.malformed");
        }
        int maxPrefix = address.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            String prefixText = value.substring(slash + 1);
            if (!prefixText.matches("[0-9]{1,3}")) {
                throw new InputRefused("network.cidr.malformed");
            }
            prefix = Integer.parseInt(prefixText);
            if (prefix > maxPrefix) {
                throw new InputRefused("network.cidr.prefix-range", maxPrefix);
            }
        }
        byte[] network = mask(address, prefix);
        if (!Arrays.equals(network, address)) {
            throw new InputRefused("network.cidr.host-bits", format(network) + "/" + prefix);
        }
        return new Cidr(network, prefix);
    }

    /** Whether the address lies in this network; an IPv4-mapped IPv6 address counts as its IPv4 address. */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (network.length == 4 && candidate.length == 16) {
            if (!isIpv4Mapped(candidate)) {
                return false;
            }
            candidate = Arrays.copyOfRange(candidate, 12, 16);
        } else if (network.length == 16 && candidate.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(candidate, 0, mapped, 12, 4);
            candidate = mapped;
        }
        return Arrays.equals(mask(candidate, prefix), network);
    }

    public boolean isIpv6() {
        return network.length == 16;
    }

    public int prefix() {
        return prefix;
    }

    /** The normalised form, always with its prefix: "10.0.0.0/8", "2001:db8::/32". */
    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && prefix == cidr.prefix && Arrays.equals(network, cidr.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = new byte[address.length];
        for (int i = 0; i < address.length; i++) {
            int bitsHere = Math.clamp(prefix - i * 8L, 0, 8);
            masked[i] = (byte) (address[i] & (0xff << (8 - bitsHere)));
        }
        return masked;
    }

    private static boolean isIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    /** 4 or 16 bytes, or null if the text is no address literal. */
    static byte[] parseAddress(String text) {
        return text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
    }

    /** Dotted decimal with exactly four parts; a leading zero is refused, since some tools read it as octal. */
    private static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (!part.matches("0|[1-9][0-9]{0,2}")) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            address[i] = (byte) value;
        }
        return address;
    }

    /** RFC 4291 text: hex groups, at most one "::", optionally dotted IPv4 in the last 32 bits; no zone. */
    private static byte[] parseIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        List<Integer> head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        List<Integer> tail = gap < 0 ? List.of() : groups(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int given = head.size() + tail.size();
        if (gap < 0 ? given != 8 : given > 7) {
            return null;
        }
        byte[] address = new byte[16];
        for (int i = 0; i < head.size(); i++) {
            putGroup(address, i, head.get(i));
        }
        for (int i = 0; i < tail.size(); i++) {
            putGroup(address, 8 - tail.size() + i, tail.get(i));
        }
        return address;
    }

    private static List<Integer> groups(String part, boolean mayEndInIpv4) {
        List<Integer> groups = new ArrayList<>();
        if (part.isEmpty()) {
            return groups;
        }
        String[] tokens = part.split(":", -1);
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (i == tokens.length - 1 && mayEndInIpv4 && token.indexOf('.') >= 0) {
                byte[] ipv4 = parseIpv4(token);
                if (ipv4 == null) {
                    return null;
                }
                groups.add((ipv4[0] & 0xff) << 8 | ipv4[1] & 0xff);
                groups.add((ipv4[2] & 0xff) << 8 | ipv4[3] & 0xff);
            } else if (token.matches("[0-9a-fA-F]{1,4}")) {
                groups.add(Integer.parseInt(token, 16));
            } else {
                return null;
            }
        }
        return groups;
    }

    private static void putGroup(byte[] address, int index, int value) {
        address[2 * index] = (byte) (value >>> 8);
        address[2 * index + 1] = (byte) value;
    }

    /** IPv4 dotted; IPv6 as RFC 5952 recommends (lower case, the longest run of zero groups as "::"). */
    static String format(byte[] address) {
        return Addresses.format(address);
    }
}
