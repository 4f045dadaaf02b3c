package io.gantry.network.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.network.Cidr;
import io.gantry.network.Protocol;
import io.gantry.network.RuleForm;
import io.gantry.network.WhitelistFormParser;
import io.gantry.shared.ui.Ui;
import java.util.Map;
import java.util.function.Consumer;

/** One rule of the whitelist editor: network, protocol, ports, and a button to remove the row. */
class RuleRow extends HorizontalLayout {

    private final TextField cidr = new TextField(Ui.t("network.rules.cidr"));
    private final Select<Protocol> protocol = new Select<>();
    private final TextField portFrom = new TextField(Ui.t("network.rules.port-from"));
    private final TextField portTo = new TextField(Ui.t("network.rules.port-to"));
    private final Button remove = new Button(VaadinIcon.TRASH.create());

    RuleRow(RuleForm rule, Consumer<RuleRow> onRemove) {
        cidr.setPlaceholder("10.0.0.0/8");
        cidr.setRequiredIndicatorVisible(true);
        cidr.setWidth("14em");
        protocol.setLabel(Ui.t("network.rules.protocol"));
        protocol.setItems(Protocol.values());
        protocol.setItemLabelGenerator(p -> Ui.t("network.protocol." + p.name()));
        protocol.setWidth("8em");
        portFrom.setPlaceholder(Ui.t("network.rules.any-port"));
        portFrom.setWidth("7em");
        portTo.setWidth("7em");
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        remove.setAriaLabel(Ui.t("network.rules.remove"));
        remove.addClickListener(e -> onRemove.accept(this));

        cidr.setValue(rule.cidr() == null ? "" : rule.cidr());
        protocol.setValue(rule.protocol());
        portFrom.setValue(rule.portFrom() == null ? "" : rule.portFrom());
        portTo.setValue(rule.portTo() == null ? "" : rule.portTo());

        add(cidr, protocol, portFrom, portTo, remove);
        setAlignItems(FlexComponent.Alignment.BASELINE);
        setWrap(true);
    }

    /** Ids follow the row's place, so that they stay "rule-0-cidr", "rule-1-cidr"... after a row is removed. */
    void number(int row) {
        setId("rule-" + row);
        cidr.setId("rule-" + row + "-cidr");
        cidr.setMaxLength(Cidr.MAX_LENGTH);
        protocol.setId("rule-" + row + "-protocol");
        portFrom.setId("rule-" + row + "-portFrom");
        portTo.setId("rule-" + row + "-portTo");
        // a port has at most five digits (65535)
        portFrom.setMaxLength(5);
        portTo.setMaxLength(5);
        remove.setId("rule-" + row + "-remove");
    }

    RuleForm value() {
        return new RuleForm(cidr.getValue(), protocol.getValue(), portFrom.getValue(), portTo.getValue());
    }

    /** The row's fields by the names the service gives problems on this row. */
    Map<String, HasValidation> fields(int row) {
        return Map.of(WhitelistFormParser.ruleField(row, WhitelistFormParser.CIDR), cidr,
                WhitelistFormParser.ruleField(row, WhitelistFormParser.PROTOCOL), protocol,
                WhitelistFormParser.ruleField(row, WhitelistFormParser.PORT_FROM), portFrom,
                WhitelistFormParser.ruleField(row, WhitelistFormParser.PORT_TO), portTo);
    }

    void clearInvalid() {
        Ui.clearInvalid(cidr, protocol, portFrom, portTo);
    }
}
