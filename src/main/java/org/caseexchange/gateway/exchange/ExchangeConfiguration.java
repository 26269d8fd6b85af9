package org.caseexchange.gateway.exchange;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.caseexchange.gateway.audit.AuditIntegrity;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.evidence.EvidenceStore;
import org.caseexchange.gateway.envelope.EnvelopeProperties;
import org.caseexchange.gateway.envelope.SecureEnvelope;
import org.caseexchange.gateway.messaging.PartnerLinks;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.rules.AnnexCatalogue;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The beans the exchange routes call, by the names the YAML files use. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExchangeProperties.class)
class ExchangeConfiguration {

    @Bean
    ExchangeStore exchangeStore(JdbcTemplate jdbc) {
        return new ExchangeStore(jdbc);
    }

    @Bean
    ReplySealer replySealer(
            ProtocolCodec codec,
            SecureEnvelope envelope,
            EvidenceStore evidence,
            AuditLog audit,
            GatewayIdentity identity,
            Clock clock) {
        return new ReplySealer(codec, envelope, evidence, audit, identity.agencyCode(), clock);
    }

    @Bean
    ProcessingFaults processingFaults(
            JdbcTemplate jdbc, TransactionTemplate transactions, ExchangeProperties properties, Clock clock) {
        return new ProcessingFaults(jdbc, transactions, properties.maxProcessingFaults(), clock);
    }

    @Bean
    ExchangeCounts exchangeCounts(MeterRegistry meters, PartnerDirectory partners, AnnexCatalogue annexes) {
        return new ExchangeCounts(meters, partners, annexes);
    }

    /**
     * The review backlog ({@code gateway.reviews.pending}, and {@code gateway.reviews.oldest.age} in
     * seconds, 0 with none waiting) and the outbox's depth ({@code gateway.outbox.depth}: what
     * committed and waits to be sent).
     */
    @Bean
    MeterBinder backlogMeters(JdbcTemplate jdbc, Clock clock) {
        return meters -> {
            Gauge.builder(
                            "gateway.reviews.pending",
                            jdbc,
                            db -> db.queryForObject(
                                    "SELECT COUNT(*) FROM exchange WHERE state = 'PENDING_REVIEW'", Long.class))
                    .description("partner queries waiting for an officer's review")
                    .register(meters);
            Gauge.builder("gateway.reviews.oldest.age", jdbc, db -> {
                        java.time.OffsetDateTime oldest = db.queryForObject(
                                "SELECT MIN(received_at) FROM exchange WHERE state = 'PENDING_REVIEW'",
                                java.time.OffsetDateTime.class);
                        return oldest == null
                                ? 0
                                : java.time.Duration.between(oldest.toInstant(), clock.instant())
                                        .toSeconds();
                    })
                    .description("how long the oldest case has waited for review")
                    .baseUnit("seconds")
                    .register(meters);
            Gauge.builder(
                            "gateway.outbox.depth",
                            jdbc,
                            db -> db.queryForObject("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL", Long.class))
                    .description("messages committed to the outbox and not yet sent")
                    .register(meters);
        };
    }

    /** Start-up progress of what the outbox held when the gateway started. */
    @Bean(destroyMethod = "close")
    OutboxReplay outboxReplay(JdbcTemplate jdbc, Clock clock) {
        return new OutboxReplay(jdbc, clock, java.time.Duration.ofSeconds(1));
    }

    @Bean
    RefusedEvidence refusedEvidence(JdbcTemplate jdbc, ExchangeProperties properties) {
        return new RefusedEvidence(jdbc, properties.refusedEvidencePerDay().toBytes());
    }

    /**
     * Health component {@code refusedEvidence}: WARNING when a partner's refused messages passed
     * today's bound, with how many were recorded by digest only; UP otherwise. Also the gauge
     * {@code gateway.refused-evidence.not-kept} (messages today, per partner that passed it).
     */
    @Bean
    AbstractHealthIndicator refusedEvidenceHealthIndicator(RefusedEvidence refused, Clock clock) {
        return new AbstractHealthIndicator("refused evidence could not be read") {
            @Override
            protected void doHealthCheck(Health.Builder health) {
                List<RefusedEvidence.Usage> reached =
                        refused.reached(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
                health.withDetail("bytesPerDay", refused.bytesPerDay());
                if (reached.isEmpty()) {
                    health.up();
                    return;
                }
                health.status(new Status("WARNING", "a partner's refused messages passed today's bound"));
                for (RefusedEvidence.Usage usage : reached) {
                    health.withDetail(
                            usage.partner(),
                            Map.of(
                                    "notKeptMessages", usage.notKeptMessages(),
                                    "notKeptBytes", usage.notKeptBytes()));
                }
            }
        };
    }

    @Bean
    MeterBinder refusedEvidenceMeters(RefusedEvidence refused, PartnerDirectory partners, Clock clock) {
        return meters -> {
            for (Partner partner : partners.all()) {
                Gauge.builder(
                                "gateway.refused-evidence.not-kept",
                                refused,
                                r -> r.reached(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)).stream()
                                        .filter(usage -> usage.partner().equals(partner.agencyCode()))
                                        .mapToLong(RefusedEvidence.Usage::notKeptMessages)
                                        .sum())
                        .description("refused messages recorded by digest only today, past the daily bound")
                        .tag("partner", partner.agencyCode())
                        .register(meters);
            }
        };
    }

    @Bean
    Retention retention(AnnexCatalogue annexes, ExchangeProperties properties) {
        return new Retention(annexes, properties.defaultRetention());
    }

    @Bean
    BrokerDeadLetterRecorder brokerDeadLetterRecorder(
            PartnerDirectory partners,
            ExchangeStore store,
            AuditLog audit,
            TransactionTemplate transactions,
            MeterRegistry meters) {
        return new BrokerDeadLetterRecorder(partners, store, audit, transactions, meters);
    }

    @Bean
    BrokerRefusalRecorder brokerRefusalRecorder(
            AuditLog audit, TransactionTemplate transactions, MeterRegistry meters) {
        return new BrokerRefusalRecorder(audit, transactions, meters);
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc) {
        return new Outbox(jdbc);
    }

    @Bean
    OutboxSender outboxSender(
            Outbox outbox,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock,
            ObjectProvider<CrashPoints> crashPoints) {
        return new OutboxSender(outbox, audit, transactions, clock, crashPoints.getIfAvailable(() -> CrashPoints.NONE));
    }

    @Bean
    JmsMessages jmsMessages(
            PartnerDirectory directory,
            EnvelopeProperties envelope,
            ObjectProvider<CrashPoints> crashPoints,
            org.caseexchange.gateway.messaging.BrokerProperties broker,
            PartnerLinks links,
            Clock clock) {
        return new JmsMessages(
                directory,
                links,
                envelope.maxMessageSize().toBytes(),
                crashPoints.getIfAvailable(() -> CrashPoints.NONE),
                broker.limits().deadLetterExpiry(),
                clock);
    }

    @Bean
    PartnerRoutes partnerRoutes(PartnerDirectory directory, PartnerLinks links, AuditIntegrity integrity) {
        return new PartnerRoutes(directory, links, integrity);
    }
}
