package io.gantry.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void writesIpv6AsRfc5952Recommends() {
        assertThat(Addresses.shortForm("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(Addresses.shortForm("2001:DB8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Addresses.shortForm("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(Addresses.shortForm("fe80:0:0:0:0:0:0:1%eth0")).isEqualTo("fe80::1%eth0");
        assertThat(Addresses.shortForm("[0:0:0:0:0:0:0:1]")).isEqualTo("::1");
    }

    @Test
    void leavesEverythingElseAsItIs() {
        assertThat(Addresses.shortForm("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(Addresses.shortForm("-")).isEqualTo("-");
        assertThat(Addresses.shortForm("not:an:address")).isEqualTo("not:an:address");
        assertThat(Addresses.shortForm(null)).isNull();
    }
}
