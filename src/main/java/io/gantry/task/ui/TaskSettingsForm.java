package io.gantry.task.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.gantry.billing.money.Money;
import io.gantry.broker.BrokerRequests;
import io.gantry.broker.ui.Explanations;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.Flavor;
import io.gantry.cluster.FrameworkImage;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.SeededTexts;
import io.gantry.shared.ui.Ui;
import io.gantry.task.TaskEstimate;
import io.gantry.task.TaskForm;
import io.gantry.task.TaskOptions;
import io.gantry.task.TaskService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The run-task settings (AI-Stack 六.1), shared by the run form and the template form: name, spec, devices and nodes,
 * CPU and memory, shared memory, public or custom image (which names the framework), the command, preemptible, the
 * longest run; beside them, what the service estimates for what is chosen now.
 */
class TaskSettingsForm extends HorizontalLayout {

    static final String PUBLIC = "public";
    static final String CUSTOM = "custom";

    private final TaskService tasks;
    private final TaskOptions options;
    private final Map<Long, TaskOptions.SpecChoice> choices;

    final TextField name = new TextField();
    final Select<AcceleratorSpec> spec = new Select<>();
    final Select<Integer> devices = new Select<>();
    final IntegerField nodes = new IntegerField();
    final Select<Flavor> flavor = new Select<>();
    final IntegerField sharedMemory = new IntegerField();
    final RadioButtonGroup<String> imageType = new RadioButtonGroup<>();
    final Select<FrameworkImage> image = new Select<>();
    final TextArea command = new TextArea();
    final Checkbox preemptible = new Checkbox();
    final IntegerField maxMinutes = new IntegerField();
    final Span liveQuota = new Span();
    final Span liveBalance = new Span();
    final Span liveCost = new Span();
    final Span liveStart = new Span();
    final Span liveApproval = new Span();

    /** The service's field names, each on the field that fixes it (the record's names and the shorter ones). */
    private final FormFields formFields = new FormFields().with("name", name).with("spec", spec)
            .with("specId", spec).with("devices", devices).with("nodes", nodes).with("flavor", flavor)
            .with("flavorId", flavor).with("sharedMemory", sharedMemory).with("sharedMemoryMib", sharedMemory)
            .with("image", image).with("imageId", image).with("command", command)
            .with("maxRunMinutes", maxMinutes).with("maxMinutes", maxMinutes);

    TaskSettingsForm(TaskService tasks, TaskOptions options) {
        this.tasks = tasks;
        this.options = options;
        this.choices = options.specs().stream().collect(Collectors.toMap(c -> c.spec().id(), c -> c));
        setWidthFull();
        setAlignItems(FlexComponent.Alignment.START);
        getStyle().set("flex-wrap", "wrap");
        FormLayout fields = fields();
        fields.setMaxWidth("48em");
        // The form gives way first, so that the live panel stays beside it on a laptop's screen.
        fields.getStyle().set("flex", "1 1 28em");
        add(fields, livePanel());
        refreshLive();
    }

