package org.caseexchange.gateway.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.caseexchange.gateway.support.ExamplePki;
import org.caseexchange.gateway.support.TestDatabase;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.GatewayIdentityProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit log as the gateway assembles it, over one database and one checkpoint folder; {@link #restart()} is a new start on both. */
record AuditStack(
        TestDatabase database,
        Path folder,
        Optional<Path> witness,
        int everyEntries,
        JdbcTemplate jdbc,
        TransactionTemplate transactions,
        AuditLog log,
        CheckpointWriter writer,
        AuditIntegrity integrity)
        implements AutoCloseable {

    static final GatewayIdentity IDENTITY = new GatewayIdentity(
            ExamplePki.bind(ExamplePki.SHIPPED, GatewayIdentityProperties.class, "gateway.identity"));

    /** Assembled and checked, as at start-up. */
    static AuditStack start(TestDatabase database, Path folder, int everyEntries) {
        return start(database, folder, Optional.empty(), everyEntries);
    }

    /** As above, each checkpoint also delivered to a witness folder. */
    static AuditStack start(TestDatabase database, Path folder, Optional<Path> witness, int everyEntries) {
        JdbcTemplate jdbc = new JdbcTemplate(database.application());
        TransactionTemplate transactions =
                new TransactionTemplate(new DataSourceTransactionManager(database.application()));
        AuditLog log = new AuditLog(jdbc, Clock.systemUTC());
        CheckpointFolder checkpoints = new CheckpointFolder(folder);
        Optional<CheckpointFolder> witnessFolder = witness.map(CheckpointFolder::new);
        CheckpointWriter writer = new CheckpointWriter(
                log,
                jdbc,
                new CheckpointSigner(IDENTITY),
                checkpoints,
                witnessFolder,
                Clock.systemUTC(),
                everyEntries,
                Duration.ofHours(1),
                new org.caseexchange.gateway.database.InstanceLocks(database.application(), "audit-stack"));
        AuditIntegrity integrity = new AuditIntegrity(
                log,
                writer,
                checkpoints,
                witnessFolder,
                IDENTITY.auditCertificate(),
                jdbc,
                transactions,
                Clock.systemUTC());
        integrity.check();
        return new AuditStack(database, folder, witness, everyEntries, jdbc, transactions, log, writer, integrity);
    }

    AuditStack restart() {
        close();
        return start(database, folder, witness, everyEntries);
    }

    /** Appends {@code count} entries, one exchange each. */
    void exchanges(int count) {
        for (int i = 0; i < count; i++) {
            UUID exchange = UUID.randomUUID();
            transactions.executeWithoutResult(
                    status -> log.record(AuditEvent.of(AuditEventType.RECEIVED, exchange, "USA-USCIS")));
        }
    }

    AuditIntegrity.Status status() {
        return integrity.state().status();
    }

    @Override
    public void close() {
        writer.close();
    }
}
