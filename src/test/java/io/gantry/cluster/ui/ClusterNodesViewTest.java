package io.gantry.cluster.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Paragraph;
import io.gantry.OnKubernetesH2;
import org.junit.jupiter.api.Test;

/** The nodes screen on the Kubernetes runtime: it says the nodes come from the cluster's API. */
@OnKubernetesH2
class ClusterNodesViewTest extends InventoryViewTest {

    @Test
    void saysTheNodesComeFromTheClustersApi() {
        navigate(NodesView.class);

        assertThat(find(Paragraph.class).all()).extracting(Paragraph::getText)
                .contains(t("nodes.intro.cluster")).doesNotContain(t("nodes.intro"));
        assertThat(t("nodes.intro.cluster")).contains("cluster's API");
    }
}
