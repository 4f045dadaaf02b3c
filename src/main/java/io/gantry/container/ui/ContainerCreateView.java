package io.gantry.container.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.gantry.billing.Orders;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.Flavor;
import io.gantry.cluster.FrameworkImage;
import io.gantry.cluster.LoginMethod;
import io.gantry.container.Container;
import io.gantry.container.ContainerForm;
import io.gantry.container.ContainerOptions;
import io.gantry.container.ContainerService;
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
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Creates a container in the current project (AI-Stack 五.1): name, accelerator spec and count, CPU and memory,
 * shared memory, a public or custom image, SSH keys or password as the image signs in, the web terminal password,
 * and the whitelist (or every source), and when it starts and ends: right away or at a time, never, at a time or
 * after some hours (五.1 (3)). The broker decides when it starts; the list shows it queued until then.
 */
@Route("containers/new")
@RolesAllowed(Permission.Names.CONTAINERS_USE)
public class ContainerCreateView extends VerticalLayout {

    static final String PUBLIC = "public";
    static final String CUSTOM = "custom";

    private final ContainerService containers;
    private final Clock clock;

    final TextField name = new TextField();
    final RadioButtonGroup<RunWindow.Start> start = new RadioButtonGroup<>();
    final DateTimePicker startAt = new DateTimePicker();
    final RadioButtonGroup<RunWindow.End> end = new RadioButtonGroup<>();
    final DateTimePicker endAt = new DateTimePicker();
    final IntegerField endAfterHours = new IntegerField();
    final Select<AcceleratorSpec> spec = new Select<>();
    final Select<Integer> devices = new Select<>();
    final Select<Flavor> flavor = new Select<>();
    final IntegerField sharedMemory = new IntegerField();
    final RadioButtonGroup<String> imageKind = new RadioButtonGroup<>();
    final Select<FrameworkImage> image = new Select<>();
    final MultiSelectComboBox<SshKey> keys = new MultiSelectComboBox<>();
    final PasswordField sshPassword = new PasswordField();
    final PasswordField terminalPassword = new PasswordField();
    final Select<WhitelistDetails> whitelist = new Select<>();
    final Checkbox allowAll = new Checkbox();
    final Paragraph notActivated = new Paragraph();
    /** Why the last create was refused for lack of balance, with the way to the wallet; hidden until then. */
    final Div balanceShort = new Div();
    private final FormFields timeFields = new FormFields().with(RunWindow.START_AT, startAt)
            .with(RunWindow.END_AT, endAt).with(RunWindow.END_AFTER_HOURS, endAfterHours);
    private final FormFields formFields = new FormFields().with("name", name).with("spec", spec)
            .with("devices", devices).with("flavor", flavor).with("sharedMemory", sharedMemory).with("image", image)
            .with("keys", keys).with("sshPassword", sshPassword).with("terminalPassword", terminalPassword)
            .with("whitelist", whitelist).with(RunWindow.START_AT, startAt).with(RunWindow.END_AT, endAt)
            .with(RunWindow.END_AFTER_HOURS, endAfterHours);

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
        Project project = options.project();
        add(new Paragraph(getTranslation("container.create.in-project", project.name())));

        name.setLabel(getTranslation("container.name"));
        name.setRequired(true);
        name.setMaxLength(ContainerService.NAME_MAX);
        name.setId("container-name");
        timeChoices(project.limits());

        Map<Long, ContainerOptions.SpecChoice> choices = options.specs().stream()
                .collect(Collectors.toMap(c -> c.spec().id(), c -> c));
        spec.setLabel(getTranslation("container.spec"));
        spec.setItems(options.specs().stream().map(ContainerOptions.SpecChoice::spec).toList());
        spec.setItemLabelGenerator(AcceleratorSpec::name);
        spec.setEmptySelectionAllowed(false);
        spec.setId("container-spec");
        spec.setHelperText(options.specs().isEmpty() ? getTranslation("container.spec.no-quota") : null);
        devices.setLabel(getTranslation("container.devices"));
        devices.setId("container-devices");
        flavor.setLabel(getTranslation("container.flavor"));
        flavor.setItemLabelGenerator(f -> getTranslation("container.flavor.label", f.name(), f.cpuCores(),
                Formats.memory(f.memoryMib())));
        flavor.setId("container-flavor");
        spec.addValueChangeListener(e -> {
            AcceleratorSpec chosen = e.getValue();
            List<Integer> counts = chosen == null ? List.of() : offeredCounts(choices.get(chosen.id()));
            devices.setItems(counts);
            flavor.setItems(chosen == null ? List.of() : choices.get(chosen.id()).flavors());
            if (!counts.isEmpty()) {
                devices.setValue(counts.getFirst());
            }
        });
        sharedMemory.setLabel(getTranslation("container.shared-memory"));
        sharedMemory.setHelperText(getTranslation("container.shared-memory.help"));
        sharedMemory.setMin(0);
        sharedMemory.setValue(0);
        sharedMemory.setId("container-shm");

