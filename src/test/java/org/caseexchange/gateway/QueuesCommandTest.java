package org.caseexchange.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import org.apache.activemq.broker.BrokerService;
import org.apache.camel.CamelContext;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.web.account.Accounts;
import org.caseexchange.gateway.web.account.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine;

/**
 * An operator lists and purges the embedded broker's queues from the command line, through the running
 * gateway's console API: the queue's depth as the console shows it, each message purged an audit entry
 * in the operator's name; a wrong password or an account without OPERATOR is refused with a reason and
 * exit code 1, and nothing is purged.
 */
class QueuesCommandTest extends EmbeddedGatewayTest {

    static final String PASSWORD = "queues command password long enough";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    BrokerService broker;

    @Autowired
    ProtocolCodec codec;

    @Autowired
    CamelContext camel;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path folder;

    record Ran(int exit, String out, String err) {}

    Ran queues(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new QueuesCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Ran(exit, out.toString(), err.toString());
    }

    Path passwordFile(String password) throws Exception {
        Path file = Files.createTempFile(folder, "password", ".txt");
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void anOperatorListsAQueuesDepthAndPurgesItEachMessageInTheLog() throws Exception {
        accounts.put("cli-otto", EnumSet.of(Role.OPERATOR), PASSWORD.toCharArray(), Instant.now());
        accounts.put("cli-olga", EnumSet.of(Role.OFFICER), PASSWORD.toCharArray(), Instant.now());
        String console = "--console=http://127.0.0.1:" + port + "/";
        String operator = "--password-file=" + passwordFile(PASSWORD);
        camel.getRouteController().stopRoute("receivePartnerDisclosure-USA-USCIS");
        try {
            try (PartnerAgency usa = new PartnerAgency(broker, codec)) {
                for (int i = 0; i < 3; i++) {
                    usa.sendText(PartnerAgency.DISCLOSURES, "flood " + i);
                }
            }

            Ran listed = queues("list", console, "--user=cli-otto", operator);
            assertThat(listed.exit()).as(listed.err()).isZero();
            assertThat(listed.out()).containsPattern("USA-USCIS\\.disclosures\\s+3\\b");

            Ran wrongPassword = queues(
                    "purge",
                    PartnerAgency.DISCLOSURES,
                    console,
                    "--user=cli-otto",
                    "--password-file=" + passwordFile("not the password"));
            assertThat(wrongPassword.exit()).isEqualTo(1);
            assertThat(wrongPassword.err()).contains("sign-in refused");

            Ran officer = queues("purge", PartnerAgency.DISCLOSURES, console, "--user=cli-olga", operator);
            assertThat(officer.exit()).isEqualTo(1);
            assertThat(officer.err()).contains("OPERATOR");

            Ran unknown = queues("purge", "no.such.queue", console, "--user=cli-otto", operator);
            assertThat(unknown.exit()).isEqualTo(1);
            assertThat(unknown.err()).contains("refused: the embedded broker has no queue no.such.queue");

            long before = audit.headSeq();
            Ran purged = queues("purge", PartnerAgency.DISCLOSURES, console, "--user=cli-otto", operator);
            assertThat(purged.exit()).as(purged.err()).isZero();
            assertThat(purged.out()).contains("USA-USCIS.disclosures: 3 message(s) removed");
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM audit_entry WHERE seq > ? AND event = 'QUEUE_MESSAGE_PURGED'"
                                    + " AND actor = 'cli-otto'",
                            Integer.class,
                            before))
                    .isEqualTo(3);
            assertThat(queues("list", console, "--user=cli-otto", operator).out())
                    .containsPattern("USA-USCIS\\.disclosures\\s+0\\b");
        } finally {
            camel.getRouteController().startRoute("receivePartnerDisclosure-USA-USCIS");
        }
    }

    @Test
    void theConsoleUnreachableIsSaidSo() throws Exception {
        Ran unreachable = queues(
                "list", "--console=http://127.0.0.1:9/", "--user=cli-otto", "--password-file=" + passwordFile("x"));

        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.err()).contains("cannot reach the console at http://127.0.0.1:9/");
    }
}
