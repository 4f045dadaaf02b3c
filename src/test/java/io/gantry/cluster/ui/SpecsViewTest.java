package io.gantry.cluster.ui;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.ListUrls;
import io.gantry.OnH2;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.Flavor;
import io.gantry.cluster.PodLimits;
import io.gantry.cluster.Prices;
import io.gantry.cluster.SpecForm;
import io.gantry.cluster.Vendor;
import io.gantry.ui.AccessDeniedView;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The specs screen: problems on their fields and nothing saved, prices and pod limits, flavors, delete refused. */
@OnH2
class SpecsViewTest extends InventoryViewTest {

    @Autowired
    ClusterService cluster;

    @SuppressWarnings("unchecked")
    Grid<AcceleratorSpec> grid() {
        return find(Grid.class).withId("specs").single();
    }

    private void fillNewSpec(String name) {
        test(find(Button.class).withId("create-spec").single()).click();
        test(find(TextField.class).withId("name").single()).setValue(name);
        test(find(TextField.class).withId("model").single()).setValue("Test GPU");
        test(find(TextField.class).withId("resourceName").single()).setValue("nvidia.com/gpu");
    }

    private Button action(AcceleratorSpec spec, String id) {
        HorizontalLayout actions = (HorizontalLayout) cell(grid(), s -> s.id() == spec.id(), "actions");
        return find(Button.class, actions).withId(id).single();
    }

