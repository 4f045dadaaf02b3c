package io.gantry.cluster.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import io.gantry.OnH2;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.NodeInfo;
import io.gantry.runtime.Isolation;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.ui.AccessDeniedView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The nodes screen: simulated and real nodes told apart, cordon and uncordon, administrators only. */
@OnH2
class NodesViewTest extends InventoryViewTest {

    @Autowired
    ClusterService cluster;

    @Autowired
    WorkloadRuntime runtime;

    @SuppressWarnings("unchecked")
    Grid<NodeInfo> grid() {
        return find(Grid.class).withId("nodes").single();
    }

    @AfterEach
    void uncordonAll() {
        accounts.signInAsAdmin();
        cluster.nodes().stream().filter(n -> !n.schedulable()).forEach(n -> cluster.setSchedulable(n.id(), true));
    }

    @Test
    void marksSimulatedNodesAndThisMachineApart() {
        navigate(NodesView.class);
        assertThat(find(com.vaadin.flow.component.html.Paragraph.class).all())
                .extracting(com.vaadin.flow.component.html.Paragraph::getText).contains(t("nodes.intro"));
        Span simulated = (Span) cell(grid(), n -> n.name().equals("sim-ascend-2"), "kind");
        assertThat(simulated.getText()).isEqualTo(t("nodes.kind.simulated")).isEqualTo("Simulated");
        Span real = (Span) cell(grid(), n -> !n.simulated(), "kind");
        assertThat(real.getText()).isEqualTo("Real");
        assertThat(test(grid()).size()).isEqualTo(cluster.nodes().size());
        assertThat(cellText(grid(), n -> n.name().equals("sim-ascend-2"), "memory")).isEqualTo("768 GiB");
    }

    @Test
    void saysWhetherWorkloadsOnThisMachineAreIsolated() {
        navigate(NodesView.class);
        Span real = (Span) cell(grid(), n -> !n.simulated(), "isolation");
        Isolation isolation = runtime.isolation();
        if (isolation.isolated()) {
            assertThat(real.getText()).isEqualTo(t("nodes.isolation.yes", "bubblewrap"))
                    .isEqualTo("Isolated (bubblewrap)");
        } else {
            assertThat(real.getText()).isEqualTo("Not isolated");
            assertThat(real.getElement().getAttribute("title")).contains(isolation.problem());
        }
        assertThat(((Span) cell(grid(), n -> n.name().equals("sim-ascend-2"), "isolation")).getText()).isEqualTo("-");
    }

    @Test
    void cordonsAndUncordonsANode() {
        navigate(NodesView.class);
        Button cordon = (Button) cell(grid(), n -> n.name().equals("sim-a100-2"), "actions");
        assertThat(cordon.getText()).isEqualTo("Cordon");
        test(cordon).click();

        assertThat(cluster.nodes()).filteredOn(n -> n.name().equals("sim-a100-2")).extracting(NodeInfo::schedulable)
                .containsExactly(false);
        assertThat(((Span) cell(grid(), n -> n.name().equals("sim-a100-2"), "state")).getText()).isEqualTo("Cordoned");
        var nodes = cluster.nodes();
        assertThat(find(Span.class).withId("nodes-summary").single().getText()).isEqualTo(t("nodes.summary",
                nodes.size(), nodes.stream().mapToInt(NodeInfo::deviceCount).sum(),
                nodes.stream().filter(NodeInfo::schedulable).mapToInt(NodeInfo::deviceCount).sum()));

        Button uncordon = (Button) cell(grid(), n -> n.name().equals("sim-a100-2"), "actions");
        assertThat(uncordon.getText()).isEqualTo("Uncordon");
        test(uncordon).click();
        assertThat(cluster.nodes()).filteredOn(n -> n.name().equals("sim-a100-2")).extracting(NodeInfo::schedulable)
                .containsExactly(true);
        assertThat(((Span) cell(grid(), n -> n.name().equals("sim-a100-2"), "state")).getText())
                .isEqualTo("Schedulable");
    }

    @Test
    void isNotForAnOrdinaryUser() {
        signInAsOrdinaryUser();
        assertThatThrownBy(() -> navigate(NodesView.class)).isInstanceOf(IllegalArgumentException.class);
        assertThat(getCurrentView()).isInstanceOf(AccessDeniedView.class);
    }
}
