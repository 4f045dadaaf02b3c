package io.gantry.container.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.listbox.ListBox;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.gantry.billing.Orders;
import io.gantry.billing.money.HourlyRate;
import io.gantry.billing.money.Money;
import io.gantry.broker.BrokerRequests;
import io.gantry.broker.ui.Explanations;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.Flavor;
import io.gantry.cluster.FrameworkImage;
import io.gantry.cluster.LoginMethod;
import io.gantry.container.Container;
import io.gantry.container.ContainerForm;
import io.gantry.container.ContainerOptions;
import io.gantry.container.ContainerService;
import io.gantry.identity.UserRef;
import io.gantry.network.SshKey;
import io.gantry.network.WhitelistDetails;
import io.gantry.project.Project;
import io.gantry.project.ProjectLimits;
import io.gantry.shared.FieldProblem;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.SeededTexts;
import io.gantry.shared.ui.Ui;
import io.gantry.workload.RunWindow;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Creates a container in the current project, step by step (AI-Stack 五.1): the name and description and when it
 * starts and ends; the spec, regular or distributed, the devices, CPU and memory and shared memory; the image and how
 * to sign in; who may connect. A project manager may create the same container for several members at once (批次建立):
 * the members and a count for each come next. Nothing is created before the summary. Beside the steps, the project's
 * quota left, its wallet, the cost per hour and whether it would start now follow every choice.
 */
@Route("containers/new")
@RolesAllowed(Permission.Names.CONTAINERS_USE)
public class ContainerCreateView extends VerticalLayout {

    static final String PUBLIC = "public";
    static final String CUSTOM = "custom";

    /** The steps, in order; {@link #MEMBERS} only in batch mode. */
    enum Step { BASICS, RESOURCES, IMAGE, ACCESS, MEMBERS, SUMMARY }

    /** A regular container on one node, or a distributed one on several. */
    enum Mode { REGULAR, DISTRIBUTED }

    /** Which step shows the problems of which field, so that a refusal opens the step that can fix it. */
    private static final Map<String, Step> STEP_OF_FIELD = Map.ofEntries(
            Map.entry("name", Step.BASICS), Map.entry("description", Step.BASICS),
            Map.entry(RunWindow.START_AT, Step.BASICS), Map.entry(RunWindow.END_AT, Step.BASICS),
            Map.entry(RunWindow.END_AFTER_HOURS, Step.BASICS), Map.entry("spec", Step.RESOURCES),
            Map.entry("nodes", Step.RESOURCES), Map.entry("devices", Step.RESOURCES),
            Map.entry("flavor", Step.RESOURCES), Map.entry("sharedMemory", Step.RESOURCES),
            Map.entry("image", Step.IMAGE), Map.entry("keys", Step.IMAGE), Map.entry("sshPassword", Step.IMAGE),
            Map.entry("terminalPassword", Step.IMAGE), Map.entry("whitelist", Step.ACCESS),
            Map.entry("members", Step.MEMBERS), Map.entry("counts", Step.MEMBERS));

    private final ContainerService containers;
    private final Clock clock;

    final TextField name = new TextField();
    final TextArea description = new TextArea();
    final Checkbox batch = new Checkbox();
    final RadioButtonGroup<RunWindow.Start> start = new RadioButtonGroup<>();
    final DateTimePicker startAt = new DateTimePicker();
    final RadioButtonGroup<RunWindow.End> end = new RadioButtonGroup<>();
    final DateTimePicker endAt = new DateTimePicker();
    final IntegerField endAfterHours = new IntegerField();
    final Select<AcceleratorSpec> spec = new Select<>();
    final RadioButtonGroup<Mode> mode = new RadioButtonGroup<>();
    final IntegerField nodes = new IntegerField();
    final Select<Integer> devices = new Select<>();
    final Span total = new Span();
    final Select<Flavor> flavor = new Select<>();
    final Checkbox sharedMemoryOn = new Checkbox();
    final IntegerField sharedMemory = new IntegerField();
    final RadioButtonGroup<String> imageKind = new RadioButtonGroup<>();
    final Select<FrameworkImage> image = new Select<>();
    final MultiSelectComboBox<SshKey> keys = new MultiSelectComboBox<>();
    final PasswordField sshPassword = new PasswordField();
    final PasswordField terminalPassword = new PasswordField();
    final Select<WhitelistDetails> whitelist = new Select<>();
    final Checkbox allowAll = new Checkbox();
    final ListBox<UserRef> available = new ListBox<>();
    final VerticalLayout chosen = new VerticalLayout();
    final Paragraph membersProblem = new Paragraph();
    /** The members of a batch, in the order they were chosen, with how many containers each gets. */
    final Map<UserRef, IntegerField> counts = new LinkedHashMap<>();
    final Paragraph notActivated = new Paragraph();
    /** Why the last create was refused for lack of balance, with the way to the wallet; hidden until then. */
    final Div balanceShort = new Div();
    final Span stepTitle = new Span();
    final Div summary = new Div();
    final Span liveQuota = new Span();
    final Span liveBalance = new Span();
    final Span liveCost = new Span();
    final Span liveStart = new Span();
    final Button back = new Button();
    final Button next = new Button();
    final Button create = new Button();

