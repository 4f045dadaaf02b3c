package io.gantry.network;

import io.gantry.shared.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a whitelist form into a {@link Whitelist}, or into every problem at once: one per broken field, rule rows
 * named {@code rules[<row>].<field>} so that a screen can show each on its row's field.
 */
public final class WhitelistFormParser {

    public static final int NAME_MAX = 64;
    public static final int DESCRIPTION_MAX = 255;
    public static final int MAX_RULES = 100;
    public static final String NAME = "name";
    public static final String DESCRIPTION = "description";
    public static final String RULES = "rules";
    public static final String CIDR = "cidr";
    public static final String PROTOCOL = "protocol";
    public static final String PORT_FROM = "portFrom";
    public static final String PORT_TO = "portTo";

    private WhitelistFormParser() {
    }

    /** A broken rule: the field, an i18n key and its arguments. */
    public record Problem(String field, String messageKey, List<Object> arguments) {

        Problem(String field, String messageKey, Object... arguments) {
            this(field, messageKey, List.of(arguments));
        }
    }

    public sealed interface Outcome permits Parsed, Refused {
    }

    public record Parsed(Whitelist whitelist, String description) implements Outcome {
    }

    public record Refused(List<Problem> problems) implements Outcome {
        public Refused {
            problems = List.copyOf(problems);
        }
    }

    /** The field name of one rule row's field, e.g. {@code rules[2].cidr}. */
    public static String ruleField(int row, String field) {
        return RULES + "[" + row + "]." + field;
    }

    public static Outcome parse(WhitelistForm form) {
        List<Problem> problems = new ArrayList<>();
        String name = form.name() == null ? "" : form.name().strip();
        Names.problem(name).ifPresent(key -> problems.add(new Problem(NAME, key)));
        if (name.isEmpty()) {
            problems.add(new Problem(NAME, "field.required"));
        } else if (name.length() > NAME_MAX) {
            problems.add(new Problem(NAME, "field.too-long", NAME_MAX));
        }
        String description = form.description() == null || form.description().isBlank() ? null
                : form.description().strip();
        if (description != null && description.length() > DESCRIPTION_MAX) {
            problems.add(new Problem(DESCRIPTION, "field.too-long", DESCRIPTION_MAX));
        }
        if (form.rules().isEmpty()) {
            problems.add(new Problem(RULES, "network.whitelist.no-rules"));
        } else if (form.rules().size() > MAX_RULES) {
            problems.add(new Problem(RULES, "network.whitelist.too-many-rules", MAX_RULES));
        }
        List<WhitelistRule> rules = new ArrayList<>();
        for (int row = 0; row < form.rules().size(); row++) {
            parseRule(row, form.rules().get(row), problems, rules);
        }
        return problems.isEmpty() ? new Parsed(new Whitelist(name, rules), description) : new Refused(problems);
    }

    private static void parseRule(int row, RuleForm form, List<Problem> problems, List<WhitelistRule> rules) {
        int before = problems.size();
        Cidr cidr = null;
        try {
            cidr = Cidr.parse(form.cidr());
        } catch (InputRefused refused) {
            problems.add(new Problem(ruleField(row, CIDR), refused.messageKey(), refused.arguments()));
        }
        if (form.protocol() == null) {
            problems.add(new Problem(ruleField(row, PROTOCOL), "field.required"));
        }
        Integer from = port(row, PORT_FROM, form.portFrom(), problems);
        Integer to = port(row, PORT_TO, form.portTo(), problems);
        if (problems.size() > before) {
            return;
        }
        if (from == null && to != null) {
            problems.add(new Problem(ruleField(row, PORT_FROM), "field.required"));
        } else if (from != null && to != null && from > to) {
            problems.add(new Problem(ruleField(row, PORT_TO), "network.rule.port-order"));
        } else if (from == null) {
            rules.add(WhitelistRule.anyPort(cidr, form.protocol()));
        } else {
            rules.add(new WhitelistRule(cidr, form.protocol(), from, to == null ? from : to));
        }
    }

    /** An empty field is null; anything but a whole number from 1 to 65535 is a problem. */
    private static Integer port(int row, String field, String text, List<Problem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        int port = value.matches("[0-9]{1,5}") ? Integer.parseInt(value) : -1;
        if (port < WhitelistRule.MIN_PORT || port > WhitelistRule.MAX_PORT) {
            problems.add(new Problem(ruleField(row, field), "network.rule.port-number",
                    WhitelistRule.PORT_RANGE_ARGUMENTS));
            return null;
        }
        return port;
    }
}
