package io.gantry.network;

/**
 * One rule row of the whitelist form, as typed: the network, the protocol, and the ports as text (both empty: any
 * port; only "from": that one port).
 */
public record RuleForm(String cidr, Protocol protocol, String portFrom, String portTo) {

    /** The row that shows a saved rule. */
    public static RuleForm of(WhitelistRule rule) {
        return rule.isAnyPort() ? new RuleForm(rule.cidr().toString(), rule.protocol(), "", "")
                : new RuleForm(rule.cidr().toString(), rule.protocol(), Integer.toString(rule.portFrom()),
                rule.portFrom() == rule.portTo() ? "" : Integer.toString(rule.portTo()));
    }
}