    private FormLayout fields() {
        name.setLabel(Ui.t("task.ui.name"));
        name.setRequired(true);
        name.setMaxLength(TaskForm.NAME_MAX);
        name.setHelperText(Ui.t("task.ui.name.rule", TaskForm.NAME_MAX));
        name.setId("task-name");

        spec.setLabel(Ui.t("task.ui.spec"));
        spec.setItems(options.specs().stream().map(TaskOptions.SpecChoice::spec).toList());
        spec.setItemLabelGenerator(AcceleratorSpec::name);
        spec.setHelperText(options.specs().isEmpty() ? Ui.t("task.ui.spec.no-quota") : null);
        spec.setId("task-spec");
        devices.setLabel(Ui.t("task.ui.devices"));
        devices.setId("task-devices");
        nodes.setLabel(Ui.t("task.ui.nodes"));
        nodes.setMin(1);
        nodes.setValue(1);
        nodes.setStepButtonsVisible(true);
        // The service says what is wrong with a count, and why; the field's own check would only say "invalid".
        nodes.setManualValidation(true);
        nodes.setId("task-nodes");
        flavor.setLabel(Ui.t("task.ui.flavor"));
        flavor.setItemLabelGenerator(f -> Ui.t("task.ui.flavor.label", f.name(), f.cpuCores(),
                Formats.memory(f.memoryMib())));
        flavor.setId("task-flavor");
        spec.addValueChangeListener(e -> {
            flavor.setItems(e.getValue() == null ? List.of() : choices.get(e.getValue().id()).flavors());
            offerCounts();
            refreshLive();
        });
        devices.addValueChangeListener(e -> refreshLive());
        nodes.addValueChangeListener(e -> {
            devices.setLabel(Ui.t(nodes.getValue() != null && nodes.getValue() > 1 ? "task.ui.devices-per-node"
                    : "task.ui.devices"));
            refreshLive();
        });
        flavor.addValueChangeListener(e -> refreshLive());
        sharedMemory.setLabel(Ui.t("task.ui.shared-memory"));
        sharedMemory.setHelperText(Ui.t("task.ui.shared-memory.help"));
        sharedMemory.setMin(0);
        sharedMemory.setValue(0);
        sharedMemory.setManualValidation(true);
        sharedMemory.setId("task-shm");

        imageType.setLabel(Ui.t("task.ui.image-type"));
        imageType.setItems(PUBLIC, CUSTOM);
        imageType.setItemLabelGenerator(k -> Ui.t("task.ui.image-type." + k));
        imageType.setId("task-image-type");
        imageType.addValueChangeListener(e -> {
            image.setItems(CUSTOM.equals(e.getValue()) ? options.customImages() : options.publicImages());
            image.setHelperText(CUSTOM.equals(e.getValue()) && options.customImages().isEmpty()
                    ? Ui.t("task.ui.image.no-custom") : null);
        });
        imageType.setValue(PUBLIC);
        image.setLabel(Ui.t("task.ui.image"));
        image.setItemLabelGenerator(TaskSettingsForm::imageLabel);
        image.setId("task-image");

        command.setLabel(Ui.t("task.ui.command"));
        command.setRequired(true);
        command.setMaxLength(TaskForm.COMMAND_MAX);
        command.setHelperText(Ui.t("task.ui.command.help"));
        command.setMinHeight("6em");
        command.setId("task-command");
        preemptible.setLabel(Ui.t("task.ui.preemptible"));
        preemptible.setHelperText(Ui.t("task.ui.preemptible.help"));
        preemptible.setId("task-preemptible");
        maxMinutes.setLabel(Ui.t("task.ui.max-minutes"));
        maxMinutes.setHelperText(Ui.t("task.ui.max-minutes.help"));
        maxMinutes.setMin(1);
        maxMinutes.setStepButtonsVisible(true);
        maxMinutes.setManualValidation(true);
        maxMinutes.setId("task-max-minutes");

        offerCounts();
        FormLayout layout = new FormLayout(name, spec, devices, nodes, flavor, sharedMemory, imageType, image,
                command, preemptible, maxMinutes);
        layout.setColspan(name, 2);
        layout.setColspan(command, 2);
        layout.setColspan(preemptible, 2);
        return layout;
    }

    private static String imageLabel(FrameworkImage image) {
        return image.description() == null || image.description().isBlank() ? image.reference()
                : image.reference() + " — " + SeededTexts.shown(image.description());
    }

