package io.gantry.network;

import static io.gantry.network.WhitelistFormParser.ruleField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class WhitelistTest {

    static InetAddress address(String literal) throws UnknownHostException {
        return CidrTest.address(literal);
    }

    static RuleForm row(String cidr, Protocol protocol, String from, String to) {
        return new RuleForm(cidr, protocol, from, to);
    }

    @Nested
    class Rules {

        @ParameterizedTest(name = "{0} from {1}")
        @CsvSource({"1, 1, true", "65535, 65535, true", "1, 65535, true", "22, 21, false", "0, 1, false",
                "0, 0, false", "1, 65536, false", "-1, 5, false"})
        void acceptPortsFrom1To65535InOrder(int from, int to, boolean accepted) {
            Cidr cidr = Cidr.parse("10.0.0.0/8");
            if (accepted) {
                assertThat(new WhitelistRule(cidr, Protocol.TCP, from, to).portTo()).isEqualTo(to);
            } else {
                assertThatThrownBy(() -> new WhitelistRule(cidr, Protocol.TCP, from, to))
                        .isInstanceOf(InputRefused.class);
            }
        }

        @ParameterizedTest(name = "{0} {1}:{2} -> {3}")
        @CsvSource({
                "10.1.2.3, TCP, 22, true",
                "10.1.2.3, UDP, 22, false",
                "10.1.2.3, TCP, 23, false",
                "10.1.2.3, TCP, 8080, true",
                "10.1.2.3, TCP, 8090, true",
                "10.1.2.3, TCP, 8091, false",
                "192.168.7.7, UDP, 53, true",
                "192.168.7.7, TCP, 53, true",
                "192.168.7.7, TCP, 1, true",
                "192.168.8.1, TCP, 53, false",
                "2001:db8::5, UDP, 4500, true",
                "2001:db8::5, TCP, 4500, false",
                "::ffff:10.9.9.9, TCP, 22, true",
                "203.0.113.1, TCP, 22, false"})
        void letAConnectionThroughIfAnyRuleAllowsIt(String source, Protocol protocol, int port, boolean allowed)
                throws UnknownHostException {
            Whitelist whitelist = new Whitelist("office", List.of(
                    new WhitelistRule(Cidr.parse("10.0.0.0/8"), Protocol.TCP, 22, 22),
                    new WhitelistRule(Cidr.parse("10.0.0.0/8"), Protocol.TCP, 8080, 8090),
                    WhitelistRule.anyPort(Cidr.parse("192.168.7.0/24"), Protocol.ANY),
                    new WhitelistRule(Cidr.parse("2001:db8::/32"), Protocol.UDP, 500, 4500)));

            assertThat(whitelist.allows(address(source), protocol, port)).isEqualTo(allowed);
        }

        @Test
        void areNeverEmpty() {
            assertThatThrownBy(() -> new Whitelist("none", List.of())).isInstanceOfSatisfying(InputRefused.class,
                    e -> assertThat(e.messageKey()).isEqualTo("network.whitelist.no-rules"));
        }
    }

    @Nested
    class Form {

        @Test
        void readsRowsIntoRulesInOrder() {
            var outcome = WhitelistFormParser.parse(new WhitelistForm(" office ", "  ", List.of(
                    row("10.0.0.0/8", Protocol.TCP, "22", ""),
                    row(" 2001:db8::/32 ", Protocol.UDP, "", ""),
                    row("192.168.1.7", Protocol.ANY, " 8000 ", "8100"))));

            assertThat(outcome).isInstanceOfSatisfying(WhitelistFormParser.Parsed.class, parsed -> {
                assertThat(parsed.whitelist().name()).isEqualTo("office");
                assertThat(parsed.description()).isNull();
                assertThat(parsed.whitelist().rules()).extracting(r -> r.cidr().toString(), WhitelistRule::protocol,
                                WhitelistRule::portFrom, WhitelistRule::portTo)
                        .containsExactly(tuple("10.0.0.0/8", Protocol.TCP, 22, 22),
                                tuple("2001:db8::/32", Protocol.UDP, 1, 65535),
                                tuple("192.168.1.7/32", Protocol.ANY, 8000, 8100));
                assertThat(parsed.whitelist().rules().stream().map(RuleForm::of))
                        .containsExactly(row("10.0.0.0/8", Protocol.TCP, "22", ""),
                                row("2001:db8::/32", Protocol.UDP, "", ""),
                                row("192.168.1.7/32", Protocol.ANY, "8000", "8100"));
            });
        }

        static Stream<Arguments> brokenRows() {
            return Stream.of(
                    Arguments.of(row("", Protocol.TCP, "", ""), RowField.CIDR, "field.required", List.of()),
                    Arguments.of(row("office-pc", Protocol.TCP, "", ""), RowField.CIDR, "network.cidr.malformed",
                            List.of()),
                    Arguments.of(row("10.0.0.1/33", Protocol.TCP, "", ""), RowField.CIDR, "network.cidr.prefix-range",
                            List.of(32)),
                    Arguments.of(row("10.0.0.1/8", Protocol.TCP, "", ""), RowField.CIDR, "network.cidr.host-bits",
                            List.of("10.0.0.0/8")),
                    Arguments.of(row("10.0.0.0/8", null, "", ""), RowField.PROTOCOL, "field.required", List.of()),
                    Arguments.of(row("10.0.0.0/8", Protocol.TCP, "0", ""), RowField.PORT_FROM,
                            "network.rule.port-number", List.of("1", "65535")),
                    Arguments.of(row("10.0.0.0/8", Protocol.TCP, "ssh", ""), RowField.PORT_FROM,
                            "network.rule.port-number", List.of("1", "65535")),
                    Arguments.of(row("10.0.0.0/8", Protocol.TCP, "22", "70000"), RowField.PORT_TO,
                            "network.rule.port-number", List.of("1", "65535")),
                    Arguments.of(row("10.0.0.0/8", Protocol.TCP, "2.5", ""), RowField.PORT_FROM,
                            "network.rule.port-number", List.of("1", "65535")),
                    Arguments.of(row("10.0.0.0/8", Protocol.TCP, "", "22"), RowField.PORT_FROM, "field.required",
                            List.of()),
                    Arguments.of(row("10.0.0.0/8", Protocol.TCP, "23", "22"), RowField.PORT_TO,
                            "network.rule.port-order", List.of()));
        }

        enum RowField {
            CIDR("cidr"), PROTOCOL("protocol"), PORT_FROM("portFrom"), PORT_TO("portTo");

            final String name;

            RowField(String name) {
                this.name = name;
            }
        }

        @ParameterizedTest(name = "{0} -> {2}")
        @MethodSource("brokenRows")
        void namesTheRowAndFieldOfEachProblem(RuleForm broken, RowField field, String key, List<Object> arguments) {
            var outcome = WhitelistFormParser.parse(new WhitelistForm("office", null, List.of(
                    row("10.0.0.0/8", Protocol.TCP, "22", ""), broken)));

            assertThat(outcome).isInstanceOfSatisfying(WhitelistFormParser.Refused.class, refused ->
                    assertThat(refused.problems()).containsExactly(
                            new WhitelistFormParser.Problem(ruleField(1, field.name), key, arguments)));
        }

        @Test
        void reportsEveryProblemOfEveryRowAtOnce() {
            var outcome = WhitelistFormParser.parse(new WhitelistForm("", "d".repeat(256), List.of(
                    row("10.0.0.1/8", null, "x", ""), row("10.0.0.0/8", Protocol.UDP, "", ""),
                    row("", Protocol.TCP, "9", "8"))));

            assertThat(outcome).isInstanceOfSatisfying(WhitelistFormParser.Refused.class, refused ->
                    assertThat(refused.problems()).extracting(WhitelistFormParser.Problem::field).containsExactly(
                            "name", "description", "rules[0].cidr", "rules[0].protocol", "rules[0].portFrom",
                            "rules[2].cidr"));
        }

        @Test
        void refusesAFormWithoutRulesOrWithTooMany() {
            assertThat(WhitelistFormParser.parse(new WhitelistForm("office", null, List.of())))
                    .isEqualTo(new WhitelistFormParser.Refused(List.of(
                            new WhitelistFormParser.Problem("rules", "network.whitelist.no-rules", List.of()))));
            List<RuleForm> many = Collections.nCopies(WhitelistFormParser.MAX_RULES + 1,
                    row("10.0.0.0/8", Protocol.TCP, "", ""));
            assertThat(WhitelistFormParser.parse(new WhitelistForm("office", null, many)))
                    .isEqualTo(new WhitelistFormParser.Refused(List.of(new WhitelistFormParser.Problem("rules",
                            "network.whitelist.too-many-rules", List.of(WhitelistFormParser.MAX_RULES)))));
        }

        @Test
        void refusesAnOverlongName() {
            assertThat(WhitelistFormParser.parse(new WhitelistForm("n".repeat(65), null,
                    List.of(row("10.0.0.0/8", Protocol.TCP, "", "")))))
                    .isEqualTo(new WhitelistFormParser.Refused(List.of(
                            new WhitelistFormParser.Problem("name", "field.too-long", List.of(64)))));
        }
    }
}
