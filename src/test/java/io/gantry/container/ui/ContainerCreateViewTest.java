package io.gantry.container.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.listbox.ListBox;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinSession;
import io.gantry.OnH2;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.Flavor;
import io.gantry.cluster.FrameworkImage;
import io.gantry.container.Container;
import io.gantry.identity.UserRef;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.Project;
import io.gantry.project.ProjectForm;
import io.gantry.project.ProjectLimits;
import io.gantry.project.ProjectRole;
import io.gantry.workload.RunWindow;
import io.gantry.project.TestProjects;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Creating a container, step by step: each step follows the choices and refuses on its fields before the next, Back
 * keeps what was typed, the live panel follows every choice, and only the summary creates (one, or a manager's batch).
 */
@OnH2
class ContainerCreateViewTest extends ContainerViewTestSupport {

    @Autowired
    Clock clock;

    @Test
    void choosingTheSpecOffersItsDeviceCountsAndFlavors() {
        navigate(ContainerCreateView.class);
        toResources("counts");
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
        toResources("counts");
        this.<AcceleratorSpec>choose("container-spec", s -> s.id() == spec.id());

        assertThat(this.<Integer>items("container-devices")).containsExactly(0, 1, 2, 4);
        assertThat(find(Select.class).withId("container-devices").single().getHelperText())
                .isEqualTo(t("container.devices.quota-help", QUOTA, spec.name()));

        // A maximum per user below the quota is what one user can ever get.
        setQuota(QUOTA, 2);
        navigate(ContainerCreateView.class);
        toResources("counts");
        this.<AcceleratorSpec>choose("container-spec", s -> s.id() == spec.id());
        assertThat(this.<Integer>items("container-devices")).containsExactly(0, 1, 2);
        assertThat(find(Select.class).withId("container-devices").single().getHelperText())
                .isEqualTo(t("container.devices.per-user-help", 2, spec.name()));

        // Nothing hidden, nothing to explain.
        setQuota(8, null);
        navigate(ContainerCreateView.class);
        toResources("counts");
        this.<AcceleratorSpec>choose("container-spec", s -> s.id() == spec.id());
        assertThat(this.<Integer>items("container-devices")).isEqualTo(spec.allowedCounts());
        assertThat(find(Select.class).withId("container-devices").single().getHelperText()).isNull();
    }

    @Test
    void asksForKeysOrAnSshPasswordAsTheImageSignsIn() {
        navigate(ContainerCreateView.class);
        toResources("keys");
        chooseResources(1);
        click("wizard-next");
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
    void eachStepRefusesOnItsFieldsBeforeTheNextAndBackKeepsWhatWasTyped() {
        navigate(ContainerCreateView.class);
        assertThat(find(TextField.class).withId("name").single().getHelperText())
                .isEqualTo(t("container.name.rule", 64));

        click("wizard-next");
        assertThat(error(find(TextField.class).withId("name").single())).isEqualTo(t("field.required"));
        assertThat(step()).isEqualTo(t("wizard.step", 1, 5, t("container.step.basics")));

        fill(TextField.class, "name", "kept");
        fill(com.vaadin.flow.component.textfield.TextArea.class, "container-description", "for the course");
        click("wizard-next");
        assertThat(step()).isEqualTo(t("wizard.step", 2, 5, t("container.step.resources")));
        click("wizard-next");
        assertThat(error(find(Select.class).withId("container-spec").single())).isEqualTo(t("field.required"));
        assertThat(step()).isEqualTo(t("wizard.step", 2, 5, t("container.step.resources")));
        chooseResources(2);
        click("wizard-next");
        click("wizard-next");
        assertThat(error(find(Select.class).withId("container-image").single())).isEqualTo(t("field.required"));

        click("wizard-back");
        click("wizard-back");
        assertThat(find(TextField.class).withId("name").single().getValue()).isEqualTo("kept");
        assertThat(find(com.vaadin.flow.component.textfield.TextArea.class).withId("container-description")
                .single().getValue()).isEqualTo("for the course");
        click("wizard-next");
        assertThat(find(Select.class).withId("container-devices").single().getValue()).isEqualTo(2);
        assertThat(find(Button.class).withId("wizard-create").exists()).as("only the summary creates").isFalse();
        assertThat(containers.count(projectId, null)).isZero();
    }

    @Test
    void aNameAlreadyUsedInTheProjectIsRefusedOnTheFirstStep() {
        running("taken");
        navigate(ContainerCreateView.class);
        fill(TextField.class, "name", "taken");

        click("wizard-next");

        assertThat(error(find(TextField.class).withId("name").single()))
                .isEqualTo(t("container.name.taken", "taken"));
        assertThat(containers.count(projectId, null)).isEqualTo(1);
    }

    @Test
    void theSummaryListsEverythingAndOnlyCreateThereCreatesItAndOpensTheList() {
        navigate(ContainerCreateView.class);
        fillValidForm("notebook");
        assertThat(containers.count(projectId, null)).isZero();

        Div summary = find(Div.class).withId("wizard-summary").single();
        var items = formItems(summary);
        assertThat(items).containsEntry(t("container.name"), "notebook")
                .containsEntry(t("container.spec"), spec.name())
                .containsEntry(t("container.devices"), t("container.total.single", 1))
                .containsEntry(t("container.framework"), passwordImage.reference())
                .containsEntry(t("container.whitelist"), t("container.allow-all"))
                .containsEntry(t("container.workspace"), t("container.workspace.path"))
                .containsEntry(t("container.live.start"), t("container.live.starts-now"));
        click("wizard-create");

        List<Container> created = containers.list(projectId, null, 0, 10);
        assertThat(created).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("notebook");
            assertThat(c.devices()).isEqualTo(1);
            assertThat(c.cpuCores()).isEqualTo(flavor.cpuCores());
            assertThat(c.whitelistId()).isNull();
        });
        assertThat(getCurrentView()).isInstanceOf(ContainersView.class);
        awaitRunning(created.getFirst().id());
    }

    @Test
    void theLivePanelFollowsTheChoicesWithQuotaBalanceCostAndWhetherItWouldStartNow() {
        running("holds-one");
        navigate(ContainerCreateView.class);
        assertThat(live("live-quota")).isEqualTo(t("container.live.choose-spec"));
        assertThat(live("live-balance")).contains(wallets.currency().getCurrencyCode());
        assertThat(live("live-cost")).isEqualTo(t("container.live.choose-resources"));

        toResources("live");
        chooseResources(1);

        assertThat(live("live-quota")).isEqualTo(t("container.live.quota-left", QUOTA - 1, QUOTA, spec.name()));
        String perHour = io.gantry.billing.money.HourlyRate.of(new io.gantry.billing.money.UnitPrices(
                spec.prices().perDeviceHour(), spec.prices().perCoreHour(), spec.prices().perGibHour()), 1,
                flavor.cpuCores(), flavor.memoryMib(), wallets.currency()).hour().amount().toPlainString();
        assertThat(live("live-cost")).contains(perHour).contains(wallets.currency().getCurrencyCode());
        assertThat(live("live-start")).isEqualTo(t("container.live.starts-now"));

        // Four more than the quota leaves: it would wait, and the panel says why, before anything is ordered.
        this.<Integer>choose("container-devices", n -> n == 4);
        assertThat(live("live-start")).isEqualTo(t("container.live.waits",
                io.gantry.broker.ui.Explanations.sentence(io.gantry.broker.Explanation.of(
                        io.gantry.broker.Explanation.Reason.WAITING_FOR_PROJECT_QUOTA, 4, QUOTA, 1), spec.name())));
        assertThat(containers.count(projectId, null)).isEqualTo(1);
    }

    @Test
    void aDistributedContainerTakesWholeNodesAndShowsItsTotal() {
        setQuota(16, null);
        navigate(ContainerCreateView.class);
        toResources("gang");
        assertThat(find(IntegerField.class).withId("container-nodes").exists()).isFalse();
        this.<AcceleratorSpec>choose("container-spec", s -> s.id() == spec.id());

        test(radio("container-mode")).selectItem(t("container.mode.distributed"));

        assertThat(find(IntegerField.class).withId("container-nodes").single().getValue()).isEqualTo(2);
        assertThat(this.<Integer>items("container-devices")).containsExactly(8);
        assertThat(find(Span.class).withId("container-total").single().getText())
                .isEqualTo(t("container.total.gang", 2, 8, 16));
        this.<Flavor>choose("container-flavor", f -> f.id() == flavor.id());
        assertThat(live("live-start")).isEqualTo(t("container.live.starts-now"));
        test(find(IntegerField.class).withId("container-nodes").single()).setValue(3);
        click("wizard-next");
        assertThat(error(find(IntegerField.class).withId("container-nodes").single()))
                .isEqualTo(t("container.nodes.range", 2));
    }

    @Test
    void aManagerCreatesABatchForChosenMembersWithACountEachAfterOneSummary() {
        accounts.signInAsAdmin();
        String member = TestAccounts.uniqueName("bm");
        long memberId = accounts.activate(accounts.create(member, PresetRole.USER));
        projects.addMembers(projectId, Set.of(memberId), ProjectRole.MEMBER);
        long ownerId = accounts.signInAs(owner).id();
        accounts.signInAsAdmin();
        projects.setRole(projectId, ownerId, ProjectRole.MANAGER);
        accounts.signInAs(owner);
        navigate(ContainerCreateView.class);

        test(find(Checkbox.class).withId("batch").single()).click();
        fillValidForm("course", false);
        assertThat(step()).isEqualTo(t("wizard.step", 5, 6, t("container.step.members")));
        click("wizard-next");
        assertThat(find(Paragraph.class).withId("batch-members-problem").single().getText())
                .isEqualTo(t("container.batch.members-required"));
        @SuppressWarnings("unchecked")
        ListBox<UserRef> available = find(ListBox.class).withId("batch-available").single();
        assertThat(available.getListDataView().getItems().map(UserRef::username).toList())
                .contains(member, owner);
        available.setValue(available.getListDataView().getItems().filter(u -> u.id() == memberId).findFirst()
                .orElseThrow());
        assertThat(available.getListDataView().getItems().map(UserRef::username).toList()).doesNotContain(member);
        test(find(IntegerField.class).withId("batch-count-" + memberId).single()).setValue(2);
        click("wizard-next");

        var items = formItems(find(Div.class).withId("wizard-summary").single());
        assertThat(items).containsEntry(t("container.batch.total"), "2");
        assertThat(containers.count(projectId, null)).isZero();
        click("wizard-create");

        assertThat(getCurrentView()).isInstanceOf(ContainersView.class);
        assertThat(containers.list(projectId, null, 0, 10)).extracting(c -> c.userId() + ":" + c.name())
                .containsExactlyInAnyOrder(memberId + ":course-" + member + "-1", memberId + ":course-" + member
                        + "-2");
    }

    @Test
    void aMemberIsNotOfferedBatchCreate() {
        navigate(ContainerCreateView.class);

        assertThat(find(Checkbox.class).withId("batch").exists()).isFalse();
    }

    @Test
    void aMemberWhoHasNotActivatedTheWorkspaceIsRefusedWithTheWayToActivateIt() {
        accounts.signInAsAdmin();
        String member = TestAccounts.uniqueName("na");
        long memberId = accounts.create(member, PresetRole.USER);
        projects.addMembers(projectId, Set.of(memberId), ProjectRole.MEMBER);
        accounts.signInAs(member);
        navigate(ContainerCreateView.class);
        assertThat(visible(Paragraph.class, "not-activated")).isFalse();
        fillValidForm("too-early");

        click("wizard-create");

        assertThat(notifications()).containsExactly(t("billing.order.not-activated"));
        assertThat(visible(Paragraph.class, "not-activated")).isTrue();
        Anchor link = find(Anchor.class).withId("activate-workspace-link").single();
        assertThat(link.getHref()).isEqualTo("account/platform");
        assertThat(link.getText()).isEqualTo(t("container.create.activate-workspace"));
        assertThat(getCurrentView()).isInstanceOf(ContainerCreateView.class);
        accounts.signInAsAdmin();
        assertThat(containers.count(projectId, null)).isZero();
    }

    @Test
    void aRefusalForLackOfBalanceSaysWhoCanTopUpAndLinksToTheProjectsWallet() {
        accounts.signInAsAdmin();
        // Everything but 5.00 paid back: not enough for an hour of an A100.
        context.getBean(io.gantry.billing.WalletService.class).adjust(projectId, io.gantry.billing.LedgerType.REFUND,
                new java.math.BigDecimal(TestProjects.FUNDS).subtract(java.math.BigDecimal.valueOf(5)).toPlainString(),
                "test: leave 5");
        accounts.signInAs(owner);
        navigate(ContainerCreateView.class);
        fillValidForm("too-dear");
        assertThat(find(com.vaadin.flow.component.html.Div.class).withId("order-refusal").exists()).isFalse();

        click("wizard-create");

        var refusal = find(com.vaadin.flow.component.html.Div.class).withId("order-refusal").single();
        String firstHour = io.gantry.billing.money.HourlyRate.of(new io.gantry.billing.money.UnitPrices(
                spec.prices().perDeviceHour(), spec.prices().perCoreHour(), spec.prices().perGibHour()), 1,
                flavor.cpuCores(), flavor.memoryMib(), java.util.Currency.getInstance("CNY")).hour().amount()
                .toPlainString();
        assertThat(refusal.getElement().getTextRecursively()).contains(
                t("billing.order.balance-short", firstHour, "5.00", "CNY"), t("container.create.open-wallet"));
        assertThat(t("billing.order.balance-short", firstHour, "5.00", "CNY"))
                .contains("A platform administrator can top up");
        assertThat(find(com.vaadin.flow.component.html.Anchor.class).withId("open-wallet").single().getHref())
                .isEqualTo("account/wallet?project=" + projectId);
        assertThat(containers.count(projectId, null)).isZero();
        assertThat(getCurrentView()).isInstanceOf(ContainerCreateView.class);
    }

    @Test
    void aSharedMemoryValueOutOfRangeOrUnreadableShowsItsFieldErrorAndCreatesNothing() {
        navigate(ContainerCreateView.class);
        toResources("shm");
        chooseResources(1);
        assertThat(find(IntegerField.class).withId("container-shm").exists()).as("only once chosen").isFalse();
        test(find(Checkbox.class).withId("container-shm-on").single()).click();
        var shm = find(com.vaadin.flow.component.textfield.IntegerField.class).withId("container-shm").single();

        // Too large for the flavor, then a number the field could not read (it holds no value, as after
        // 99999999999 or a cleared field): neither may be saved as 0.
        shm.setValue(flavor.memoryMib() + 1);
        click("wizard-next");
        assertThat(error(shm)).isEqualTo(t("container.shm.range", flavor.memoryMib()));
        shm.clear();
        click("wizard-next");
        assertThat(error(shm)).isEqualTo(t("container.shm.range", flavor.memoryMib()));

        assertThat(containers.count(projectId, null)).isZero();
        assertThat(getCurrentView()).isInstanceOf(ContainerCreateView.class);
    }

    @Test
    void offersTheStartAndEndChoicesAndSaysTheProjectsTimeLimitsUpFront() {
        setTimeLimits(4, 2);
        navigate(ContainerCreateView.class);

        RadioButtonGroup<RunWindow.Start> start = radio("container-start");
        RadioButtonGroup<RunWindow.End> end = radio("container-end");
        assertThat(labels(start)).containsExactly(t("container.start.now"), t("container.start.at"));
        assertThat(labels(end)).containsExactly(t("container.end.never"), t("container.end.at"),
                t("container.end.after-hours"));
        assertThat(start.getValue()).isEqualTo(RunWindow.Start.NOW);
        assertThat(end.getValue()).isEqualTo(RunWindow.End.NEVER);
        assertThat(end.getHelperText()).isEqualTo(t("container.window.lifetime-help", 4) + " "
                + t("container.window.idle-help", 2));
        // Each value field shows only with its choice.
        assertThat(visible(DateTimePicker.class, "container-start-at")).isFalse();
        assertThat(visible(DateTimePicker.class, "container-end-at")).isFalse();
        assertThat(visible(IntegerField.class, "container-end-hours")).isFalse();

        test(start).selectItem(t("container.start.at"));
        assertThat(visible(DateTimePicker.class, "container-start-at")).isTrue();
        test(end).selectItem(t("container.end.at"));
        assertThat(visible(DateTimePicker.class, "container-end-at")).isTrue();
        test(end).selectItem(t("container.end.after-hours"));
        assertThat(visible(DateTimePicker.class, "container-end-at")).isFalse();
        assertThat(visible(IntegerField.class, "container-end-hours")).isTrue();
    }

    @Test
    void withoutTimeLimitsTheEndNeedsNoExplanation() {
        setTimeLimits(null, null);
        navigate(ContainerCreateView.class);

        assertThat(radio("container-end").getHelperText()).isNull();
    }

    @Test
    void readsTheStartInTheUsersTimeZoneAndRefusesOneInThePastOnItsField() {
        ZoneId taipei = ZoneId.of("Asia/Taipei");
        VaadinSession.getCurrent().setAttribute(ZoneId.class, taipei);
        navigate(ContainerCreateView.class);
        fill(TextField.class, "name", "later");
        test(radio("container-start")).selectItem(t("container.start.at"));
        DateTimePicker startAt = find(DateTimePicker.class).withId("container-start-at").single();
        assertThat(startAt.getHelperText()).isEqualTo(t("container.window.zone-help", "Asia/Taipei"));

        // Two hours ago in Taipei; read as UTC it would be six hours ahead.
        test(startAt).setValue(LocalDateTime.ofInstant(clock.instant(), taipei).minusHours(2));
        assertThat(error(startAt)).isEqualTo(t("workload.window.start-past"));

        click("wizard-next");
        assertThat(error(startAt)).isEqualTo(t("workload.window.start-past"));
        assertThat(containers.count(projectId, null)).isZero();
        assertThat(getCurrentView()).isInstanceOf(ContainerCreateView.class);
    }

    @Test
    void refusesAnEndBeyondTheLifetimeLimitNamingIt() {
        setTimeLimits(4, null);
        navigate(ContainerCreateView.class);
        fill(TextField.class, "name", "too-long");
        test(radio("container-end")).selectItem(t("container.end.after-hours"));
        IntegerField hours = find(IntegerField.class).withId("container-end-hours").single();

        test(hours).setValue(5);
        assertThat(error(hours)).isEqualTo(t("workload.window.hours-beyond-lifetime", 4));
        test(hours).setValue(4);
        assertThat(error(hours)).isNull();

        hours.clear();
        click("wizard-next");
        assertThat(error(hours)).isEqualTo(t("field.required"));
        assertThat(containers.count(projectId, null)).isZero();
    }

    @SuppressWarnings("unchecked")
    private <T> RadioButtonGroup<T> radio(String id) {
        return find(RadioButtonGroup.class).withId(id).single();
    }

    private static <T> List<String> labels(RadioButtonGroup<T> group) {
        return group.getListDataView().getItems().map(group.getItemLabelGenerator()).toList();
    }

    /** Sets the project's container lifetime limit and idle reclaim time; signs the owner in again. */
    private void setTimeLimits(Integer containerMaxHours, Integer idleReclaimHours) {
        accounts.signInAsAdmin();
        Project project = projects.overview(projectId).project();
        ProjectLimits limits = project.limits();
        projects.update(projectId, new ProjectForm(project.name(), project.description(), project.startDate(),
                project.endDate(), new ProjectLimits(limits.maxUsers(), limits.maxJobHours(), containerMaxHours,
                idleReclaimHours, limits.approvalThreshold(), limits.membersSeeAll()), projects.quotas(projectId)));
        accounts.signInAs(owner);
    }

    private boolean visible(Class<? extends Component> type, String id) {
        return find(type).withId(id).exists();
    }

    private static String error(HasValidation field) {
        return field.isInvalid() ? field.getErrorMessage() : null;
    }

    /** Names it and goes on to the resources step. */
    private void toResources(String name) {
        fill(TextField.class, "name", name);
        click("wizard-next");
    }

    private void chooseResources(int devices) {
        this.<AcceleratorSpec>choose("container-spec", s -> s.id() == spec.id());
        this.<Integer>choose("container-devices", n -> n == devices);
        this.<Flavor>choose("container-flavor", f -> f.id() == flavor.id());
    }

    private String step() {
        return find(Span.class).withId("wizard-step").single().getText();
    }

    private String live(String id) {
        return find(Span.class).withId(id).single().getText();
    }

    /** Walks every step with a one-device container with a password and no whitelist, to the summary. */
    private void fillValidForm(String name) {
        fillValidForm(name, true);
    }

    /** Walks the steps up to the access step and past it: to the summary, or, in batch mode, to the members. */
    private void fillValidForm(String name, boolean single) {
        toResources(name);
        chooseResources(1);
        click("wizard-next");
        this.<FrameworkImage>choose("container-image", i -> i.id() == passwordImage.id());
        fill(PasswordField.class, "container-ssh-password", SSH_PASSWORD);
        fill(PasswordField.class, "container-terminal-password", TERMINAL_PASSWORD);
        click("wizard-next");
        assertThat(find(Paragraph.class).withId("workspace-path").single().getText())
                .contains(t("container.workspace.path"));
        assertThat(find(Anchor.class).withId("create-whitelist").single().getHref()).isEqualTo("network/whitelists");
        test(find(Checkbox.class).withId("container-allow-all").single()).click();
        click("wizard-next");
        if (single) {
            assertThat(find(Div.class).withId("wizard-summary").exists()).isTrue();
        }
    }
}
