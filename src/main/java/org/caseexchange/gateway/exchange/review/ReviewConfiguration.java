package org.caseexchange.gateway.exchange.review;

import java.time.Clock;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.casedata.CaseDataRepository;
import org.caseexchange.gateway.exchange.CaseResponseComposer;
import org.caseexchange.gateway.exchange.ExchangeStore;
import org.caseexchange.gateway.exchange.Outbox;
import org.caseexchange.gateway.exchange.ReplySealer;
import org.caseexchange.gateway.exchange.Retention;
import org.caseexchange.gateway.rules.QueryAssessor;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The officers' side of a review: completing the cases the rules sent to an officer. */
@Configuration(proxyBeanMethods = false)
class ReviewConfiguration {

    @Bean
    ReviewCandidates reviewCandidates(JdbcTemplate jdbc) {
        return new ReviewCandidates(jdbc);
    }

    @Bean
    ReviewDecisions reviewDecisions(
            ExchangeStore store,
            JdbcTemplate jdbc,
            ReviewCandidates candidates,
            org.caseexchange.gateway.exchange.ExchangeCounts counts,
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
                new ReviewProposals(jdbc),
                candidates,
                counts,
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
}