    @Test
    void theOperationsStayInViewTheTextsWrapAndTheListSortsByItsUrl() {
        ListUrls.open(SpecsView.class, java.util.Map.of("sort", "-name"));

        assertThat(grid().getColumnByKey("actions").isFrozenToEnd()).isTrue();
        assertThat(grid().getThemeNames()).contains("wrap-cell-content");
        assertThat(grid().getColumns()).allMatch(Grid.Column::isResizable);
        assertThat(grid().getColumns()).filteredOn(c -> !"actions".equals(c.getKey()))
                .allMatch(c -> c.getTooltipGenerator() != null);
        java.util.List<String> names = rows(grid()).stream().map(s -> ((AcceleratorSpec) s).name()).toList();
        assertThat(names).hasSizeGreaterThan(1).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void showsANegativePriceOnThePriceFieldAndSavesNothing() {
        navigate(SpecsView.class);
        String name = uniqueName("spec");
        fillNewSpec(name);
        BigDecimalField price = find(BigDecimalField.class).withId("pricePerDeviceHour").single();
        test(price).setValue(new BigDecimal("-2.5"));
        test(find(Button.class).withId("spec-save").single()).click();

        assertThat(price.isInvalid()).isTrue();
        assertThat(price.getErrorMessage()).isEqualTo(t("price.negative")).isEqualTo("A price cannot be negative.");
        assertThat(find(Dialog.class).withId("spec-editor").single().isOpened()).isTrue();
        assertThat(cluster.specs()).extracting(AcceleratorSpec::name).doesNotContain(name);
    }

    @Test
    void createsASpecWithTheDefaultPodLimitsAndThePricesInTheConfiguredCurrency() {
        navigate(SpecsView.class);
        assertThat(grid().getColumnByKey("pricePerDeviceHour").getHeaderText())
                .isEqualTo("Price per device-hour (CNY)");
        String name = uniqueName("spec");
        fillNewSpec(name);
        assertThat(find(IntegerField.class).withId("podMinCpu").single().getValue()).isEqualTo(2);
        assertThat(find(IntegerField.class).withId("podMaxCpu").single().getValue()).isEqualTo(22);
        test(find(BigDecimalField.class).withId("pricePerDeviceHour").single()).setValue(new BigDecimal("7.1250"));
        test(find(IntegerField.class).withId("podMaxCpu").single()).setValue(32);
        test(find(Button.class).withId("spec-save").single()).click();

        AcceleratorSpec saved = cluster.specs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        assertThat(saved.prices().perDeviceHour()).isEqualByComparingTo("7.125");
        assertThat(saved.podLimits()).isEqualTo(new PodLimits(2, 400, 32, 80 * 1024));
        assertThat(cellText(grid(), s -> s.id() == saved.id(), "pricePerDeviceHour")).isEqualTo("7.125");
        assertThat(cellText(grid(), s -> s.id() == saved.id(), "podLimits"))
                .isEqualTo("2 to 32 cores, 0.4 GiB to 80 GiB");
    }

    @Test
    void podLimitsWithTheMinimumAboveTheMaximumSayWhichIsWrong() {
        navigate(SpecsView.class);
        String name = uniqueName("spec");
        fillNewSpec(name);
        IntegerField minCpu = find(IntegerField.class).withId("podMinCpu").single();
        IntegerField maxCpu = find(IntegerField.class).withId("podMaxCpu").single();
        assertThat(minCpu.getMin()).isEqualTo(1);
        assertThat(maxCpu.getMax()).isEqualTo(PodLimits.MAX_CPU);
        test(minCpu).setValue(8);
        test(maxCpu).setValue(4);
        test(find(Button.class).withId("spec-save").single()).click();

        PodLimitsField limits = find(PodLimitsField.class).withId("podLimits").single();
        assertThat(limits.isInvalid()).isTrue();
        assertThat(limits.getErrorMessage()).isEqualTo(t("spec.pod-limits.cpu-order", 8, 4))
                .isEqualTo("The maximum CPU (4) is below the minimum (8): raise the maximum or lower the minimum.");
        assertThat(limits.getHelperText()).doesNotContain("manual");
        assertThat(cluster.specs()).extracting(AcceleratorSpec::name).doesNotContain(name);
    }

    @Test
    void refusesToDeleteASpecWhileNodesUseIt() {
        navigate(SpecsView.class);
        AcceleratorSpec a100 = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst()
                .orElseThrow();
        test(action(a100, "delete-nvidia-a100-80g")).click();
        test(find(ConfirmDialog.class).single()).confirm();

        assertThat(find(Notification.class).all()).extracting(n -> test(n).getText())
                .contains(t("spec.delete.has-nodes", "nvidia-a100-80g"));
        assertThat(cluster.specs()).extracting(AcceleratorSpec::id).contains(a100.id());
    }

    @Test
    void addsFlavorsWithinThePodLimitsOfTheSpec() {
        String name = uniqueName("spec");
        long id = cluster.createSpec(new SpecForm(name, Vendor.HUAWEI, "Ascend 910",
                "huawei.com/Ascend910", null, "0, 1, 2, 4, 8", 4, Prices.FREE, PodLimits.DEFAULT));
        navigate(SpecsView.class);
        AcceleratorSpec spec = cluster.spec(id);
        test(action(spec, "flavors-" + name)).click();

        test(find(TextField.class).withId("flavorName").single()).setValue("huge");
        test(find(IntegerField.class).withId("flavorCpu").single()).setValue(16);
        MemoryField memory = find(MemoryField.class).withId("flavorMemory").single();
        test(memory.amount()).setValue(96);
        memory.unit().setValue(MemoryField.Unit.GIB);
        test(find(Button.class).withId("flavor-add").single()).click();
        assertThat(memory.isInvalid()).isTrue();
        assertThat(memory.getErrorMessage()).isEqualTo(t("flavor.memory.range", 400, 80 * 1024))
                .isEqualTo("Enter from 400 to 81,920 MiB (the pod limits of this spec).");
        assertThat(cluster.flavors(id)).isEmpty();

        test(memory.amount()).setValue(8);
        test(find(Button.class).withId("flavor-add").single()).click();
        assertThat(cluster.flavors(id)).extracting(Flavor::name, Flavor::cpuCores, Flavor::memoryMib)
                .containsExactly(tuple("huge", 16, 8192));
        assertThat(test(find(Grid.class).withId("flavors").single()).size()).isEqualTo(1);
    }

    @Test
    void isNotForAnOrdinaryUser() {
        signInAsOrdinaryUser();
        assertThatThrownBy(() -> navigate(SpecsView.class)).isInstanceOf(IllegalArgumentException.class);
        assertThat(getCurrentView()).isInstanceOf(AccessDeniedView.class);
    }
}
