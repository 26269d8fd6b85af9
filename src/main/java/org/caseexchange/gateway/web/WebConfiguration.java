package org.caseexchange.gateway.web;

import org.caseexchange.gateway.audit.AuditIntegrity;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.evidence.EvidenceStore;
import org.caseexchange.gateway.audit.evidence.PersonIndex;
import org.caseexchange.gateway.audit.evidence.ReceivedAnswers;
import org.caseexchange.gateway.audit.export.AuditExporter;
import org.caseexchange.gateway.exchange.ExchangeStore;
import org.caseexchange.gateway.exchange.outbound.OurQueries;
import org.caseexchange.gateway.exchange.review.ReviewDecisions;
import org.caseexchange.gateway.rules.RuleSet;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.caseexchange.gateway.web.desk.AuditDesk;
import org.caseexchange.gateway.web.desk.OfficerDesk;
import org.caseexchange.gateway.web.desk.OperationsDesk;
import org.caseexchange.gateway.web.desk.OversightReport;
import org.caseexchange.gateway.web.desk.ReviewDesk;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The console's service layer: one desk per kind of work, shared by the pages and the API. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    ReviewDesk reviewDesk(ReviewDecisions reviews, ExchangeStore store, AuditLog audit, RuleSet rules) {
        return new ReviewDesk(reviews, store, audit, rules);
    }

    @Bean
    AuditDesk auditDesk(
            NamedParameterJdbcTemplate jdbc,
            PersonIndex personIndex,
            AuditLog audit,
            AuditIntegrity integrity,
            AuditExporter exporter,
            EvidenceStore evidence,
            TransactionTemplate transactions,
            ConsoleProperties properties) {
        return new AuditDesk(
                jdbc, personIndex, audit, integrity, exporter, evidence, transactions, properties.pageSize());
    }

    @Bean
    OfficerDesk officerDesk(
            OurQueries queries,
            org.caseexchange.gateway.exchange.outbound.OurDisclosures disclosures,
            org.caseexchange.gateway.protocol.ProtocolCodec codec,
            PartnerDirectory partners,
            ReceivedAnswers answers,
            JdbcTemplate jdbc,
            AuditLog audit,
            TransactionTemplate transactions,
            RuleSet rules) {
        return new OfficerDesk(queries, disclosures, codec, partners, answers, jdbc, audit, transactions, rules);
    }

    @Bean
    OversightReport oversightReport(NamedParameterJdbcTemplate jdbc) {
        return new OversightReport(jdbc);
    }

    @Bean
    OperationsDesk operationsDesk(
            HealthEndpoint health,
            org.springframework.beans.factory.ObjectProvider<org.caseexchange.gateway.messaging.BrokerQueues> queues,
            org.caseexchange.gateway.trust.PartnerDirectory partners,
            AuditLog audit,
            TransactionTemplate transactions) {
        return new OperationsDesk(
                health, java.util.Optional.ofNullable(queues.getIfAvailable()), partners, audit, transactions);
    }
}
