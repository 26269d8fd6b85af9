package org.caseexchange.gateway.exchange.outbound;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.evidence.PendingQueries;
import org.caseexchange.gateway.audit.evidence.ReceivedAnswers;
import org.caseexchange.gateway.casedata.CaseDataRepository;
import org.caseexchange.gateway.casedata.Enrichment;
import org.caseexchange.gateway.casedata.PersonMatcher;
import org.caseexchange.gateway.exchange.CaseResponseComposer;
import org.caseexchange.gateway.exchange.ExchangeProperties;
import org.caseexchange.gateway.exchange.ExchangeStore;
import org.caseexchange.gateway.exchange.Outbox;
import org.caseexchange.gateway.exchange.ReplySealer;
import org.caseexchange.gateway.exchange.Retention;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.rules.AnnexCatalogue;
import org.caseexchange.gateway.rules.DecisionEngine;
import org.caseexchange.gateway.rules.OutgoingQueryAssessor;
import org.caseexchange.gateway.rules.QuotaLedger;
import org.caseexchange.gateway.rules.RulesProperties;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What our officers start, and what the partner sends back: the service the console and the API call
 * to send a partner a query, and the handler of the answers queue.
 */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

    @Bean
    OurExchanges ourExchanges(JdbcTemplate jdbc, org.caseexchange.gateway.exchange.ExchangeCounts counts) {
        return new OurExchanges(jdbc, counts);
    }

    @Bean
    AnswerReceiver answerReceiver(
            OurExchanges exchanges,
            ReceivedAnswers answers,
            Outbox outbox,
            ExchangeStore replies,
            ReplySealer sealer,
            Retention retention,
            AuditLog audit) {
        return new AnswerReceiver(exchanges, answers, outbox, replies, sealer, retention, audit);
    }

    @Bean
    OurDisclosures ourDisclosures(
            PartnerDirectory partners,
            DecisionEngine engine,
            PersonMatcher matcher,
            QuotaLedger quotas,
            RulesProperties rules,
            GatewayIdentity identity,
            OurExchanges exchanges,
            CaseDataRepository caseData,
            Enrichment enrichment,
            AnnexCatalogue annexes,
            ReplySealer sealer,
            Outbox outbox,
            Retention retention,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock) {
        return new OurDisclosures(
                partners,
                new OutgoingQueryAssessor(engine, matcher, quotas, rules, identity.country(), clock),
                exchanges,
                caseData,
                enrichment,
                annexes,
                new CaseResponseComposer(),
                sealer,
                outbox,
                retention,
                audit,
                transactions,
                clock);
    }

    @Bean
    OurQueries ourQueries(
            PartnerDirectory partners,
            DecisionEngine engine,
            PersonMatcher matcher,
            QuotaLedger quotas,
            RulesProperties rules,
            GatewayIdentity identity,
            OurExchanges exchanges,
            PendingQueries pending,
            ProtocolCodec codec,
            ReplySealer sealer,
            Outbox outbox,
            Retention retention,
            AuditLog audit,
            TransactionTemplate transactions,
            ExchangeProperties properties,
            MeterRegistry meters,
            Clock clock) {
        OutgoingQueryAssessor assessor =
                new OutgoingQueryAssessor(engine, matcher, quotas, rules, identity.country(), clock);
        OurQueries queries = new OurQueries(
                partners,
                assessor,
                exchanges,
                pending,
                codec,
                sealer,
                outbox,
                retention,
                audit,
                transactions,
                properties.answerWithin(),
                clock);
        // A count only: which queries, and for whom, is for the officer's view, not a metric label.
        Gauge.builder("gateway.our-queries.overdue", queries, q -> q.overdue().size())
                .description("Our queries the partner has not answered within gateway.exchange.answer-within")
                .register(meters);
        return queries;
    }
}
