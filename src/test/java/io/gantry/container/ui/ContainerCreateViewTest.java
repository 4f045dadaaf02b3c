package io.gantry.container.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.Flavor;
import io.gantry.cluster.FrameworkImage;
import io.gantry.container.Container;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Creating a container: the form follows the chosen spec and image, refuses on its fields, and starts one. */
@OnH2
class ContainerCreateViewTest extends ContainerViewTestSupport {

    @Test
    void choosingTheSpecOffersItsDeviceCountsAndFlavors() {
        navigate(ContainerCreateView.class);
        assertThat(items("container-devices")).isEmpty();

        this.<AcceleratorSpec>choose("container-spec", s -> s.id() == spec.id());

        assertThat(this.<Integer>items("container-devices"))
                .isEqualTo(spec.allowedCounts().stream().filter(n -> n <= QUOTA).toList());
        assertThat(find(Select.class).withId("container-devices").single().getValue())
                .isEqualTo(spec.allowedCounts().getFirst());
        assertThat(this.<Flavor>items("container-flavor")).extracting(Flavor::id)
                .isEqualTo(cluster.flavors(spec.id()).stream().map(Flavor::id).toList());
    }

    @Test
    void offersOnlyTheCountsTheQuotaCanEverAllowAndSaysWhy() {
        // The spec allows 8 on one node, but the project's quota is 4: 8 would be refused at once, however free.
        assertThat(spec.allowedCounts()).contains(8);
        navigate(ContainerCreateView.class);
        this.<AcceleratorSpec>choose("container-spec", s -> s.id() == spec.id());

        assertThat(this.<Integer>items("container-devices")).containsExactly(0, 1, 2, 4);
        assertThat(find(Select.class).withId("container-devices").single().getHelperText())
                .isEqualTo(t("container.devices.quota-help", QUOTA, spec.name()));

        // A maximum per user below the quota is what one user can ever get.
        setQuota(QUOTA, 2);
        navigate(ContainerCreateView.class);
        this.<AcceleratorSpec>choose("container-spec", s -> s.id() == spec.id());
        assertThat(this.<Integer>items("container-devices")).containsExactly(0, 1, 2);
        assertThat(find(Select.class).withId("container-devices").single().getHelperText())
                .isEqualTo(t("container.devices.per-user-help", 2, spec.name()));

        // Nothing hidden, nothing to explain.
        setQuota(8, null);
        navigate(ContainerCreateView.class);
        this.<AcceleratorSpec>choose("container-spec", s -> s.id() == spec.id());
        assertThat(this.<Integer>items("container-devices")).isEqualTo(spec.allowedCounts());
        assertThat(find(Select.class).withId("container-devices").single().getHelperText()).isNull();
    }

    @Test
    void asksForKeysOrAnSshPasswordAsTheImageSignsIn() {
        navigate(ContainerCreateView.class);
        // Queries find only visible components, so whether one exists is whether the user sees it.
        assertThat(visible(MultiSelectComboBox.class, "container-keys")).isFalse();
        assertThat(visible(PasswordField.class, "container-ssh-password")).isFalse();

        this.<FrameworkImage>choose("container-image", i -> i.id() == keyImage.id());
        assertThat(visible(MultiSelectComboBox.class, "container-keys")).isTrue();
        assertThat(visible(PasswordField.class, "container-ssh-password")).isFalse();
        assertThat(visible(PasswordField.class, "container-terminal-password")).isTrue();

        this.<FrameworkImage>choose("container-image", i -> i.id() == passwordImage.id());
        assertThat(visible(MultiSelectComboBox.class, "container-keys")).isFalse();
        assertThat(visible(PasswordField.class, "container-ssh-password")).isTrue();
        assertThat(visible(PasswordField.class, "container-terminal-password")).isTrue();
    }

    @Test
    void anEmptyFormIsRefusedOnItsFieldsAndCreatesNothing() {
        navigate(ContainerCreateView.class);

        click("create");

        assertThat(error(find(TextField.class).withId("container-name").single())).isEqualTo(t("field.required"));
        assertThat(error(find(Select.class).withId("container-spec").single())).isEqualTo(t("field.required"));
        assertThat(error(find(Select.class).withId("container-image").single())).isEqualTo(t("field.required"));
        assertThat(error(find(Select.class).withId("container-whitelist").single()))
                .isEqualTo(t("container.whitelist.required"));
        assertThat(containers.count(projectId, null)).isZero();
        assertThat(getCurrentView()).isInstanceOf(ContainerCreateView.class);
    }

    @Test
    void aValidFormCreatesTheContainerAndOpensItsDetail() {
        navigate(ContainerCreateView.class);
        fillValidForm("notebook");

        click("create");

        List<Container> created = containers.list(projectId, null, 0, 10);
        assertThat(created).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("notebook");
            assertThat(c.devices()).isEqualTo(1);
            assertThat(c.cpuCores()).isEqualTo(flavor.cpuCores());
            assertThat(c.whitelistId()).isNull();
        });
        assertThat(getCurrentView()).isInstanceOf(ContainerDetailView.class);
        assertThat(find(H2.class).withText("notebook").exists()).isTrue();
        awaitRunning(created.getFirst().id());
    }

    @Test
    void aSharedMemoryValueOutOfRangeOrUnreadableShowsItsFieldErrorAndCreatesNothing() {
        navigate(ContainerCreateView.class);
        fillValidForm("shm");
        var shm = find(com.vaadin.flow.component.textfield.IntegerField.class).withId("container-shm").single();

        // Too large for the flavor, then a number the field could not read (it holds no value, as after
        // 99999999999 or a cleared field): neither may be saved as 0.
        shm.setValue(flavor.memoryMib() + 1);
        click("create");
        assertThat(error(shm)).isEqualTo(t("container.shm.range", flavor.memoryMib()));
        shm.clear();
        click("create");
        assertThat(error(shm)).isEqualTo(t("container.shm.range", flavor.memoryMib()));

        assertThat(containers.count(projectId, null)).isZero();
        assertThat(getCurrentView()).isInstanceOf(ContainerCreateView.class);
    }

    private boolean visible(Class<? extends Component> type, String id) {
        return find(type).withId(id).exists();
    }

    private static String error(HasValidation field) {
        return field.isInvalid() ? field.getErrorMessage() : null;
    }

    /** A form that creates a one-device container with a password and no whitelist. */
    private void fillValidForm(String name) {
        fill(TextField.class, "container-name", name);
        this.<AcceleratorSpec>choose("container-spec", s -> s.id() == spec.id());
        this.<Integer>choose("container-devices", n -> n == 1);
        this.<Flavor>choose("container-flavor", f -> f.id() == flavor.id());
        this.<FrameworkImage>choose("container-image", i -> i.id() == passwordImage.id());
        fill(PasswordField.class, "container-ssh-password", SSH_PASSWORD);
        fill(PasswordField.class, "container-terminal-password", TERMINAL_PASSWORD);
        test(find(Checkbox.class).withId("container-allow-all").single()).click();
    }
}
