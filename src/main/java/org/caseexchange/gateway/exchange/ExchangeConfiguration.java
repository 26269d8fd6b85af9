package org.caseexchange.gateway.exchange;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.caseexchange.gateway.audit.AuditIntegrity;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.evidence.EvidenceStore;
import org.caseexchange.gateway.audit.evidence.PersonIndex;
import org.caseexchange.gateway.audit.evidence.ReceivedDisclosures;
import org.caseexchange.gateway.casedata.CaseDataRepository;
import org.caseexchange.gateway.envelope.EnvelopeProperties;
import org.caseexchange.gateway.envelope.SecureEnvelope;
import org.caseexchange.gateway.protocol.HeaderCheck;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.rules.AnnexCatalogue;
import org.caseexchange.gateway.rules.QueryAssessor;
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
    OutboxSender outboxSender(Outbox outbox, AuditLog audit, TransactionTemplate transactions, Clock clock) {
        return new OutboxSender(outbox, audit, transactions, clock);
    }

    @Bean
    ReviewDecisions reviewDecisions(
            ExchangeStore store,
            Outbox outbox,
            PartnerDirectory partners,
            CaseDataRepository caseData,
            QueryAssessor assessor,
            ReplySealer sealer,
            Retention retention,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock) {
        return new ReviewDecisions(
                store,
                outbox,
                partners,
                caseData,
                assessor,
                new CaseResponseComposer(),
                sealer,
                retention,
                audit,
                transactions,
                clock);
    }

    @Bean
    InboundFlow inboundFlow(
            SecureEnvelope envelope,
            ProtocolCodec codec,
            HeaderCheck headerCheck,
            ExchangeStore store,
            EvidenceStore evidence,
            AuditLog audit,
            ReplySealer sealer,
            ProcessingFaults faults,
            ObjectProvider<CrashPoints> crashPoints,
            TransactionTemplate transactions,
            QueryAssessor assessor,
            PersonIndex personIndex,
            AnnexCatalogue annexes,
            Retention retention,
            ReceivedDisclosures receivedDisclosures,
            Clock clock) {
        List<ChannelHandler> handlers = List.of(
                new QueryAnswerer(assessor, personIndex, new CaseResponseComposer(), sealer, retention, audit, clock),
                new DisclosureReceiver(annexes, personIndex, sealer, retention, audit, receivedDisclosures));
        return new InboundFlow(
                envelope,
                codec,
                headerCheck,
                store,
                evidence,
                audit,
                sealer,
                retention,
                faults,
                crashPoints.getIfAvailable(() -> CrashPoints.NONE),
                transactions,
                handlers);
    }

    @Bean
    JmsInbound jmsInbound(
            PartnerDirectory directory,
            EnvelopeProperties envelope,
            ObjectProvider<CrashPoints> crashPoints,
            org.caseexchange.gateway.messaging.BrokerProperties broker,
            Clock clock) {
        return new JmsInbound(
                directory,
                envelope.maxMessageSize().toBytes(),
                crashPoints.getIfAvailable(() -> CrashPoints.NONE),
                broker.limits().deadLetterExpiry(),
                clock);
    }

    @Bean
    InboundFailures inboundFailures(ProcessingFaults faults) {
        return new InboundFailures(faults);
    }

    @Bean
    PartnerRoutes partnerRoutes(PartnerDirectory directory, AuditIntegrity integrity) {
        return new PartnerRoutes(directory, integrity);
    }
}
