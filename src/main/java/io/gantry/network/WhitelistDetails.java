package io.gantry.network;

import java.time.Instant;
import java.util.List;

/** A user's saved whitelist: its rules in order, and what the form shows. */
public record WhitelistDetails(long id, String name, String description, List<WhitelistRule> rules,
                               Instant createdAt) {

    public WhitelistDetails {
        rules = List.copyOf(rules);
    }

    public Whitelist toWhitelist() {
        return new Whitelist(name, rules);
    }

    public WhitelistForm toForm() {
        return new WhitelistForm(name, description, rules.stream().map(RuleForm::of).toList());
    }
}
