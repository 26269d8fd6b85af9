package org.caseexchange.gateway.audit;

import java.time.Clock;
import java.util.Optional;
import org.caseexchange.gateway.database.InstanceLocks;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AuditConfiguration.class);

    @Bean
    AuditLog auditLog(JdbcTemplate jdbc, Clock clock) {
        return new AuditLog(jdbc, clock);
    }

    @Bean
    CheckpointFolder checkpointFolder(AuditProperties properties) {
        return new CheckpointFolder(properties.checkpoints().folder());
    }

    /**
     * {@code gateway.audit.checkpoint.age}: seconds since the last checkpoint any instance signed, and
     * {@code gateway.audit.log.size}: the entries in the log. A checkpoint older than its interval on a
     * growing log means checkpoints are not being signed.
     */
    @Bean
    io.micrometer.core.instrument.binder.MeterBinder auditMeters(CheckpointWriter writer, AuditLog log, Clock clock) {
        return meters -> {
            io.micrometer.core.instrument.Gauge.builder(
                            "gateway.audit.checkpoint.age",
                            writer,
                            w -> w.latestStored()
                                    .map(checkpoint ->
                                            (double) java.time.Duration.between(checkpoint.signedAt(), clock.instant())
                                                    .toSeconds())
                                    .orElse(Double.NaN))
                    .description("how long ago the last audit checkpoint was signed")
                    .baseUnit("seconds")
                    .register(meters);
            io.micrometer.core.instrument.Gauge.builder("gateway.audit.log.size", log, AuditLog::headSeq)
                    .description("entries in the audit log")
                    .register(meters);
        };
    }

    @Bean(destroyMethod = "close")
    CheckpointWriter checkpointWriter(
            AuditLog log,
            JdbcTemplate jdbc,
            GatewayIdentity identity,
            CheckpointFolder folder,
            Clock clock,
            AuditProperties properties,
            InstanceLocks locks) {
        return new CheckpointWriter(
                log,
                jdbc,
                new CheckpointSigner(identity),
                folder,
                witness(properties),
                clock,
                properties.checkpoints().everyEntries(),
                properties.checkpoints().every(),
                locks);
    }

    private static Optional<CheckpointFolder> witness(AuditProperties properties) {
        return Optional.ofNullable(properties.checkpoints().witnessFolder()).map(CheckpointFolder::new);
    }

    /** Checked while the application starts, before any route can consume; acknowledged here when the operator said so. */
    @Bean
    AuditIntegrity auditIntegrity(
            AuditLog log,
            CheckpointWriter writer,
            CheckpointFolder folder,
            GatewayIdentity identity,
            PartnerDirectory directory,
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            Clock clock,
            AuditProperties properties) {
        AuditTableOwnership.require(jdbc);
        AuditIntegrity integrity = new AuditIntegrity(
                log, writer, folder, witness(properties), identity.auditCertificate(), jdbc, transactions, clock);
        AuditIntegrity.State state = integrity.check();
        AuditProperties.Acknowledgement acknowledgement = properties.acknowledge();
        if (acknowledgement != null && acknowledgement.code() != null && acknowledgement.operator() != null) {
            if (state.status() == AuditIntegrity.Status.MISMATCH
                    && state.acknowledgementCode().equals(acknowledgement.code())) {
                integrity.acknowledge(acknowledgement.operator(), acknowledgement.code());
            } else {
                LOG.warn(
                        "gateway.audit.acknowledge.code does not match the findings now reported; nothing was acknowledged");
            }
        }
        if (integrity.processingAllowed()) {
            new ConfigurationRecorder(log, transactions)
                    .recordChanges(identity, directory)
                    .forEach(change -> LOG.info("recorded in the audit log at start-up: {}", change));
            writer.writeIfGrown();
        }
        return integrity;
    }
}
