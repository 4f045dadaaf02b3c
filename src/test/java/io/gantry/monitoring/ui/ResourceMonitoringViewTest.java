package io.gantry.monitoring.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.PresetRole;
import org.junit.jupiter.api.Test;

@OnH2
class ResourceMonitoringViewTest extends ViewTestSupport {

    @Test
    void showsEveryNodeWithSimulatedOnesMarkedAndTheRealMachinesLiveMemory() {
        accounts.signInAs(newAccount("watcher", PresetRole.USER));
        navigate(ResourceMonitoringView.class);
        find(com.vaadin.flow.component.tabs.TabSheet.class).single().setSelectedIndex(1);
        com.vaadin.flow.component.grid.Grid<io.gantry.monitoring.NodeUsage> nodes = grid("node-usage");
        assertThat(column(nodes, t("monitoring.node"))).contains("sim-a100-1", "sim-ascend-2");
        assertThat(rows(nodes)).anySatisfy(n -> {
            assertThat(n.node().simulated()).isFalse();
            assertThat(n.memoryUsedMib()).isPositive();
        });
        assertThat(rows(nodes)).filteredOn(n -> n.node().simulated())
                .allSatisfy(n -> assertThat(n.memoryUsedMib()).isNull());
    }

    @Test
    void memoryReadsInGibGroupedAsEveryOtherNumber() {
        accounts.signInAs(newAccount("watcher", PresetRole.USER));
        navigate(ResourceMonitoringView.class);
        find(com.vaadin.flow.component.tabs.TabSheet.class).single().setSelectedIndex(1);
        com.vaadin.flow.component.grid.Grid<io.gantry.monitoring.NodeUsage> nodes = grid("node-usage");
        int simulated = column(nodes, t("monitoring.node")).indexOf("sim-a100-1");
        // configured with 1024 GiB; once shown as "1024.0 GiB" here and "1,024 GiB" on the nodes page
        assertThat(column(nodes, t("monitoring.memory")).get(simulated)).isEqualTo("1,024 GiB");
    }

    @Test
    void anAnnotatorHasNoAccess() {
        accounts.signInAs(newAccount("annot", PresetRole.ANNOTATOR));
        assertThatThrownBy(() -> navigate(ResourceMonitoringView.class)).isInstanceOf(IllegalArgumentException.class);
    }
}