        imageKind.setLabel(getTranslation("container.image-kind"));
        imageKind.setItems(PUBLIC, CUSTOM);
        imageKind.setItemLabelGenerator(k -> getTranslation("container.image-kind." + k));
        List<FrameworkImage> publicImages = options.publicImages();
        List<FrameworkImage> customImages = options.customImages();
        imageKind.addValueChangeListener(e -> image.setItems(CUSTOM.equals(e.getValue()) ? customImages
                : publicImages));
        imageKind.setValue(PUBLIC);
        image.setLabel(getTranslation("container.image"));
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

        whitelist.setLabel(getTranslation("container.whitelist"));
        whitelist.setItems(options.whitelists());
        whitelist.setItemLabelGenerator(WhitelistDetails::name);
        whitelist.setId("container-whitelist");
        allowAll.setLabel(getTranslation("container.allow-all"));
        allowAll.setId("container-allow-all");
        allowAll.addValueChangeListener(e -> whitelist.setEnabled(!e.getValue()));
        Anchor createWhitelist = new Anchor("network/whitelists", getTranslation("container.create-whitelist"));

        FormLayout form = new FormLayout(name, start, startAt, end, endAt, endAfterHours, spec, devices, flavor,
                sharedMemory, imageKind, image, keys, sshPassword, terminalPassword, whitelist, allowAll);
        form.setMaxWidth("48em");
        add(form, createWhitelist);

        Button create = new Button(getTranslation("container.create.submit"), e -> create(project));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create");
        Button cancel = new Button(getTranslation("action.cancel"),
                e -> getUI().ifPresent(ui -> ui.navigate(ContainersView.class)));
        balanceShort.setId("order-refusal");
        balanceShort.setVisible(false);
        add(balanceShort, new HorizontalLayout(create, cancel));
        // Shown once an order is refused for a workspace not yet activated: the way to activate it, then come back.
        Anchor activate = new Anchor(Orders.ACTIVATION_PAGE, getTranslation("container.create.activate-workspace"));
        activate.setId("activate-workspace-link");
        notActivated.add(activate);
        notActivated.setId("not-activated");
        notActivated.setVisible(false);
        add(notActivated);
    }

    /**
     * The spec's counts the project's quota (and maximum per user) can ever allow, not what is free right now: a
     * larger count would be refused at once. The helper text says why the larger ones are missing.
     */
    private List<Integer> offeredCounts(ContainerOptions.SpecChoice chosen) {
        devices.setHelperText(chosen.allCounts() ? null
                : getTranslation(chosen.perUserLimited() ? "container.devices.per-user-help"
                : "container.devices.quota-help", chosen.most(), chosen.spec().name()));
        return chosen.counts();
    }

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
    private void showCredentials(FrameworkImage chosen) {
        boolean ssh = chosen != null && chosen.offersSsh();
        keys.setVisible(ssh && chosen.loginMethod() == LoginMethod.KEY);
        sshPassword.setVisible(ssh && chosen.loginMethod() == LoginMethod.PASSWORD);
        terminalPassword.setVisible(chosen != null && chosen.offersTerminal());
    }

    /**
     * A refusal for lack of balance stays on the page beside the button, with the numbers, who can top up and a link
     * to the project's wallet: a newcomer's first container must not end in a notification that fades.
     */
    private void showBalanceShort(UserFacingException refusal, Project project) {
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

    private void create(Project project) {
        balanceShort.setVisible(false);
        Ui.clearInvalid(name, spec, devices, flavor, sharedMemory, image, keys, sshPassword, terminalPassword,
                whitelist);
        // The times are checked here first: a refused time must not create a container that runs at another.
        if (!checkWindow(project.limits(), true)) {
            return;
        }
        ContainerForm form = new ContainerForm(project.id(), name.getValue(),
                image.getValue() == null ? null : image.getValue().id(),
                spec.getValue() == null ? null : spec.getValue().id(), devices.getValue(),
                flavor.getValue() == null ? null : flavor.getValue().id(), sharedMemory.getValue(),
                keys.getValue().stream().map(SshKey::id).collect(Collectors.toSet()),
                sshPassword.isVisible() ? sshPassword.getValue() : null,
                terminalPassword.isVisible() ? terminalPassword.getValue() : null,
                whitelist.getValue() == null ? null : whitelist.getValue().id(), allowAll.getValue(), window());
        try {
            Container created = containers.create(form);
            Ui.success("container.create.done", created.name());
            getUI().ifPresent(ui -> ui.navigate(ContainerDetailView.class, created.id()));
        } catch (UserFacingException e) {
            notActivated.setVisible(Orders.NOT_ACTIVATED.equals(e.messageKey()));
            if (Orders.BALANCE_SHORT.equals(e.messageKey())) {
                showBalanceShort(e, project);
            } else {
                formFields.show(e);
            }
        }
    }
}
