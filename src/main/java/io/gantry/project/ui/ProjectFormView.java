package io.gantry.project.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBoxI18n;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.data.binder.ValueContext;
import com.vaadin.flow.router.Route;
import io.gantry.cluster.AllowedCounts;
import io.gantry.identity.AccountService;
import io.gantry.identity.UserRef;
import io.gantry.project.ProjectForm;
import io.gantry.project.ProjectLimits;
import io.gantry.project.ProjectOverview;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.QuotaHeadroom;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Creates or edits a project (Apulis 3.10.1 "Create Virtual Cluster"): name, dates, limits, and a quota per detected
 * spec beside what is still free to grant. Platform admins only.
 */
@Route("admin/projects/edit")
@RolesAllowed(Permission.Names.PROJECTS_MANAGE)
@MenuItem(group = MenuGroup.ADMINISTRATION, title = "project.create", icon = "vaadin:folder-add", order = 20)
public class ProjectFormView extends VerticalLayout implements HasUrlParameter<Long> {

    private final ProjectService projects;
    private final AccountService accounts;
    private final Clock clock;
    private final TextField name = new TextField();
    private final TextArea description = new TextArea();
    private final DatePicker startDate = new DatePicker();
    private final DatePicker endDate = new DatePicker();
    private final IntegerField maxUsers = integer("project.max-users", "maxUsers");
    private final IntegerField maxJobHours = integer("project.max-job-hours", "maxJobHours");
    private final IntegerField containerMaxHours = integer("project.container-max-hours", "containerMaxHours");
    private final IntegerField idleReclaimHours = integer("project.idle-reclaim-hours", "idleReclaimHours");
    private final IntegerField approvalThreshold = integer("project.approval-threshold", "approvalThreshold");

    private final Checkbox membersSeeAll = new Checkbox();
    private final MultiSelectComboBox<UserRef> managers = new MultiSelectComboBox<>();
    private final Map<Long, IntegerField> quotaFields = new HashMap<>();
    private final Map<Long, IntegerField> perUserFields = new HashMap<>();
    private final FormFields formFields = new FormFields().with("name", name).with("description", description)
            .with("startDate", startDate).with("endDate", endDate).with("maxUsers", maxUsers)
            .with("maxJobHours", maxJobHours).with("containerMaxHours", containerMaxHours)
            .with("idleReclaimHours", idleReclaimHours).with("approvalThreshold", approvalThreshold)
            .with("managers", managers).withEach(() -> {
                Map<String, HasValidation> fields = new HashMap<>();
                quotaFields.forEach((specId, field) -> fields.put("quota." + specId, field));
                perUserFields.forEach((specId, field) -> fields.put("perUser." + specId, field));
                return fields;
            });
    private Long projectId;