    private final Map<Step, Component> steps = new LinkedHashMap<>();
    private final FormFields timeFields = new FormFields().with(RunWindow.START_AT, startAt)
            .with(RunWindow.END_AT, endAt).with(RunWindow.END_AFTER_HOURS, endAfterHours);
    private final FormFields formFields = new FormFields().with("name", name).with("description", description)
            .with("spec", spec).with("nodes", nodes).with("devices", devices).with("flavor", flavor)
            .with("sharedMemory", sharedMemory).with("image", image).with("keys", keys)
            .with("sshPassword", sshPassword).with("terminalPassword", terminalPassword)
            .with("whitelist", whitelist).with(RunWindow.START_AT, startAt).with(RunWindow.END_AT, endAt)
            .with(RunWindow.END_AFTER_HOURS, endAfterHours);
    private Step current = Step.BASICS;
    private Project project;
    private Map<Long, ContainerOptions.SpecChoice> choices = Map.of();

    public ContainerCreateView(ContainerService containers, Clock clock) {
        this.containers = containers;
        this.clock = clock;
        addClassName("gantry-page");
        add(new H2(getTranslation("container.create")));
        Optional<ContainerOptions> offered = containers.createOptions();
        if (offered.isEmpty()) {
            add(new Paragraph(getTranslation("container.no-project")));
            return;
        }
        ContainerOptions options = offered.get();
        project = options.project();
        add(new Paragraph(getTranslation("container.create.in-project", project.name())));

        steps.put(Step.BASICS, basics(project.limits(), containers.canCreateBatch(project.id())));
        steps.put(Step.RESOURCES, resources(options));
        steps.put(Step.IMAGE, imageStep(options));
        steps.put(Step.ACCESS, access(options));
        steps.put(Step.MEMBERS, members());
        summary.setId("wizard-summary");
        steps.put(Step.SUMMARY, summary);

        stepTitle.setId("wizard-step");
        stepTitle.addClassNames(LumoUtility.FontWeight.SEMIBOLD, LumoUtility.TextColor.SECONDARY);
        VerticalLayout form = new VerticalLayout(stepTitle);
        form.setPadding(false);
        steps.values().forEach(form::add);
        form.setMaxWidth("48em");
        // The form gives way first, so that the live panel stays beside it on a laptop's screen.
        form.getStyle().set("flex", "1 1 28em");

        HorizontalLayout sideBySide = new HorizontalLayout(form, livePanel());
        sideBySide.setWidthFull();
        sideBySide.setAlignItems(FlexComponent.Alignment.START);
        sideBySide.getStyle().set("flex-wrap", "wrap");
        add(sideBySide);

        back.setText(getTranslation("wizard.back"));
        back.setId("wizard-back");
        back.addClickListener(e -> go(previous(current)));
        next.setText(getTranslation("wizard.next"));
        next.setId("wizard-next");
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        next.addClickListener(e -> forward());
        create.setText(getTranslation("container.create.submit"));
        create.setId("wizard-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> create());
        Button cancel = new Button(getTranslation("action.cancel"),
                e -> getUI().ifPresent(ui -> ui.navigate(ContainersView.class)));
        balanceShort.setId("order-refusal");
        balanceShort.setVisible(false);
        add(balanceShort, new HorizontalLayout(back, next, create, cancel));
        // Shown once an order is refused for a workspace not yet activated: the way to activate it, then come back.
        Anchor activate = new Anchor(Orders.ACTIVATION_PAGE, getTranslation("container.create.activate-workspace"));
        activate.setId("activate-workspace-link");
        notActivated.add(activate);
        notActivated.setId("not-activated");
        notActivated.setVisible(false);
        add(notActivated);
        go(Step.BASICS);
        refreshLive();
    }

    // ---- the steps -------------------------------------------------------------------------------------------------

    private Component basics(ProjectLimits limits, boolean mayBatch) {
        name.setLabel(getTranslation("container.name"));
        name.setRequired(true);
        name.setMaxLength(ContainerService.NAME_MAX);
        name.setHelperText(getTranslation("container.name.rule", ContainerService.NAME_MAX));
        name.setId("name");
        description.setLabel(getTranslation("container.description"));
        description.setMaxLength(ContainerForm.DESCRIPTION_MAX);
        description.setId("container-description");
        batch.setLabel(getTranslation("container.batch"));
        batch.setHelperText(getTranslation("container.batch.help"));
        batch.setId("batch");
        batch.setVisible(mayBatch);
        batch.addValueChangeListener(e -> {
            name.setHelperText(getTranslation(e.getValue() ? "container.batch.name-rule" : "container.name.rule",
                    ContainerService.NAME_MAX));
            refreshLive();
        });
        timeChoices(limits);
        FormLayout layout = new FormLayout(name, description, start, startAt, end, endAt, endAfterHours, batch);
        layout.setColspan(description, 2);
        return layout;
    }

    private Component resources(ContainerOptions options) {
        choices = options.specs().stream().collect(Collectors.toMap(c -> c.spec().id(), c -> c));
        spec.setLabel(getTranslation("container.spec"));
        spec.setItems(options.specs().stream().map(ContainerOptions.SpecChoice::spec).toList());
        spec.setItemLabelGenerator(AcceleratorSpec::name);
        spec.setEmptySelectionAllowed(false);
        spec.setId("container-spec");
        spec.setHelperText(options.specs().isEmpty() ? getTranslation("container.spec.no-quota") : null);
        mode.setLabel(getTranslation("container.mode"));
        mode.setItems(Mode.values());
        mode.setItemLabelGenerator(m -> getTranslation("container.mode." + m.name().toLowerCase(Locale.ROOT)));
        mode.setValue(Mode.REGULAR);
        mode.setId("container-mode");
        nodes.setLabel(getTranslation("container.nodes"));
        nodes.setHelperText(getTranslation("container.nodes.help"));
        nodes.setMin(2);
        nodes.setValue(2);
        nodes.setStepButtonsVisible(true);
        nodes.setManualValidation(true);
        nodes.setId("container-nodes");
        devices.setLabel(getTranslation("container.devices"));
        devices.setId("container-devices");
        total.setId("container-total");
        flavor.setLabel(getTranslation("container.flavor"));
        flavor.setItemLabelGenerator(f -> getTranslation("container.flavor.label", f.name(), f.cpuCores(),
                Formats.memory(f.memoryMib())));
        flavor.setId("container-flavor");
        spec.addValueChangeListener(e -> {
            AcceleratorSpec chosenSpec = e.getValue();
            flavor.setItems(chosenSpec == null ? List.of() : choices.get(chosenSpec.id()).flavors());
            offerCounts();
        });
        mode.addValueChangeListener(e -> offerCounts());
        nodes.addValueChangeListener(e -> showTotal());
        devices.addValueChangeListener(e -> showTotal());
        sharedMemoryOn.setLabel(getTranslation("container.shared-memory.use"));
        sharedMemoryOn.setHelperText(getTranslation("container.shared-memory.help"));
        sharedMemoryOn.setId("container-shm-on");
        sharedMemory.setLabel(getTranslation("container.shared-memory"));
        sharedMemory.setMin(0);
        sharedMemory.setValue(0);
        sharedMemory.setId("container-shm");
        sharedMemory.setVisible(false);
        sharedMemoryOn.addValueChangeListener(e -> {
            sharedMemory.setVisible(e.getValue());
            if (!e.getValue()) {
                sharedMemory.setValue(0);
            }
        });
        spec.addValueChangeListener(e -> refreshLive());
        devices.addValueChangeListener(e -> refreshLive());
        flavor.addValueChangeListener(e -> refreshLive());
        nodes.addValueChangeListener(e -> refreshLive());
        mode.addValueChangeListener(e -> refreshLive());
        offerCounts();
        return new FormLayout(spec, mode, nodes, devices, total, flavor, sharedMemoryOn, sharedMemory);
    }

    private Component imageStep(ContainerOptions options) {
        imageKind.setLabel(getTranslation("container.image-kind"));
        imageKind.setItems(PUBLIC, CUSTOM);
        imageKind.setItemLabelGenerator(k -> getTranslation("container.image-kind." + k));
        imageKind.setId("container-image-kind");
        List<FrameworkImage> publicImages = options.publicImages();
        List<FrameworkImage> customImages = options.customImages();
        imageKind.addValueChangeListener(e -> image.setItems(CUSTOM.equals(e.getValue()) ? customImages
                : publicImages));
        imageKind.setValue(PUBLIC);
        image.setLabel(getTranslation("container.framework"));
        image.setItemLabelGenerator(i -> i.description() == null ? i.reference()
                : i.reference() + " — " + SeededTexts.shown(i.description()));
        image.setId("container-image");
        keys.setLabel(getTranslation("container.keys"));
        keys.setItems(options.keys());
        keys.setItemLabelGenerator(k -> k.name() + " (" + k.fingerprint() + ")");
        keys.setId("container-keys");
        sshPassword.setLabel(getTranslation("container.ssh-password"));
        sshPassword.setId("container-ssh-password");
        sshPassword.setMaxLength(ContainerService.PASSWORD_MAX);
        terminalPassword.setMaxLength(ContainerService.PASSWORD_MAX);
        terminalPassword.setLabel(getTranslation("container.terminal-password"));
        terminalPassword.setHelperText(getTranslation("container.terminal-password.help"));
        terminalPassword.setId("container-terminal-password");
        image.addValueChangeListener(e -> showCredentials(e.getValue()));
        showCredentials(null);
        return new FormLayout(imageKind, image, keys, sshPassword, terminalPassword);
    }

    private Component access(ContainerOptions options) {
        whitelist.setLabel(getTranslation("container.whitelist"));
        whitelist.setItems(options.whitelists());
        whitelist.setItemLabelGenerator(WhitelistDetails::name);
        whitelist.setId("container-whitelist");
        whitelist.setHelperText(options.whitelists().isEmpty() ? getTranslation("container.whitelist.none") : null);
        allowAll.setLabel(getTranslation("container.allow-all"));
        allowAll.setId("container-allow-all");
        allowAll.addValueChangeListener(e -> whitelist.setEnabled(!e.getValue()));
        Anchor createWhitelist = new Anchor("network/whitelists", getTranslation("container.create-whitelist"));
        createWhitelist.setId("create-whitelist");
        Paragraph workspace = new Paragraph(getTranslation("container.workspace") + ": "
                + getTranslation("container.workspace.path"));
        workspace.setId("workspace-path");
        return new VerticalLayout(new FormLayout(whitelist, allowAll), createWhitelist, workspace);
    }

    /** The two-list selector of a batch: the project's members on the left, the chosen ones with a count each. */
    private Component members() {
        available.setId("batch-available");
        available.setItemLabelGenerator(ContainerCreateView::label);
        available.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                choose(e.getValue());
            }
        });
        chosen.setId("batch-chosen");
        chosen.setPadding(false);
        Div left = column(getTranslation("container.batch.members-available"), available);
        Div right = column(getTranslation("container.batch.members-chosen"), chosen);
        HorizontalLayout lists = new HorizontalLayout(left, right);
        lists.setId("batch-members");
        lists.setWidthFull();
        membersProblem.setId("batch-members-problem");
        membersProblem.addClassNames(LumoUtility.TextColor.ERROR);
        membersProblem.setVisible(false);
        return new VerticalLayout(new Paragraph(getTranslation("container.batch.members-help")), lists,
                membersProblem);
    }

    private static Div column(String title, Component content) {
        Div column = new Div(new H3(title), content);
        column.addClassNames(LumoUtility.Border.ALL, LumoUtility.BorderColor.CONTRAST_10,
                LumoUtility.BorderRadius.MEDIUM, LumoUtility.Padding.SMALL);
        column.getStyle().set("flex", "1 1 0").set("min-width", "14em");
        return column;
    }

    private static String label(UserRef user) {
        return user.nickname() == null || user.nickname().isBlank() ? user.username()
                : user.nickname() + " (" + user.username() + ")";
    }

    /** Moves a member to the chosen list, with one container to begin with. */
    void choose(UserRef member) {
        IntegerField count = new IntegerField();
        count.setAriaLabel(getTranslation("container.batch.count-of", label(member)));
        count.setMin(1);
        count.setMax(ContainerService.BATCH_PER_MEMBER_MAX);
        count.setValue(1);
        count.setStepButtonsVisible(true);
        count.setWidth("8em");
        count.setId("batch-count-" + member.id());
        count.addValueChangeListener(e -> refreshLive());
        counts.put(member, count);
        Button remove = new Button(getTranslation("container.batch.remove"), e -> unchoose(member));
        remove.setId("batch-remove-" + member.id());
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout row = new HorizontalLayout(new Span(label(member)), count, remove);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setId("batch-row-" + member.id());
        chosen.add(row);
        showAvailable();
        refreshLive();
    }

    private void unchoose(UserRef member) {
        counts.remove(member);
        chosen.getChildren().filter(c -> c.getId().orElse("").equals("batch-row-" + member.id())).findFirst()
                .ifPresent(chosen::remove);
        showAvailable();
        refreshLive();
    }

    private List<UserRef> members;

    private void showAvailable() {
        if (members == null) {
            members = containers.batchMembers(project.id()).stream()
                    .sorted(Comparator.comparing(UserRef::username)).toList();
        }
        available.setItems(members.stream().filter(m -> !counts.containsKey(m)).toList());
    }

    // ---- moving between steps ------------------------------------------------------------------------------------

    private List<Step> order() {
        return Stream.of(Step.values()).filter(s -> s != Step.MEMBERS || batch.getValue()).toList();
    }

    private Step previous(Step step) {
        List<Step> order = order();
        return order.get(Math.max(0, order.indexOf(step) - 1));
    }

    private Step following(Step step) {
        List<Step> order = order();
        return order.get(Math.min(order.size() - 1, order.indexOf(step) + 1));
    }

    /** Shows a step; what was typed in the others stays as it was. */
    void go(Step step) {
        current = step;
        steps.forEach((s, component) -> component.setVisible(s == step));
        List<Step> order = order();
        stepTitle.setText(getTranslation("wizard.step", order.indexOf(step) + 1, order.size(),
                getTranslation("container.step." + step.name().toLowerCase(Locale.ROOT))));
        back.setVisible(step != Step.BASICS);
        next.setVisible(step != Step.SUMMARY);
        create.setVisible(step == Step.SUMMARY);
        if (step == Step.MEMBERS) {
            showAvailable();
        }
        if (step == Step.SUMMARY) {
            showSummary();
        }
    }

    /** Checks the step as the service would, shows its problems on its fields, and moves on only without any. */
    private void forward() {
        if (!stepValid(current)) {
            return;
        }
        go(following(current));
    }

    private boolean stepValid(Step step) {
        Ui.clearInvalid(name, description, spec, nodes, devices, flavor, sharedMemory, image, keys, sshPassword,
                terminalPassword, whitelist);
        membersProblem.setVisible(false);
        if (step == Step.BASICS && !checkWindow(project.limits(), true)) {
            return false;
        }
        if (step == Step.MEMBERS) {
            if (counts.isEmpty()) {
                showMembersProblem(List.of(new FieldProblem("members", "container.batch.members-required")));
                return false;
            }
            return true;
        }
        try {
            containers.validate(form(), batch.getValue());
            return true;
        } catch (InvalidInput e) {
            List<FieldProblem> here = e.problems().stream()
                    .filter(p -> stepOf(p.field()).ordinal() <= step.ordinal()).toList();
            if (here.isEmpty()) {
                return true;
            }
            go(stepOf(here.getFirst().field()));
            formFields.show(new InvalidInput(here));
            return false;
        }
    }

    private static Step stepOf(String field) {
        return STEP_OF_FIELD.getOrDefault(field, Step.BASICS);
    }

    private void showMembersProblem(List<FieldProblem> problems) {
        membersProblem.setText(problems.stream().map(Ui::translated).collect(Collectors.joining(" ")));
        membersProblem.setVisible(true);
    }

    // ---- the form as the service takes it ------------------------------------------------------------------------

    ContainerForm form() {
        boolean distributed = mode.getValue() == Mode.DISTRIBUTED;
        return new ContainerForm(project.id(), name.getValue(),
                image.getValue() == null ? null : image.getValue().id(),
                spec.getValue() == null ? null : spec.getValue().id(), devices.getValue(),
                flavor.getValue() == null ? null : flavor.getValue().id(),
                sharedMemoryOn.getValue() ? sharedMemory.getValue() : Integer.valueOf(0),
                keys.isVisible() ? keys.getValue().stream().map(SshKey::id).collect(Collectors.toSet()) : Set.of(),
                sshPassword.isVisible() ? sshPassword.getValue() : null,
                terminalPassword.isVisible() ? terminalPassword.getValue() : null,
                whitelist.getValue() == null || allowAll.getValue() ? null : whitelist.getValue().id(),
                allowAll.getValue(), window(), description.getValue(),
                distributed ? (nodes.getValue() == null ? 0 : nodes.getValue()) : 1);
    }

    private Map<Long, Integer> countPerMember() {
        Map<Long, Integer> perMember = new LinkedHashMap<>();
        counts.forEach((member, field) -> perMember.put(member.id(), field.getValue()));
        return perMember;
    }

    private int copies() {
        return batch.getValue() ? counts.values().stream().map(IntegerField::getValue).filter(Objects::nonNull)
                .mapToInt(Integer::intValue).sum() : 1;
    }

    // ---- resources -------------------------------------------------------------------------------------------------

    /**
     * The spec's counts the project's quota (and maximum per user) can ever allow, not what is free right now: a
     * larger count would be refused at once; the helper text says why the larger ones are missing. A distributed
     * container takes whole nodes: the spec's largest count on each.
     */
    private void offerCounts() {
        AcceleratorSpec chosenSpec = spec.getValue();
        boolean distributed = mode.getValue() == Mode.DISTRIBUTED;
        nodes.setVisible(distributed);
        if (chosenSpec == null) {
            devices.setItems(List.of());
            devices.setHelperText(null);
            showTotal();
            return;
        }
        ContainerOptions.SpecChoice choice = choices.get(chosenSpec.id());
        Integer before = devices.getValue();
        List<Integer> offered;
        if (distributed) {
            int largest = chosenSpec.allowedCounts().stream().mapToInt(Integer::intValue).max().orElse(0);
            offered = List.of(largest);
            devices.setLabel(getTranslation("container.devices-per-node"));
            devices.setHelperText(getTranslation("container.devices.per-node-help", largest, chosenSpec.name()));
        } else {
            offered = choice.counts();
            devices.setLabel(getTranslation("container.devices"));
            devices.setHelperText(choice.allCounts() ? null
                    : getTranslation(choice.perUserLimited() ? "container.devices.per-user-help"
                    : "container.devices.quota-help", choice.most(), chosenSpec.name()));
        }
        devices.setItems(offered);
        if (before != null && offered.contains(before)) {
            devices.setValue(before);
        } else if (!offered.isEmpty()) {
            devices.setValue(offered.getFirst());
        }
        showTotal();
    }

    private void showTotal() {
        Integer perNode = devices.getValue();
        boolean distributed = mode.getValue() == Mode.DISTRIBUTED;
        int nodeCount = distributed ? (nodes.getValue() == null ? 0 : nodes.getValue()) : 1;
        total.setText(perNode == null ? "" : distributed
                ? getTranslation("container.total.gang", nodeCount, perNode, nodeCount * perNode)
                : getTranslation("container.total.single", perNode));
    }

    // ---- the live panel --------------------------------------------------------------------------------------------

    private Component livePanel() {
        liveQuota.setId("live-quota");
        liveBalance.setId("live-balance");
        liveCost.setId("live-cost");
        liveStart.setId("live-start");
        FormLayout figures = new FormLayout();
        figures.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        figures.addFormItem(liveQuota, getTranslation("container.live.quota"));
        figures.addFormItem(liveBalance, getTranslation("container.live.balance"));
        figures.addFormItem(liveCost, getTranslation("container.live.cost"));
        figures.addFormItem(liveStart, getTranslation("container.live.start"));
        Div panel = new Div(new H3(getTranslation("container.live")), figures);
        panel.setId("live-panel");
        panel.addClassNames(LumoUtility.Padding.MEDIUM, LumoUtility.BorderRadius.MEDIUM,
                LumoUtility.Background.CONTRAST_5);
        panel.getStyle().set("flex", "0 1 20em");
        start.addValueChangeListener(e -> refreshLive());
        startAt.addValueChangeListener(e -> refreshLive());
        end.addValueChangeListener(e -> refreshLive());
        endAt.addValueChangeListener(e -> refreshLive());
        endAfterHours.addValueChangeListener(e -> refreshLive());
        return panel;
    }

    /** Asks the service for the figures of what is chosen now, and shows them. */
    void refreshLive() {
        if (project == null) {
            return;
        }
        ContainerService.CreateEstimate estimate;
        try {
            estimate = containers.estimate(form(), copies());
        } catch (UserFacingException e) {
            return;
        }
        AcceleratorSpec chosenSpec = spec.getValue();
        liveQuota.setText(estimate.quota() == null ? getTranslation("container.live.choose-spec")
                : getTranslation("container.live.quota-left", estimate.quotaLeft(), estimate.quota(),
                chosenSpec == null ? "" : chosenSpec.name()));
        liveBalance.setText(money(estimate.balance()));
        HourlyRate rate = estimate.perHour();
        liveCost.setText(rate == null ? getTranslation("container.live.choose-resources")
                : getTranslation("container.live.per-hour", money(rate.hour())));
        if (estimate.startsAt() != null) {
            liveStart.setText(getTranslation("container.live.starts-at", Formats.dateTime(estimate.startsAt())));
        } else if (estimate.preview() == null) {
            liveStart.setText(getTranslation("container.live.choose-resources"));
        } else {
            BrokerRequests.Preview preview = estimate.preview();
            String specName = chosenSpec == null ? "" : chosenSpec.name();
            liveStart.setText(switch (preview.outcome()) {
                case STARTS -> getTranslation("container.live.starts-now");
                case WAITS -> getTranslation("container.live.waits", Explanations.sentence(preview.explanation(),
                        specName));
                case REFUSED -> getTranslation("container.live.refused", Explanations.sentence(
                        preview.explanation(), specName));
            });
        }
    }

    private static String money(Money money) {
        return Formats.money(money.amount(), money.currency());
    }

    // ---- the summary and creating ----------------------------------------------------------------------------------

    private void showSummary() {
        summary.removeAll();
        FormLayout items = new FormLayout();
        items.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        ContainerForm form = form();
        item(items, "container.name", form.name());
        item(items, "container.description", form.description() == null || form.description().isBlank() ? "—"
                : form.description());
        item(items, "container.start", start.getValue() == RunWindow.Start.AT && startAt.getValue() != null
                ? Formats.dateTime(instant(startAt.getValue())) : getTranslation("container.start.now"));
        item(items, "container.end", switch (end.getValue()) {
            case NEVER -> getTranslation("container.end.never");
            case AT -> endAt.getValue() == null ? "—" : Formats.dateTime(instant(endAt.getValue()));
            case AFTER_HOURS -> getTranslation("container.end.hours-after", endAfterHours.getValue());
        });
        item(items, "container.spec", spec.getValue() == null ? "—" : spec.getValue().name());
        item(items, "container.mode", getTranslation("container.mode."
                + mode.getValue().name().toLowerCase(Locale.ROOT)));
        item(items, "container.devices", total.getText());
        item(items, "container.flavor", flavor.getValue() == null ? "—" : flavor.getItemLabelGenerator()
                .apply(flavor.getValue()));
        item(items, "container.shared-memory", sharedMemoryOn.getValue() && sharedMemory.getValue() != null
                && sharedMemory.getValue() > 0 ? Formats.memory(sharedMemory.getValue())
                : getTranslation("container.shared-memory.none"));
        item(items, "container.image-kind", getTranslation("container.image-kind." + imageKind.getValue()));
        item(items, "container.framework", image.getValue() == null ? "—" : image.getValue().reference());
        if (image.getValue() != null && image.getValue().offersSsh()) {
            item(items, "container.sign-in", image.getValue().loginMethod() == LoginMethod.KEY
                    ? keys.getValue().stream().map(SshKey::name).sorted().collect(Collectors.joining(", "))
                    : getTranslation("container.sign-in.password"));
        }
        if (image.getValue() != null && image.getValue().offersTerminal()) {
            item(items, "container.terminal-password", getTranslation("container.sign-in.password-set"));
        }
        item(items, "container.whitelist", allowAll.getValue() ? getTranslation("container.allow-all")
                : whitelist.getValue() == null ? "—" : whitelist.getValue().name());
        item(items, "container.workspace", getTranslation("container.workspace.path"));
        if (batch.getValue()) {
            item(items, "container.batch.members-chosen", counts.entrySet().stream()
                    .map(e -> getTranslation("container.batch.member-count", label(e.getKey()),
                            e.getValue().getValue()))
                    .collect(Collectors.joining(", ")));
            item(items, "container.batch.total", String.valueOf(copies()));
        }
        item(items, "container.live.cost", liveCost.getText());
        item(items, "container.live.start", liveStart.getText());
        summary.add(new H3(getTranslation("container.summary")), items);
    }

    private void item(FormLayout items, String labelKey, String value) {
        items.addFormItem(new Span(value == null ? "—" : value), getTranslation(labelKey));
    }

    private void create() {
        balanceShort.setVisible(false);
        notActivated.setVisible(false);
        // The times are checked first: a time gone past while the summary was open must not start it at another.
        if (!checkWindow(project.limits(), true)) {
            go(Step.BASICS);
            return;
        }
        try {
            if (batch.getValue()) {
                List<Container> created = containers.createBatch(form(), countPerMember());
                Ui.success("container.batch.done", created.size());
            } else {
                Container created = containers.create(form());
                Ui.success("container.create.done", created.name());
            }
            getUI().ifPresent(ui -> ui.navigate(ContainersView.class));
        } catch (InvalidInput e) {
            // Back to the first step that can fix it, with every problem on its field; what was typed stays.
            Step fix = e.problems().stream().map(p -> stepOf(p.field())).min(Comparator.naturalOrder())
                    .orElse(Step.BASICS);
            go(fix);
            formFields.show(e);
            List<FieldProblem> memberProblems = e.problems().stream()
                    .filter(p -> stepOf(p.field()) == Step.MEMBERS).toList();
            if (!memberProblems.isEmpty()) {
                showMembersProblem(memberProblems);
            }
        } catch (UserFacingException e) {
            notActivated.setVisible(Orders.NOT_ACTIVATED.equals(e.messageKey()));
            if (Orders.BALANCE_SHORT.equals(e.messageKey())) {
                showBalanceShort(e);
            } else {
                formFields.show(e);
            }
        }
    }

    /**
     * A refusal for lack of balance stays on the page beside the button, with the numbers, who can top up and a link
     * to the project's wallet: a newcomer's first container must not end in a notification that fades.
     */
    private void showBalanceShort(UserFacingException refusal) {
        Paragraph why = new Paragraph(Ui.translated(new FieldProblem(null, refusal.messageKey(),
                refusal.arguments())));
        Anchor wallet = new Anchor("account/wallet?project=" + project.id(),
                getTranslation("container.create.open-wallet"));
        wallet.setId("open-wallet");
        balanceShort.removeAll();
        balanceShort.add(why, wallet);
        balanceShort.addClassNames(LumoUtility.Padding.MEDIUM, LumoUtility.BorderRadius.MEDIUM,
                LumoUtility.Background.ERROR_10, LumoUtility.TextColor.ERROR);
        balanceShort.setVisible(true);
    }

    // ---- times and sign-in -----------------------------------------------------------------------------------------

    /**
     * Start right away or at a time, end never, at a time or after some hours. Times are entered in the user's time
     * zone. The project's lifetime limit and idle reclaim are said up front, so that nobody learns them from a stop.
     */
    private void timeChoices(ProjectLimits limits) {
        start.setLabel(getTranslation("container.start"));
        start.setItems(RunWindow.Start.values());
        start.setItemLabelGenerator(c -> getTranslation("container.start." + c.name().toLowerCase(Locale.ROOT)));
        start.setValue(RunWindow.Start.NOW);
        start.setId("container-start");
        startAt.setLabel(getTranslation("container.start-at"));
        startAt.setHelperText(getTranslation("container.window.zone-help", Formats.zone().getId()));
        startAt.setStep(Duration.ofMinutes(15));
        startAt.setId("container-start-at");

        end.setLabel(getTranslation("container.end"));
        end.setItems(RunWindow.End.values());
        end.setItemLabelGenerator(c -> getTranslation("container.end." + c.name().toLowerCase(Locale.ROOT)
                .replace('_', '-')));
        end.setValue(RunWindow.End.NEVER);
        end.setId("container-end");
        String limitsHelp = Stream.of(
                limits.containerMaxHours() == null ? null
                        : getTranslation("container.window.lifetime-help", limits.containerMaxHours()),
                limits.idleReclaimHours() == null ? null
                        : getTranslation("container.window.idle-help", limits.idleReclaimHours()))
                .filter(Objects::nonNull).collect(Collectors.joining(" "));
        end.setHelperText(limitsHelp.isEmpty() ? null : limitsHelp);
        endAt.setLabel(getTranslation("container.end-at"));
        endAt.setHelperText(getTranslation("container.window.zone-help", Formats.zone().getId()));
        endAt.setStep(Duration.ofMinutes(15));
        endAt.setId("container-end-at");
        endAfterHours.setLabel(getTranslation("container.end-hours"));
        endAfterHours.setMin(1);
        // Not capped at the project's limit: a number beyond it is refused with a message that names the limit.
        endAfterHours.setMax(RunWindow.MAX_HOURS);
        endAfterHours.setStepButtonsVisible(true);
        endAfterHours.setId("container-end-hours");

        // The window's own rules say what is wrong and why; the fields' built-in checks would only say "invalid".
        startAt.setManualValidation(true);
        endAt.setManualValidation(true);
        endAfterHours.setManualValidation(true);
        start.addValueChangeListener(e -> timesChanged(limits));
        end.addValueChangeListener(e -> timesChanged(limits));
        startAt.addValueChangeListener(e -> timesChanged(limits));
        endAt.addValueChangeListener(e -> timesChanged(limits));
        endAfterHours.addValueChangeListener(e -> timesChanged(limits));
        showTimeFields();
    }

    private void timesChanged(ProjectLimits limits) {
        showTimeFields();
        checkWindow(limits, false);
    }

    private void showTimeFields() {
        startAt.setVisible(start.getValue() == RunWindow.Start.AT);
        endAt.setVisible(end.getValue() == RunWindow.End.AT);
        endAfterHours.setVisible(end.getValue() == RunWindow.End.AFTER_HOURS);
    }

    /** The chosen times as the service takes them: local times read in the user's zone. */
    private RunWindow window() {
        return new RunWindow(start.getValue(), instant(startAt.getValue()), end.getValue(),
                instant(endAt.getValue()), endAfterHours.getValue());
    }

    private static Instant instant(LocalDateTime local) {
        return local == null ? null : local.atZone(Formats.zone()).toInstant();
    }

    /**
     * Shows the window's problems on its fields, as soon as a time is entered. While the user is still choosing, a
     * missing value is not yet a problem; on submit it is.
     *
     * @return whether the window may be submitted
     */
    private boolean checkWindow(ProjectLimits limits, boolean submitting) {
        Ui.clearInvalid(startAt, endAt, endAfterHours);
        List<FieldProblem> problems = new ArrayList<>(window().problems(clock.instant(),
                limits.containerMaxHours()));
        boolean valid = problems.isEmpty();
        if (!submitting) {
            problems.removeIf(p -> "field.required".equals(p.messageKey()));
        }
        if (!problems.isEmpty()) {
            timeFields.show(new InvalidInput(problems));
        }
        return valid;
    }

    /** Keys or a password, as the image signs in; the terminal password only where the image has a terminal. */
    private void showCredentials(FrameworkImage chosenImage) {
        boolean ssh = chosenImage != null && chosenImage.offersSsh();
        keys.setVisible(ssh && chosenImage.loginMethod() == LoginMethod.KEY);
        sshPassword.setVisible(ssh && chosenImage.loginMethod() == LoginMethod.PASSWORD);
        terminalPassword.setVisible(chosenImage != null && chosenImage.offersTerminal());
    }
}
