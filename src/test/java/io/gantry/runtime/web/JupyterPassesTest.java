package io.gantry.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.AdjustableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JupyterPassesTest {

    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final JupyterPasses passes = new JupyterPasses(clock, Duration.ofSeconds(60), Duration.ofMinutes(30));

    @Nested
    class Tickets {

        @Test
        void areRedeemedOnceForTheirHolderAndWorkload() {
            String ticket = passes.ticket("container-7", "12");

            assertThat(passes.redeem("container-7", ticket)).hasValueSatisfying(holder ->
                    assertThat(holder.holder()).isEqualTo("12"));
            assertThat(passes.redeem("container-7", ticket)).as("a second time").isEmpty();
        }

        @Test
        void expire() {
            String ticket = passes.ticket("container-7", "12");

            clock.advance(Duration.ofSeconds(61));

            assertThat(passes.redeem("container-7", ticket)).isEmpty();
        }

        @Test
        void openNoOtherWorkload() {
            assertThat(passes.redeem("container-8", passes.ticket("container-7", "12"))).isEmpty();
        }

        @Test
        void areNoPassesAndPassesAreNoTickets() {
            assertThat(passes.check("container-7", passes.ticket("container-7", "12"))).isEmpty();
            assertThat(passes.redeem("container-7", passes.pass("container-7", "12"))).isEmpty();
        }

        @Test
        void signedByAnotherReplicaOrStartAreRefused() {
            JupyterPasses other = new JupyterPasses(clock, Duration.ofSeconds(60), Duration.ofMinutes(30));

            assertThat(passes.redeem("container-7", other.ticket("container-7", "12"))).isEmpty();
        }

        @Test
        void refuseWhatIsNotATicket() {
            assertThat(passes.redeem("container-7", null)).isEmpty();
            assertThat(passes.redeem("container-7", "")).isEmpty();
            assertThat(passes.redeem("container-7", "not.base64!")).isEmpty();
            assertThat(passes.redeem("container-7", "x".repeat(5000))).isEmpty();
        }
    }

    @Nested
    class Passes {

        @Test
        void openTheirWorkloadUntilTheyExpire() {
            String pass = passes.pass("container-7", "12");

            assertThat(passes.check("container-7", pass)).isPresent();
            assertThat(passes.check("container-8", pass)).as("another workload's host").isEmpty();
            clock.advance(Duration.ofMinutes(30));
            assertThat(passes.check("container-7", pass)).isEmpty();
        }
    }

    @Nested
    class HostNames {

        private final JupyterHosts hosts = new JupyterHosts("{id}.jupyter.localhost");

        @Test
        void nameOneWorkloadEach() {
            assertThat(hosts.host("container-7")).isEqualTo("container-7.jupyter.localhost");
            assertThat(hosts.workload("container-7.jupyter.localhost")).hasValue("container-7");
            assertThat(hosts.workload("Container-7.Jupyter.LOCALHOST.")).hasValue("container-7");
        }

        @Test
        void doNotMatchGantrysOwnOrOtherNames() {
            assertThat(hosts.workload("localhost")).isEmpty();
            assertThat(hosts.workload("jupyter.localhost")).isEmpty();
            assertThat(hosts.workload("a.b.jupyter.localhost")).isEmpty();
            assertThat(hosts.workload("container-7.jupyter.localhost.evil.example")).isEmpty();
            assertThat(hosts.workload(null)).isEmpty();
        }

        @Test
        void knowWhichCookieDomainsWouldReachThem() {
            JupyterHosts production = new JupyterHosts("{id}.jupyter.example.org");

            assertThat(production.reachedByCookiesOf(".example.org")).isTrue();
            assertThat(production.reachedByCookiesOf("jupyter.example.org")).isTrue();
            assertThat(production.reachedByCookiesOf("gantry.example.org")).isFalse();
            assertThat(production.reachedByCookiesOf("ample.org")).isFalse();
            assertThat(production.reachedByCookiesOf("")).isFalse();
        }

        @Test
        void refusePatternsWithoutALabelOfTheirOwn() {
            assertThatThrownBy(() -> new JupyterHosts("jupyter.example.org")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new JupyterHosts("x{id}.example.org")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new JupyterHosts("{id}.example.org:8443"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> hosts.host("Not A Name")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
