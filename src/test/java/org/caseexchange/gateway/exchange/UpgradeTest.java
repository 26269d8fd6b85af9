package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.activemq.broker.BrokerService;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.caseexchange.gateway.audit.AuditIntegrity;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.demo.DemoCases;
import org.caseexchange.gateway.demo.DemoQueries;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.support.ScratchDirectories;
import org.caseexchange.gateway.support.Slow;
import org.caseexchange.gateway.trust.Sha256;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An upgrade as docs/operations.md describes it: the data folder an earlier release left behind
 * (src/test/resources/upgrade/VERSION.tar.xz, written by src/test/upgrade/release-data-folder.sh on
 * that release) is opened by this version. Its migrations run, the audit chain still verifies against
 * the checkpoints and the witness's copies, every query the release answered is answered again with
 * the bytes it sent, and a new query is served.
 */
@Slow
class UpgradeTest {

    static Stream<Resource> releases() throws IOException {
        return Stream.of(new PathMatchingResourcePatternResolver().getResources("classpath:upgrade/*.tar.xz"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void anEarlierReleasesDataFolderOpensMigratedVerifiedAndAnswersAsBefore(Resource release) throws Exception {
        Path folder = ScratchDirectories.create("upgrade-");
        unpack(release, folder);
        Path data = folder.resolve("data");
        Properties answers = new Properties();
        try (Reader reader = Files.newBufferedReader(folder.resolve("answers.properties"))) {
            answers.load(reader);
        }
        assertThat(answers).as("the release answered queries before it stopped").isNotEmpty();
        int[] appliedBefore = new int[1];
        EmbeddedGatewayTest.asOwnerWhileStopped(
                data.toString(),
                owner -> appliedBefore[0] = owner.queryForObject(
                        "SELECT COUNT(*) FROM flyway_schema_history WHERE success", Integer.class));

        Map<String, Object> settings = Map.of(
                "gateway.data-dir", data.toString(),
                "gateway.audit.checkpoints.witness-folder",
                        folder.resolve("witness").toString());
        try (ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(settings)) {
            var schema = gateway.getBean(Flyway.class).info();
            assertThat(schema.pending())
                    .as("every migration of this version is applied")
                    .isEmpty();
            assertThat(schema.applied())
                    .as("none failed")
                    .allSatisfy(m -> assertThat(m.getState().isFailed()).isFalse());
            assertThat(schema.applied().length).isGreaterThanOrEqualTo(appliedBefore[0]);

            AuditIntegrity integrity = gateway.getBean(AuditIntegrity.class);
            assertThat(integrity.state().status())
                    .as(
                            "the release's log matches its checkpoints and the witness's copies: %s",
                            integrity.state().findings())
                    .isEqualTo(AuditIntegrity.Status.INTACT);
            assertThat(integrity.processingAllowed()).isTrue();

            ProtocolCodec codec = gateway.getBean(ProtocolCodec.class);
            try (PartnerAgency usa = new PartnerAgency(gateway.getBean(BrokerService.class), codec)) {
                for (String id : answers.stringPropertyNames()) {
                    usa.send(PartnerAgency.REQUESTS, Files.readAllBytes(folder.resolve("queries/" + id + ".p7m")));
                    assertThat(Sha256.hex(
                                    usa.answerTo(id, Duration.ofSeconds(30)).sealed()))
                            .as("query %s is answered with the bytes the release sent", id)
                            .isEqualTo(answers.getProperty(id));
                }
                CaseQuery fresh = PartnerAgency.identityQuery(
                        DemoQueries.subjectOf(new DemoCases(gateway.getBean(JdbcTemplate.class))
                                .pick(DemoCases.Kind.ON_FILE, 0, LocalDate.now(ZoneOffset.UTC))
                                .orElseThrow()));
                usa.send(PartnerAgency.REQUESTS, usa.seal(fresh));
                assertThat(usa.answerTo(fresh.getHeader().getMessageId(), Duration.ofSeconds(30))
                                .sealed())
                        .as("a new query is served")
                        .isNotEmpty();
            }
            assertThat(gateway.getBean(AuditLog.class).verify().intact())
                    .as("the chain, the release's entries and this version's, verifies")
                    .isTrue();
        }
    }

    /**
     * As {@code tar --extract --same-owner} does: modes kept (PostgreSQL refuses a cluster others can
     * read), and, for root, the owners too (the embedded database runs as its own user then).
     */
    private static void unpack(Resource release, Path to) throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        UserPrincipalLookupService users = to.getFileSystem().getUserPrincipalLookupService();
        try (InputStream in = release.getInputStream();
                TarArchiveInputStream tar =
                        new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(in)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = to.resolve(entry.getName()).normalize();
                if (!target.startsWith(to)) {
                    throw new IOException("outside the folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                }
                Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                if (root) {
                    Files.setOwner(target, users.lookupPrincipalByName(entry.getUserName()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(order[bit]);
            }
        }
        return permissions;
    }
}