    public ProjectFormView(ProjectService projects, AccountService accounts, Clock clock) {
        this.projects = projects;
        this.accounts = accounts;
        this.clock = clock;
        addClassName("gantry-page");
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter Long id) {
        projectId = id;
        removeAll();
        quotaFields.clear();
        perUserFields.clear();
        add(new H2(getTranslation(id == null ? "project.create" : "project.settings")));

        name.setLabel(getTranslation("project.name"));
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(ProjectService.NAME_MAX);
        name.setId("name");
        description.setLabel(getTranslation("project.description"));
        description.setMaxLength(ProjectService.DESCRIPTION_MAX);
        bound(maxUsers, ProjectLimits.MAX_USERS);
        bound(maxJobHours, ProjectLimits.MAX_HOURS);
        bound(containerMaxHours, ProjectLimits.MAX_HOURS);
        bound(idleReclaimHours, ProjectLimits.MAX_IDLE_RECLAIM_HOURS);
        description.setId("description");
        startDate.setLabel(getTranslation("project.start-date"));
        startDate.setRequiredIndicatorVisible(true);
        startDate.setId("start-date");
        endDate.setLabel(getTranslation("project.end-date"));
        endDate.setRequiredIndicatorVisible(true);
        endDate.setId("end-date");
        managers.setLabel(getTranslation("project.managers"));
        managers.setHelperText(getTranslation("project.managers.help"));
        managers.setRequired(true);
        managers.setRequiredIndicatorVisible(true);
        managers.setItems(q -> accounts.lookup(q.getFilter().orElse(""), q.getOffset(), q.getLimit()).stream());
        managers.setItemLabelGenerator(UserRef::label);
        managers.setI18n(new MultiSelectComboBoxI18n()
                .setRequiredErrorMessage(getTranslation("project.managers.required")));
        managers.setId("managers");
        // Managers are chosen once, at creation; afterwards they appoint each other on the project's page.
        managers.setVisible(id == null);
        membersSeeAll.setLabel(getTranslation("project.members-see-all"));
        membersSeeAll.setId("members-see-all");
        approvalThreshold.setHelperText(getTranslation("project.approval-threshold.help"));
        maxJobHours.setHelperText(getTranslation("project.empty-is-no-limit"));

        Map<Long, Quota> current = new HashMap<>();
        if (id != null) {
            ProjectOverview overview = projects.overview(id);
            var p = overview.project();
            name.setValue(p.name());
            description.setValue(p.description() == null ? "" : p.description());
            startDate.setValue(p.startDate());
            endDate.setValue(p.endDate());
            maxUsers.setValue(p.limits().maxUsers());
            maxJobHours.setValue(p.limits().maxJobHours());
            containerMaxHours.setValue(p.limits().containerMaxHours());
            idleReclaimHours.setValue(p.limits().idleReclaimHours());
            approvalThreshold.setValue(p.limits().approvalThreshold());
            membersSeeAll.setValue(p.limits().membersSeeAll());
            projects.quotas(id).forEach(q -> current.put(q.specId(), q));
        } else {
            LocalDate today = LocalDate.now(clock);
            startDate.setValue(today);
            endDate.setValue(today.plusMonths(3));
        }
        FormLayout form = new FormLayout(name, description, managers, startDate, endDate, maxUsers, maxJobHours,
                containerMaxHours, idleReclaimHours, approvalThreshold, membersSeeAll);
        form.setMaxWidth("60em");
        add(form, new H3(getTranslation("project.quota")));

        for (QuotaHeadroom room : projects.headroom(id)) {
            IntegerField devices = integer("quota.devices", "quota-" + room.specName());
            devices.setValue(current.containsKey(room.specId()) ? current.get(room.specId()).devices() : 0);
            devices.setHelperText(getTranslation("quota.headroom", room.freeToGrant(), room.capacity()));
            IntegerField perUser = integer("quota.per-user", "per-user-" + room.specName());
            perUser.setValue(current.containsKey(room.specId()) ? current.get(room.specId()).maxPerUser() : null);
            perUser.setHelperText(getTranslation("quota.per-user.help", AllowedCounts.format(room.allowedCounts())));
            quotaFields.put(room.specId(), devices);
            perUserFields.put(room.specId(), perUser);
            Span spec = new Span(room.specName());
            spec.setWidth("14em");
            HorizontalLayout line = new HorizontalLayout(spec, devices, perUser);
            line.setAlignItems(Alignment.BASELINE);
            add(line);
        }

        Button save = new Button(getTranslation("action.save"), e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-project");
        Button cancel = new Button(getTranslation("action.cancel"), e -> getUI().ifPresent(ui ->
                ui.navigate(ProjectsView.class)));
        add(new HorizontalLayout(cancel, save));
    }

    private void save() {
        List<HasValidation> all = new ArrayList<>(List.<HasValidation>of(name, description, managers, startDate,
                endDate, maxUsers, maxJobHours, containerMaxHours, idleReclaimHours, approvalThreshold));
        all.addAll(quotaFields.values());
        all.addAll(perUserFields.values());
        all.forEach(f -> f.setInvalid(false));
        // A number field holds no value while its text is not a whole number: refuse rather than read it as empty.
        boolean badInput = false;
        for (HasValidation field : all) {
            var result = field instanceof IntegerField number
                    ? number.getDefaultValidator().apply(number.getValue(), new ValueContext(number)) : null;
            if (result != null && result.isError()) {
                field.setErrorMessage(result.getErrorMessage());
                field.setInvalid(true);
                badInput = true;
            }
        }
        if (badInput) {
            return;
        }
        List<Quota> quotas = new ArrayList<>();
        quotaFields.forEach((specId, field) -> quotas.add(new Quota(specId,
                field.getValue() == null ? 0 : field.getValue(), perUserFields.get(specId).getValue())));
        ProjectForm form = new ProjectForm(name.getValue(), description.getValue(), startDate.getValue(),
                endDate.getValue(), new ProjectLimits(maxUsers.getValue(), maxJobHours.getValue(),
                containerMaxHours.getValue(), idleReclaimHours.getValue(), approvalThreshold.getValue(),
                membersSeeAll.getValue()), quotas);
        try {
            long id;
            if (projectId == null) {
                id = projects.create(form, managers.getValue().stream().map(UserRef::id)
                        .collect(Collectors.toSet()));
            } else {
                projects.update(projectId, form);
                id = projectId;
            }
            Ui.success("common.saved");
            getUI().ifPresent(ui -> ui.navigate(ProjectDetailView.class, id));
        } catch (UserFacingException problems) {
            formFields.show(problems);
        }
    }

    /** The bounds the service keeps, checked in the browser first and said in the service's words. */
    private void bound(IntegerField field, int max) {
        field.setMin(1);
        field.setMax(max);
        field.setI18n(field.getI18n().setMinErrorMessage(getTranslation("field.limit-range", max))
                .setMaxErrorMessage(getTranslation("field.limit-range", max)));
    }

    private IntegerField integer(String labelKey, String id) {
        IntegerField field = new IntegerField(getTranslation(labelKey));
        field.setId(id);
        field.setI18n(new IntegerField.IntegerFieldI18n().setBadInputErrorMessage(getTranslation("field.integer")));
        return field;
    }
}
