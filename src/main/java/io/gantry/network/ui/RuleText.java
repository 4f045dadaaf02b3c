package io.gantry.network.ui;

import io.gantry.network.WhitelistRule;
import io.gantry.shared.ui.Ui;

/** How a rule reads on screen: "10.0.0.0/8 · TCP · 22". */
final class RuleText {

    private RuleText() {
    }

    static String protocol(WhitelistRule rule) {
        return Ui.t("network.protocol." + rule.protocol().name());
    }

    static String ports(WhitelistRule rule) {
        if (rule.isAnyPort()) {
            return Ui.t("network.rules.any-port");
        }
        return rule.portFrom() == rule.portTo() ? Integer.toString(rule.portFrom())
                : rule.portFrom() + "-" + rule.portTo();
    }

    static String of(WhitelistRule rule) {
        return rule.cidr() + " · " + protocol(rule) + " · " + ports(rule);
    }
}