    /**
     * The spec's counts the project can ever allow; the helper says why larger ones are missing. The nodes a
     * distributed task may ask for are said beside the nodes field.
     */
    private void offerCounts() {
        AcceleratorSpec chosen = spec.getValue();
        if (chosen == null) {
            devices.setItems(List.of());
            devices.setHelperText(null);
            nodes.setHelperText(Ui.t("task.ui.nodes.help"));
            return;
        }
        TaskOptions.SpecChoice choice = choices.get(chosen.id());
        Integer before = devices.getValue();
        devices.setItems(choice.counts());
        int largest = chosen.allowedCounts().stream().mapToInt(Integer::intValue).max().orElse(0);
        devices.setHelperText(choice.most() >= largest ? null
                : Ui.t("task.ui.devices.quota-help", choice.most(), chosen.name()));
        if (before != null && choice.counts().contains(before)) {
            devices.setValue(before);
        } else if (!choice.counts().isEmpty()) {
            devices.setValue(choice.counts().getFirst());
        }
        int mostNodes = options.mostNodes().getOrDefault(chosen.id(), 1);
        nodes.setHelperText(Ui.t("task.ui.nodes.most", mostNodes, chosen.name()));
    }

    // ---- the live panel --------------------------------------------------------------------------------------------

    private Component livePanel() {
        liveQuota.setId("task-live-quota");
        liveBalance.setId("task-live-balance");
        liveCost.setId("task-live-cost");
        liveStart.setId("task-live-start");
        liveApproval.setId("task-live-approval");
        FormLayout figures = new FormLayout();
        figures.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        figures.addFormItem(liveQuota, Ui.t("task.ui.live.quota"));
        figures.addFormItem(liveBalance, Ui.t("task.ui.live.balance"));
        figures.addFormItem(liveCost, Ui.t("task.ui.live.cost"));
        figures.addFormItem(liveStart, Ui.t("task.ui.live.start"));
        figures.addFormItem(liveApproval, Ui.t("task.ui.live.approval"));
        Div panel = new Div(new H3(Ui.t("task.ui.live")), figures);
        panel.setId("task-live-panel");
        panel.addClassNames(LumoUtility.Padding.MEDIUM, LumoUtility.BorderRadius.MEDIUM,
                LumoUtility.Background.CONTRAST_5);
        panel.getStyle().set("flex", "0 1 20em");
        return panel;
    }

    /** Asks the service for the figures of what is chosen now, and shows them. */
    void refreshLive() {
        TaskEstimate estimate;
        try {
            estimate = tasks.estimate(form());
        } catch (UserFacingException cannotTellYet) {
            return;
        }
        String specName = spec.getValue() == null ? "" : spec.getValue().name();
        liveQuota.setText(estimate.quotaLeft() == null ? Ui.t("task.ui.live.choose-spec")
                : Ui.t("task.ui.live.quota-left", estimate.quotaLeft(), specName));
        liveBalance.setText(estimate.balance() == null ? "-" : money(estimate.balance()));
        liveCost.setText(estimate.perHour() == null ? Ui.t("task.ui.live.choose-resources")
                : Ui.t("task.ui.live.per-hour", money(estimate.perHour().hour())));
        BrokerRequests.Preview preview = estimate.preview();
        liveStart.setText(preview == null ? Ui.t("task.ui.live.choose-resources") : switch (preview.outcome()) {
            case STARTS -> Ui.t("task.ui.live.starts-now");
            case WAITS -> Ui.t("task.ui.live.waits", Explanations.sentence(preview.explanation(), specName));
            case REFUSED -> Ui.t("task.ui.live.refused", Explanations.sentence(preview.explanation(), specName));
        });
        liveApproval.setText(Ui.t(estimate.needsApproval() ? "task.ui.live.approval.yes"
                : "task.ui.live.approval.no"));
    }

    private static String money(Money money) {
        return Formats.money(money.amount(), money.currency());
    }

    // ---- the form as the service takes it, and back ------------------------------------------------------------------

    TaskForm form() {
        return new TaskForm(options.project().id(), name.getValue(), id(spec.getValue(), AcceleratorSpec::id),
                devices.getValue(), nodes.getValue(), id(flavor.getValue(), Flavor::id), sharedMemory.getValue(),
                id(image.getValue(), FrameworkImage::id), command.getValue(), preemptible.getValue(),
                maxMinutes.getValue());
    }

