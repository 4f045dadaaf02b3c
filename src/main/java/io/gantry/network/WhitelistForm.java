package io.gantry.network;

import java.util.List;

/** A whitelist as entered: a name for oneself, an optional description, and the rule rows in order. */
public record WhitelistForm(String name, String description, List<RuleForm> rules) {

    public WhitelistForm {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
