package io.gantry.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.network.Cidr;
import io.gantry.network.Protocol;
import io.gantry.network.WhitelistRule;
import io.gantry.runtime.Access;
import io.gantry.runtime.WorkloadSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A project's quota as a cluster mirrors it, and a whitelist as a cluster's ingress rules. */
class ProjectQuotaTest {

    @Test
    void devices_add_up_per_resource_and_cpu_and_memory_are_each_specs_devices_times_its_largest_flavor_plus_one() {
        WorkloadSpec.ProjectQuota quota = WorkSettings.projectQuota(List.of(
                new WorkSettings.QuotaShare("nvidia.com/gpu", 4, 8, 65_536),
                new WorkSettings.QuotaShare("nvidia.com/gpu", 2, 16, 131_072),
                new WorkSettings.QuotaShare(null, 3, 2, 1024)));

        assertThat(quota.devices()).isEqualTo(Map.of("nvidia.com/gpu", 6));
        assertThat(quota.cpuCores()).isEqualTo(4 * 8 + 2 * 16 + 3 * 2 + 16);
        assertThat(quota.memoryMib()).isEqualTo(4 * 65_536L + 2 * 131_072L + 3 * 1024L + 131_072L);
        assertThat(WorkSettings.projectQuota(List.of())).isEqualTo(WorkloadSpec.ProjectQuota.NONE);
    }

    @Test
    void a_rule_for_any_protocol_is_a_tcp_and_a_udp_rule() {
        assertThat(ContainerAccess.ingressRules(List.of(
                new WhitelistRule(Cidr.parse("10.1.0.0/16"), Protocol.TCP, 22, 22),
                WhitelistRule.anyPort(Cidr.parse("2001:db8::/32"), Protocol.ANY)))).containsExactly(
                new Access.IngressRule("10.1.0.0/16", "TCP", 22, 22),
                new Access.IngressRule("2001:db8::/32", "TCP", 1, 65535),
                new Access.IngressRule("2001:db8::/32", "UDP", 1, 65535));
    }
}
