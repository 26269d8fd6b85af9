package org.caseexchange.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The jar's command line: help and the version are answered, settings alone start the gateway. */
class GatewayCommandTest {

    record Ran(int exit, String out, String err) {}

    static Ran run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = GatewayCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Ran(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsTheOperatorsCommandsAndStartsNothing() {
        assertThat(GatewayCommand.startsTheGateway(new String[] {"--help"})).isFalse();

        Ran help = run("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out())
                .contains("Usage: case-exchange-gateway")
                .contains("run")
                .contains("accounts")
                .contains("verify-export")
                .contains("move-from-h2")
                .contains("Exit codes");
    }

    @Test
    void theVersionIsTheBuildsAndNamesItsCommit() {
        Ran version = run("--version");

        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("case-exchange-gateway ").contains("built ");
    }

    @Test
    void eachCommandAnswersItsOwnHelp() {
        assertThat(run("verify-export", "--help").out())
                .contains("--audit-certificate")
                .contains("--witness");
        assertThat(run("accounts", "--help").out()).contains("add").contains("list");
        assertThat(run("move-from-h2", "--help").out()).contains("H2");
    }

    @Test
    void anUnknownCommandIsRefusedWithTheUsage() {
        Ran unknown = run("start-please");

        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("start-please").contains("Usage:");
    }

    @Test
    void noArgumentsOrSettingsAloneStartTheGateway() {
        assertThat(GatewayCommand.startsTheGateway(new String[] {})).isTrue();
        assertThat(GatewayCommand.startsTheGateway(new String[] {"--gateway.data-dir=/srv/gateway"}))
                .isTrue();
        assertThat(GatewayCommand.startsTheGateway(new String[] {"--version"})).isFalse();
        assertThat(GatewayCommand.startsTheGateway(new String[] {"accounts", "list"}))
                .isFalse();
    }
}
