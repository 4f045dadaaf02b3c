package io.gantry.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    /** An address from a literal, without any lookup (IPv4-mapped IPv6 stays IPv6 here, as a dual-stack socket has it). */
    static InetAddress address(String literal) throws UnknownHostException {
        byte[] bytes = Cidr.parseAddress(literal);
        assertThat(bytes).as(literal).isNotNull();
        return bytes.length == 16 ? Inet6Address.getByAddress(null, bytes, -1) : InetAddress.getByAddress(bytes);
    }

    @Nested
    class Reads {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
                "10.0.0.0/8, 10.0.0.0/8",
                "'  192.168.0.0/16 ', 192.168.0.0/16",
                "10.1.2.3, 10.1.2.3/32",
                "0.0.0.0/0, 0.0.0.0/0",
                "255.255.255.255/32, 255.255.255.255/32",
                "2001:db8::/32, 2001:db8::/32",
                "2001:DB8:0:0:0:0:0:0/32, 2001:db8::/32",
                "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1/128",
                "::1, ::1/128",
                "::/0, ::/0",
                "fe80::/10, fe80::/10",
                "2001:db8:0:1:0:0:0:0/64, 2001:db8:0:1::/64",
                "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1/128",
                "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0/128",
                "::ffff:10.0.0.0/104, ::ffff:a00:0/104"})
        void andWritesItsNormalForm(String text, String normal) {
            Cidr cidr = Cidr.parse(text);
            assertThat(cidr).hasToString(normal);
            assertThat(Cidr.parse(normal)).isEqualTo(cidr);
        }
    }

    @Nested
    class Refuses {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   "})
        void nothingAsRequired(String text) {
            assertRefused(text, "field.required", List.of());
        }

        @ParameterizedTest
        @ValueSource(strings = {"garbage", "localhost", "example.com", "10.0.0", "10.0.0.256", "10.0.0.0.0",
                "010.0.0.1", "10.0.0.-1", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0.0 /8", "10.0.0.0/1000",
                "/8", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", ":::", "12345::", "fe80::1%eth0",
                "::ffff:1.2.3", "1.2.3.4::", "::g", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::"})
        void whatIsNoAddressLiteral(String text) {
            assertRefused(text, "network.cidr.malformed", List.of());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({"10.0.0.1/33, 32", "2001:db8::/129, 128", "10.0.0.0/999, 32"})
        void aPrefixLongerThanTheAddress(String text, int max) {
            assertRefused(text, "network.cidr.prefix-range", List.of(max));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"10.0.0.1/8, 10.0.0.0/8", "192.168.1.77/24, 192.168.1.0/24", "2001:db8::1/32, 2001:db8::/32",
                "10.0.0.1/0, 0.0.0.0/0", "172.31.255.255/12, 172.16.0.0/12"})
        void hostBitsAndSuggestsTheNetwork(String text, String suggestion) {
            assertRefused(text, "network.cidr.host-bits", List.of(suggestion));
        }

        private static void assertRefused(String text, String key, List<Object> arguments) {
            assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOfSatisfying(InputRefused.class, e -> {
                assertThat(e.messageKey()).isEqualTo(key);
                assertThat(e.arguments()).containsExactlyElementsOf(arguments);
            });
        }
    }

    @Nested
    class Contains {

        @ParameterizedTest(name = "{0} contains {1}: {2}")
        @CsvSource({
                "10.0.0.0/8, 10.1.2.3, true",
                "10.0.0.0/8, 11.0.0.0, false",
                "10.0.0.0/8, 9.255.255.255, false",
                "192.168.1.0/24, 192.168.1.255, true",
                "192.168.1.0/24, 192.168.2.0, false",
                "10.1.2.3/32, 10.1.2.3, true",
                "10.1.2.3/32, 10.1.2.4, false",
                "0.0.0.0/0, 203.0.113.9, true",
                "172.16.0.0/12, 172.31.255.255, true",
                "172.16.0.0/12, 172.32.0.0, false",
                "10.0.0.0/8, ::ffff:10.1.2.3, true",
                "10.0.0.0/8, ::ffff:11.1.2.3, false",
                "10.0.0.0/8, ::a01:203, false",
                "10.0.0.0/8, 2001:db8::1, false",
                "0.0.0.0/0, 2001:db8::1, false",
                "2001:db8::/32, 2001:db8:ffff::1, true",
                "2001:db8::/32, 2001:db9::1, false",
                "::/0, 10.1.2.3, true",
                "::ffff:0:0/96, 10.1.2.3, true",
                "2001:db8::/32, 10.1.2.3, false",
                "fe80::/10, febf::1, true",
                "fe80::/10, fec0::1, false"})
        void matchesAddressesInTheNetworkOnly(String cidr, String address, boolean contained)
                throws UnknownHostException {
            assertThat(Cidr.parse(cidr).contains(address(address))).isEqualTo(contained);
        }

        @Test
        void treatsAnIpv4MappedSocketAddressAsItsIpv4Address() throws UnknownHostException {
            InetAddress mapped = address("::ffff:10.1.2.3");
            assertThat(mapped).isInstanceOf(Inet6Address.class);
            assertThat(Cidr.parse("10.1.2.3").contains(mapped)).isTrue();
        }
    }
}
