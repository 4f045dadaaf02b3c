package io.gantry.network.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.network.Protocol;
import io.gantry.network.RuleForm;
import io.gantry.network.WhitelistDetails;
import io.gantry.network.WhitelistForm;
import io.gantry.network.WhitelistFormParser;
import io.gantry.network.WhitelistService;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Ui;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates (whitelist null) or edits a whitelist (AI-Stack 七.2): a name, a description and rule rows, added with
 * 〔新增規則〕 and removed one by one. Each problem shows on its row's field.
 */
class WhitelistEditor extends Dialog {

    private final WhitelistService whitelists;
    private final WhitelistDetails whitelist;
    private final Runnable saved;
    private final TextField name = new TextField(Ui.t("network.whitelists.name"));
    private final TextArea description = new TextArea(Ui.t("network.whitelists.description"));
    private final VerticalLayout rows = new VerticalLayout();
    private final List<RuleRow> ruleRows = new ArrayList<>();
    private final FormFields formFields = new FormFields().with(WhitelistFormParser.NAME, name)
            .with(WhitelistFormParser.DESCRIPTION, description).withEach(() -> {
                Map<String, HasValidation> fields = new HashMap<>();
                for (int i = 0; i < ruleRows.size(); i++) {
                    fields.putAll(ruleRows.get(i).fields(i));
                }
                return fields;
            });

    WhitelistEditor(WhitelistService whitelists, WhitelistDetails whitelist, Runnable saved) {
        this.whitelists = whitelists;
        this.whitelist = whitelist;
        this.saved = saved;
        setHeaderTitle(whitelist == null ? Ui.t("network.whitelists.create")
                : Ui.t("network.whitelists.edit-title", whitelist.name()));
        setWidth("52em");
        setId("whitelist-editor");

        name.setId("whitelistName");
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(WhitelistFormParser.NAME_MAX);
        description.setId("whitelistDescription");
        description.setMaxLength(WhitelistFormParser.DESCRIPTION_MAX);
        FormLayout form = new FormLayout(name, description);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));

        rows.setPadding(false);
        rows.setSpacing(false);
        rows.setId("rule-rows");
        Button addRule = new Button(Ui.t("network.rules.add"), VaadinIcon.PLUS.create(),
                e -> addRow(new RuleForm("", Protocol.TCP, "", "")));
        addRule.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        addRule.setId("add-rule");
        add(form, new H4(Ui.t("network.whitelists.rules")), rows, addRule);

        if (whitelist == null) {
            addRow(new RuleForm("", Protocol.TCP, "", ""));
        } else {
            WhitelistForm current = whitelist.toForm();
            name.setValue(current.name());
            description.setValue(current.description() == null ? "" : current.description());
            current.rules().forEach(this::addRow);
        }

        Button save = new Button(whitelist == null ? Ui.t("network.whitelists.submit") : Ui.t("action.save"),
                e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("whitelist-save");
        getFooter().add(new Button(Ui.t("action.cancel"), e -> close()), save);
    }

    private void addRow(RuleForm rule) {
        RuleRow row = new RuleRow(rule, this::removeRow);
        ruleRows.add(row);
        rows.add(row);
        renumber();
    }

    private void removeRow(RuleRow row) {
        ruleRows.remove(row);
        rows.remove(row);
        renumber();
    }

    private void renumber() {
        for (int i = 0; i < ruleRows.size(); i++) {
            ruleRows.get(i).number(i);
        }
    }

    private void save() {
        Ui.clearInvalid(name, description);
        ruleRows.forEach(RuleRow::clearInvalid);
        WhitelistForm form = new WhitelistForm(name.getValue(), description.getValue(),
                ruleRows.stream().map(RuleRow::value).toList());
        try {
            if (whitelist == null) {
                whitelists.create(form);
                Ui.success("common.created-named", name.getValue().strip());
            } else {
                whitelists.update(whitelist.id(), form);
                Ui.success("common.saved");
            }
            close();
            saved.run();
        } catch (UserFacingException problems) {
            formFields.show(problems);
        }
    }
}
