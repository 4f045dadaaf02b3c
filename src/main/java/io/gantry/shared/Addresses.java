package io.gantry.shared;

import java.net.InetAddress;

/**
 * Network addresses as people read them: IPv4 dotted, IPv6 in the short form RFC 5952 recommends ({@code ::1}, not
 * the servlet container's {@code 0:0:0:0:0:0:0:1}), so that one address always reads the same on every page.
 */
public final class Addresses {

    private Addresses() {
    }

    /** The short form of a literal address; anything else (a host name, "-", null) is returned as it is. */
    public static String shortForm(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        String text = address.strip();
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        int percent = literal.indexOf('%');
        String scope = percent < 0 ? "" : literal.substring(percent);
        try {
            // ofLiteral reads the text only; it never asks a name service.
            return format(InetAddress.ofLiteral(percent < 0 ? literal : literal.substring(0, percent)).getAddress())
                    + scope;
        } catch (IllegalArgumentException notAnAddress) {
            return address;
        }
    }

    /** IPv4 dotted; IPv6 in lower case with the longest run (of two or more) of zero groups as "::". */
    public static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[2 * i] & 0xff) << 8 | address[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
            } else {
                if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                    text.append(':');
                }
                text.append(Integer.toHexString(groups[i]));
            }
        }
        return text.toString();
    }
}
