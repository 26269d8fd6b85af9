package org.caseexchange.gateway.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.caseexchange.gateway.audit.AuditIntegrity.Status;
import org.caseexchange.gateway.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The start-up check against the latest external checkpoint, on both databases: each way of changing
 * the log behind the gateway's back is found at its entry, stops processing and new checkpoints, and
 * needs an operator's acknowledgement, which the log then holds.
 */
class AuditIntegrityTest {

    @TempDir
    Path folder;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void checkpointsAreSignedAfterEveryNEntriesAndAnUntouchedLogPassesAtStartUp(TestDatabase database)
            throws IOException {
        try (AuditStack gateway = AuditStack.start(database, folder, 5)) {
            assertThat(gateway.status()).isEqualTo(Status.INTACT);
            // Written by the entry count, not on demand: after the fifth entry, and five entries after that.
            gateway.exchanges(5);
            Awaitility.await("a checkpoint after 5 entries")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> gateway.writer().stored().size() == 1);
            gateway.exchanges(7);
            Awaitility.await("a checkpoint 5 entries after the first")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> gateway.writer().stored().size() == 2);
            gateway.writer().writeIfGrown();

            List<Checkpoint> stored = gateway.writer().stored();
            assertThat(stored)
                    .allSatisfy(c -> assertThat(c.isSignedBy(AuditStack.IDENTITY.auditCertificate()))
                            .isTrue());
            assertThat(stored.get(stored.size() - 1).logSize()).isEqualTo(12);
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.map(file -> read(file))).containsExactlyInAnyOrderElementsOf(stored);
            }

            try (AuditStack restarted = gateway.restart()) {
                assertThat(restarted.status()).isEqualTo(Status.INTACT);
                assertThat(restarted.integrity().processingAllowed()).isTrue();
                assertThat(restarted.integrity().state().entriesChecked()).isEqualTo(12);
            }
        }
    }

    @Test
    void entriesAppendedWhileACheckpointIsWrittenWaitForTheNextOne() throws Exception {
        int every = 20;
        int appenders = 4;
        int each = 60;
        try (AuditStack gateway = AuditStack.start(TestDatabase.postgres(), folder, every)) {
            ExecutorService pool = Executors.newFixedThreadPool(appenders);
            try {
                List<Callable<Void>> work = new ArrayList<>();
                for (int i = 0; i < appenders; i++) {
                    work.add(() -> {
                        gateway.exchanges(each);
                        return null;
                    });
                }
                for (Future<Void> done : pool.invokeAll(work)) {
                    done.get();
                }
            } finally {
                pool.shutdown();
            }
            int entries = appenders * each;
            Awaitility.await("the checkpoint of the last " + every + " entries")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> gateway.writer().stored().stream()
                            .anyMatch(checkpoint -> checkpoint.logSize() > entries - every));

            List<Long> sizes =
                    gateway.writer().stored().stream().map(Checkpoint::logSize).toList();
            assertThat(sizes).as("checkpoints signed while entries kept coming").hasSizeGreaterThan(2);
            for (int i = 1; i < sizes.size(); i++) {
                assertThat(sizes.get(i) - sizes.get(i - 1))
                        .as("entries between the checkpoints of log size %d and %d", sizes.get(i - 1), sizes.get(i))
                        .isGreaterThanOrEqualTo(every);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aTruncatedTailIsFoundAgainstTheCheckpoint(TestDatabase database) {
        AuditStack gateway = checkpointedAt(database, 10);
        DatabaseAdministrator.of(database).truncateAfter(7);

        AuditStack restarted = gateway.restart();

        assertMismatch(restarted, "seq 10: entries missing at the end of the log: the checkpoint signed at");
        assertThat(restarted.integrity().state().findings())
                .singleElement()
                .asString()
                .contains("found the last entry is seq 7");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRestoredOldBackupThatHasSinceGrownIsFoundAtTheCheckpointedEntry(TestDatabase database) {
        AuditStack gateway = checkpointedAt(database, 10);
        String checkpointed =
                gateway.jdbc().queryForObject("SELECT entry_hash FROM audit_entry WHERE seq = 10", String.class);
        DatabaseAdministrator.of(database).truncateAfter(6);
        gateway.exchanges(8);

        AuditStack restarted = gateway.restart();

        assertMismatch(restarted, "seq 10: not the entry the checkpoint signed at");
        assertThat(restarted.integrity().state().findings())
                .singleElement()
                .asString()
                .contains("expected " + checkpointed)
                .doesNotContain("found " + checkpointed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aChainRecomputedWithoutTheAuditKeyLinksButIsFoundAtTheCheckpoint(TestDatabase database) {
        AuditStack gateway = checkpointedAt(database, 10);
        DatabaseAdministrator administrator = DatabaseAdministrator.of(database);
        administrator.change("UPDATE audit_entry SET partner_code = 'MEX-INM' WHERE seq = 4");
        administrator.recomputeChainFrom(4);
        assertThat(ChainVerifier.verify(gateway.jdbc().query("SELECT * FROM audit_entry ORDER BY seq", AuditLog.ENTRY))
                        .intact())
                .isTrue();

        AuditStack restarted = gateway.restart();

        assertMismatch(restarted, "seq 10: not the entry the checkpoint signed at");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aChangedByteIsFoundAtItsEntryAndStaysAcknowledgedAcrossRestarts(TestDatabase database) {
        AuditStack gateway = checkpointedAt(database, 10);
        DatabaseAdministrator.of(database).change("UPDATE audit_entry SET actor = 'systen' WHERE seq = 3");

        AuditStack found = gateway.restart();
        assertMismatch(found, "seq 3: a covered field was changed");

        found.integrity()
                .acknowledge("operator:alice", found.integrity().state().acknowledgementCode());
        assertThat(found.status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(found.integrity().processingAllowed()).isTrue();

        AuditStack again = found.restart();
        assertThat(again.status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(again.integrity().state().findings())
                .singleElement()
                .asString()
                .startsWith("seq 3: a covered field was changed");

        DatabaseAdministrator.of(database).change("UPDATE audit_entry SET actor = 'systen' WHERE seq = 5");
        AuditStack changedAgain = again.restart();
        assertMismatch(changedAgain, "seq 5: a covered field was changed");
        changedAgain.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anAcknowledgementNeedsTheReportedCodeAndIsRecordedWithANewCheckpoint(TestDatabase database) {
        AuditStack gateway = checkpointedAt(database, 10);
        DatabaseAdministrator.of(database).truncateAfter(7);
        AuditStack restarted = gateway.restart();
        String code = restarted.integrity().state().acknowledgementCode();

        assertThatThrownBy(() -> restarted.integrity().acknowledge("operator:alice", "0123456789abcdef"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> restarted.integrity().acknowledge("alice", code))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(restarted.status()).isEqualTo(Status.MISMATCH);

        restarted.integrity().acknowledge("operator:alice", code);

        List<AuditEntry> acknowledgements =
                restarted.log().entriesOfType(AuditEventType.CHECKPOINT_MISMATCH_ACKNOWLEDGED);
        assertThat(acknowledgements).singleElement().satisfies(entry -> {
            assertThat(entry.seq()).isEqualTo(8);
            assertThat(entry.actor()).isEqualTo("operator:alice");
            assertThat(entry.digest("findings")).isPresent();
        });
        Checkpoint baseline = restarted.writer().latestStored().orElseThrow();
        assertThat(baseline.logSize()).isEqualTo(8);
        assertThat(new CheckpointFolder(folder).latest().checkpoint()).contains(baseline);

        AuditStack next = restarted.restart();
        assertThat(next.status()).isEqualTo(Status.INTACT);
        next.exchanges(5);
        try (AuditStack grown = next.restart()) {
            assertThat(grown.status())
                    .as("checkpoints from before the acknowledgement stay, and are no longer compared")
                    .isEqualTo(Status.INTACT);
            assertThat(new CheckpointFolder(folder).all().checkpoints())
                    .extracting(Checkpoint::logSize)
                    .contains(10L, 8L, 13L);
        }
    }

    @Test
    void aCheckpointFileNotSignedWithTheAuditKeyIsAFinding() throws IOException {
        AuditStack gateway = checkpointedAt(TestDatabase.postgres(), 3);
        Path latest = latestFile();
        Files.writeString(latest, Files.readString(latest).replace("log-size: 3", "log-size: 2"));

        AuditStack restarted = gateway.restart();

        assertMismatch(restarted, "checkpoint of log size 2 signed at");
        assertThat(restarted.integrity().state().findings())
                .anySatisfy(line ->
                        assertThat(line).contains("log size 2").contains("is not signed by this gateway's audit key"));
    }

    @Test
    void anEmptiedCheckpointFolderIsAFindingWhenTheDatabaseRecordsCheckpoints() throws IOException {
        AuditStack gateway = checkpointedAt(TestDatabase.postgres(), 3);
        Files.delete(latestFile());

        assertMismatch(gateway.restart(), "the database records a checkpoint of log size 3 signed at");
    }

    @Test
    void aCheckpointFileThatIsNotOneIsAFinding() throws IOException {
        AuditStack gateway = checkpointedAt(TestDatabase.postgres(), 3);
        Files.writeString(folder.resolve("checkpoint-99999999T000000.000000Z-3.txt"), "not a checkpoint\n");

        assertMismatch(
                gateway.restart(),
                "checkpoint file checkpoint-99999999T000000.000000Z-3.txt is not a checkpoint in canonical form");
    }

    @Test
    void entriesDroppedAfterTheLastPeriodicCheckpointWhileTheGatewayWasStoppedAreFound() {
        TestDatabase database = TestDatabase.postgres();
        AuditStack gateway = checkpointedAt(database, 10);
        gateway.exchanges(5);
        // Stopped: the last entries get a checkpoint of their own, not only the next periodic one.
        gateway.close();
        DatabaseAdministrator.of(database).truncateAfter(10);

        assertMismatch(AuditStack.start(database, folder, 1_000), "seq 15: entries missing at the end of the log");
    }

    @Test
    void newerCheckpointFilesDeletedAndTheLogCutBackToAnOlderOneAreFound() throws IOException {
        TestDatabase database = TestDatabase.postgres();
        AuditStack gateway = checkpointedAt(database, 10);
        gateway.exchanges(10);
        gateway.writer().writeNow();
        gateway.close();
        Files.delete(latestFile());
        DatabaseAdministrator.of(database).truncateAfter(10);

        AuditStack restarted = AuditStack.start(database, folder, 1_000);

        assertMismatch(restarted, "the database records a checkpoint of log size 20 signed at");
        assertThat(restarted.integrity().state().findings())
                .anySatisfy(line -> assertThat(line).startsWith("seq 20: entries missing"));
    }

    @Test
    void aWitnessFindsWhatWasDeletedFromTheFolderAndTheDatabaseAlike(@TempDir Path witness) throws IOException {
        TestDatabase database = TestDatabase.postgres();
        AuditStack gateway = AuditStack.start(database, folder, Optional.of(witness), 1_000);
        gateway.exchanges(10);
        gateway.writer().writeNow();
        gateway.exchanges(10);
        gateway.writer().writeNow();
        gateway.close();
        try (Stream<Path> files = Files.list(witness)) {
            assertThat(files.filter(file -> file.getFileName().toString().startsWith("checkpoint-")))
                    .hasSize(2);
        }
        // Someone with the files and the database removes every trace of the newer checkpoint, and the entries it
        // covered.
        Files.delete(latestFile());
        DatabaseAdministrator administrator = DatabaseAdministrator.of(database);
        administrator.owner().execute("ALTER TABLE audit_checkpoint DISABLE TRIGGER USER");
        administrator.owner().update("DELETE FROM audit_checkpoint WHERE log_size = 20");
        administrator.owner().execute("ALTER TABLE audit_checkpoint ENABLE TRIGGER USER");
        administrator.truncateAfter(10);

        AuditStack restarted = AuditStack.start(database, folder, Optional.of(witness), 1_000);

        assertMismatch(restarted, "the witness holds a checkpoint of log size 20 signed at");
        assertThat(restarted.integrity().state().findings())
                .anySatisfy(line -> assertThat(line).startsWith("seq 20: entries missing"));
    }

    @Test
    void noCheckpointIsSignedOverALogCutBehindTheRunningGatewaysBack() {
        TestDatabase database = TestDatabase.postgres();
        AuditStack gateway = checkpointedAt(database, 10);
        DatabaseAdministrator.of(database).truncateAfter(6);
        gateway.exchanges(8);

        assertThatThrownBy(() -> gateway.writer().writeNow())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no longer matches the checkpoint of log size 10");
        assertThat(gateway.writer().failure()).isPresent();
        assertThat(gateway.writer().stored()).hasSize(1);
        gateway.writer().close();
        assertThat(gateway.writer().stored()).as("nor at shutdown").hasSize(1);
    }

    @Test
    void truncatingAnAuditTableIsRefusedEvenToItsOwner() {
        TestDatabase database = TestDatabase.postgres();
        AuditStack gateway = checkpointedAt(database, 3);
        JdbcTemplate owner = new JdbcTemplate(database.owner());
        for (String table :
                List.of("audit_entry", "audit_head", "audit_checkpoint", "audit_acknowledgement", "evidence")) {
            assertThatThrownBy(() -> owner.execute("TRUNCATE " + table + " CASCADE"))
                    .as(table)
                    .rootCause()
                    .hasMessageContaining("append-only");
        }
        gateway.close();
    }

    /** A gateway whose log has {@code size} entries and a checkpoint of them. */
    private AuditStack checkpointedAt(TestDatabase database, int size) {
        AuditStack gateway = AuditStack.start(database, folder, 1_000);
        gateway.exchanges(size);
        assertThat(gateway.writer().writeIfGrown())
                .get()
                .extracting(Checkpoint::logSize)
                .isEqualTo((long) size);
        return gateway;
    }

    private void assertMismatch(AuditStack gateway, String finding) {
        AuditIntegrity.State state = gateway.integrity().state();
        assertThat(state.status()).isEqualTo(Status.MISMATCH);
        assertThat(state.findings()).anySatisfy(line -> assertThat(line).startsWith(finding));
        assertThat(state.acknowledgementCode()).matches("[0-9a-f]{16}");
        assertThat(gateway.integrity().processingAllowed()).isFalse();
        long before = gateway.writer().stored().size();
        gateway.exchanges(1);
        assertThat(gateway.writer().writeIfGrown()).isEmpty();
        assertThatThrownBy(() -> gateway.writer().writeNow()).isInstanceOf(IllegalStateException.class);
        assertThat(gateway.writer().stored()).hasSize((int) before);
    }

    private Path latestFile() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.max(Path::compareTo).orElseThrow();
        }
    }

    private static Checkpoint read(Path file) {
        try {
            return Checkpoint.parse(Files.readString(file, UTF_8)).orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
