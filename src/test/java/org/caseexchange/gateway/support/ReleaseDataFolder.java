package org.caseexchange.gateway.support;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.demo.DemoCases;
import org.caseexchange.gateway.demo.DemoQueries;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.trust.Sha256;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes the data folder a release leaves behind, for the upgrade test: a gateway of that release
 * runs on the embedded defaults and the example PKI, answers some of USA-USCIS's queries, and stops.
 * The folder holds {@code data/} (database, broker store, checkpoints), {@code witness/} (the
 * witness's copies of the checkpoints), {@code queries/} (each query as USA-USCIS sealed it) and
 * {@code answers.properties} (each query's message id and the SHA-256 of the answer it got).
 *
 * <p>Run by src/test/upgrade/release-data-folder.sh on the release's own classes: it uses only what
 * the test support of that release already has.
 */
public final class ReleaseDataFolder {

    static final int QUERIES_PER_KIND = 3;

    private ReleaseDataFolder() {}

    public static void main(String[] arguments) throws Exception {
        if (arguments.length != 1) {
            throw new IllegalArgumentException("usage: ReleaseDataFolder OUTPUT-FOLDER");
        }
        Path out = Path.of(arguments[0]).toAbsolutePath();
        Files.createDirectories(out.resolve("queries"));
        Map<String, Object> settings = Map.of(
                "gateway.data-dir", out.resolve("data").toString(),
                "gateway.audit.checkpoints.witness-folder",
                        out.resolve("witness").toString());
        Map<String, String> answers = new TreeMap<>();
        try (ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(settings)) {
            ProtocolCodec codec = gateway.getBean(ProtocolCodec.class);
            DemoCases cases = new DemoCases(gateway.getBean(JdbcTemplate.class));
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            try (PartnerAgency usa = new PartnerAgency(gateway.getBean(BrokerService.class), codec)) {
                for (DemoCases.Kind kind : DemoCases.Kind.values()) {
                    for (int i = 0; i < QUERIES_PER_KIND; i++) {
                        var subject = cases.pick(kind, i, today);
                        if (subject.isEmpty()) {
                            continue;
                        }
                        CaseQuery query = PartnerAgency.identityQuery(DemoQueries.subjectOf(subject.get()));
                        String id = query.getHeader().getMessageId();
                        byte[] sealed = usa.seal(query);
                        usa.send(PartnerAgency.REQUESTS, sealed);
                        byte[] answer = usa.answerTo(id, Duration.ofSeconds(30)).sealed();
                        Files.write(out.resolve("queries").resolve(id + ".p7m"), sealed);
                        answers.put(id, Sha256.hex(answer));
                    }
                }
            }
        }
        Properties properties = new Properties();
        properties.putAll(answers);
        try (Writer writer = Files.newBufferedWriter(out.resolve("answers.properties"))) {
            properties.store(writer, "message id = SHA-256 of the sealed answer the release sent");
        }
        System.out.println(answers.size() + " queries answered; data folder in " + out);
    }
}
