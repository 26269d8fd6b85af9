package org.caseexchange.gateway.exchange;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.caseexchange.gateway.audit.AuditIntegrity;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.evidence.EvidenceStore;
import org.caseexchange.gateway.envelope.EnvelopeProperties;
import org.caseexchange.gateway.envelope.SecureEnvelope;
import org.caseexchange.gateway.messaging.PartnerLinks;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.rules.AnnexCatalogue;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.springframework.beans.factory.ObjectProvider;
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
