package org.caseexchange.gateway.exchange.inbound;

import java.time.Clock;
import java.util.List;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.evidence.EvidenceStore;
import org.caseexchange.gateway.audit.evidence.PersonIndex;
import org.caseexchange.gateway.audit.evidence.ReceivedDisclosures;
import org.caseexchange.gateway.envelope.SecureEnvelope;
import org.caseexchange.gateway.exchange.CaseResponseComposer;
import org.caseexchange.gateway.exchange.CrashPoints;
import org.caseexchange.gateway.exchange.ExchangeCounts;
import org.caseexchange.gateway.exchange.ExchangeStore;
import org.caseexchange.gateway.exchange.ProcessingFaults;
import org.caseexchange.gateway.exchange.RefusedEvidence;
import org.caseexchange.gateway.exchange.ReplySealer;
import org.caseexchange.gateway.exchange.Retention;
import org.caseexchange.gateway.exchange.review.ReviewCandidates;
import org.caseexchange.gateway.protocol.HeaderCheck;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.rules.AnnexCatalogue;
import org.caseexchange.gateway.rules.QueryAssessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** The beans of the partner's messages to us, by the names the YAML files use: the flow, one handler per message kind, and the error policy's step. */
@Configuration(proxyBeanMethods = false)
class InboundConfiguration {

    @Bean
    QueryAnswerer queryAnswerer(
            QueryAssessor assessor,
            PersonIndex personIndex,
            ReplySealer sealer,
            Retention retention,
            ReviewCandidates candidates,
            AuditLog audit,
            Clock clock) {
        return new QueryAnswerer(
                assessor, personIndex, new CaseResponseComposer(), sealer, retention, candidates, audit, clock);
    }

    @Bean
    DisclosureReceiver disclosureReceiver(
            AnnexCatalogue annexes,
            PersonIndex personIndex,
            ReplySealer sealer,
            Retention retention,
            AuditLog audit,
            ReceivedDisclosures receivedDisclosures) {
        return new DisclosureReceiver(annexes, personIndex, sealer, retention, audit, receivedDisclosures);
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
            Retention retention,
            RefusedEvidence refusedEvidence,
            ExchangeCounts counts,
            List<ChannelHandler> handlers) {
        return new InboundFlow(
                envelope,
                codec,
                headerCheck,
                store,
                evidence,
                audit,
                sealer,
                retention,
                refusedEvidence,
                counts,
                faults,
                crashPoints.getIfAvailable(() -> CrashPoints.NONE),
                transactions,
                handlers);
    }

    @Bean
    InboundFailures inboundFailures(ProcessingFaults faults) {
        return new InboundFailures(faults);
    }
}