    private static <T> Long id(T chosen, Function<T, Long> id) {
        return chosen == null ? null : id.apply(chosen);
    }

    /** Fills every field from saved settings (a template, a task that ran); a choice no longer offered stays empty. */
    void fill(TaskForm settings) {
        name.setValue(Objects.requireNonNullElse(settings.name(), ""));
        options.specs().stream().map(TaskOptions.SpecChoice::spec).filter(s -> s.id() == orZero(settings.specId()))
                .findFirst().ifPresent(spec::setValue);
        if (settings.devices() != null && spec.getValue() != null
                && choices.get(spec.getValue().id()).counts().contains(settings.devices())) {
            devices.setValue(settings.devices());
        }
        nodes.setValue(settings.nodes());
        if (spec.getValue() != null) {
            choices.get(spec.getValue().id()).flavors().stream().filter(f -> f.id() == orZero(settings.flavorId()))
                    .findFirst().ifPresent(flavor::setValue);
        }
        sharedMemory.setValue(settings.sharedMemoryMib() == null ? 0 : settings.sharedMemoryMib());
        boolean custom = options.customImages().stream().anyMatch(i -> i.id() == orZero(settings.imageId()));
        imageType.setValue(custom ? CUSTOM : PUBLIC);
        (custom ? options.customImages() : options.publicImages()).stream()
                .filter(i -> i.id() == orZero(settings.imageId())).findFirst().ifPresent(image::setValue);
        command.setValue(Objects.requireNonNullElse(settings.command(), ""));
        preemptible.setValue(settings.preemptible());
        maxMinutes.setValue(settings.maxRunMinutes());
        refreshLive();
    }

    private static long orZero(Long id) {
        return id == null ? 0 : id;
    }

    /** Checks the form as the service would and shows its problems on their fields. */
    boolean check() {
        clearProblems();
        try {
            tasks.validate(form());
            return true;
        } catch (InvalidInput e) {
            show(e);
            return false;
        }
    }

    void show(UserFacingException refusal) {
        formFields.show(refusal);
    }

    void clearProblems() {
        Ui.clearInvalid(name, spec, devices, nodes, flavor, sharedMemory, image, command, maxMinutes);
    }

    /** Every setting as the summary and a template show it: label, then value, in order. */
    Map<String, String> described() {
        Map<String, String> items = new LinkedHashMap<>();
        TaskForm form = form();
        items.put(Ui.t("task.ui.name"), form.name());
        items.put(Ui.t("task.ui.spec"), spec.getValue() == null ? "-" : spec.getValue().name());
        items.put(Ui.t("task.ui.devices"), form.devices() == null ? "-"
                : form.nodes() > 1 ? Ui.t("task.ui.total.gang", form.nodes(), form.devices(), form.totalDevices())
                : Ui.t("task.ui.total.single", form.devices()));
        items.put(Ui.t("task.ui.flavor"), flavor.getValue() == null ? "-"
                : flavor.getItemLabelGenerator().apply(flavor.getValue()));
        items.put(Ui.t("task.ui.shared-memory"), form.sharedMemoryMib() == null || form.sharedMemoryMib() == 0
                ? Ui.t("task.ui.shared-memory.none") : Ui.t("task.ui.mib", form.sharedMemoryMib()));
        items.put(Ui.t("task.ui.image-type"), Ui.t("task.ui.image-type." + imageType.getValue()));
        items.put(Ui.t("task.ui.image"), image.getValue() == null ? "-" : image.getValue().reference());
        items.put(Ui.t("task.ui.command"), form.command());
        items.put(Ui.t("task.ui.preemptible"), Ui.t(form.preemptible() ? "task.ui.yes" : "task.ui.no"));
        items.put(Ui.t("task.ui.max-minutes"), form.maxRunMinutes() == null ? Ui.t("task.ui.max-minutes.none")
                : Ui.t("task.ui.minutes", form.maxRunMinutes()));
        return items;
    }
}
