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
                .contains("queues")
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
    void checkConfigPassesTheShippedConfigurationWithoutStartingAnything() {
        Ran checked = run("check-config", "--gateway.data-dir=target/scratch/check-config-no-data");

        assertThat(checked.exit()).as(checked.err()).isZero();
        assertThat(checked.out())
                .contains("configuration checks out: agency CAN-IRCC, 1 partner(s), rule set")
                .contains("annex(es)");
        assertThat(java.nio.file.Path.of("target/scratch/check-config-no-data/db"))
                .as("no database was started")
                .doesNotExist();
        assertThat(java.nio.file.Path.of("target/scratch/check-config-no-data/broker"))
                .as("no broker was started")
                .doesNotExist();
    }

    /** The shipped defaults alone, without the test suite's config/application.yml. */
    static final String SHIPPED_DEFAULTS_ONLY = "--spring.config.location=classpath:/application.yml";

    @Test
    void theShippedDefaultsNameNoKeyAndRefuseToStartUntilTheAgencysAreGiven() {
        Ran bare = run("check-config", SHIPPED_DEFAULTS_ONLY, "--gateway.data-dir=target/scratch/check-config-bare");

        assertThat(bare.exit()).as(bare.out()).isEqualTo(1);
        assertThat(bare.err())
                .contains("configuration does not check out")
                .contains("gateway.identity.agency-code")
                .contains("gateway.identity.keystore")
                .contains("gateway.partners")
                .doesNotContain("certs-example");

        Ran example = run(
                "check-config",
                SHIPPED_DEFAULTS_ONLY,
                "--spring.profiles.active=example",
                "--gateway.data-dir=target/scratch/check-config-example");
        assertThat(example.exit()).as(example.err()).isZero();
        assertThat(example.out()).contains("agency CAN-IRCC, 1 partner(s)");

        Ran demo = run(
                "check-config",
                SHIPPED_DEFAULTS_ONLY,
                "--spring.profiles.active=demo",
                "--gateway.data-dir=target/scratch/check-config-demo");
        assertThat(demo.exit())
                .as("the README's demo brings the example profile with it")
                .isZero();
    }

    @Test
    void checkConfigNamesTheSettingAtFault() {
        Ran missing = run("check-config", "--gateway.identity.keystore=certs-example/no-such-keystore.p12");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("configuration does not check out").contains("gateway.identity.keystore");

        Ran unknown = run("check-config", "--gateway.broker.max-conections=10");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("gateway.broker.max-conections");

        Ran relative = run("check-config", "--gateway.rules.annex-folder=annexes");
        assertThat(relative.exit())
                .as("a relative folder is the working directory's, not the shipped annexes on the class path")
                .isEqualTo(1);
        assertThat(relative.err()).contains("annexes").contains("the annex folder does not exist");

        Ran unassessed = run("check-config", "--gateway.rules.partner-risk.USA-USCIS=");
        assertThat(unassessed.exit()).isEqualTo(1);
        assertThat(unassessed.err()).contains("gateway.rules.partner-risk");
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
