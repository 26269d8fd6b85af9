package org.caseexchange.gateway.exchange.outbound;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.DecisionSummary;
import org.caseexchange.gateway.casedata.CaseDataRepository;
import org.caseexchange.gateway.casedata.Enrichment;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.database.RowIds;
import org.caseexchange.gateway.exchange.CaseResponseComposer;
import org.caseexchange.gateway.exchange.ExchangeLogContext;
import org.caseexchange.gateway.exchange.MessageHeaders;
import org.caseexchange.gateway.exchange.Outbox;
import org.caseexchange.gateway.exchange.ReplySealer;
import org.caseexchange.gateway.exchange.Retention;
import org.caseexchange.gateway.protocol.MessageKind;
import org.caseexchange.gateway.protocol.xml.ProactiveDisclosure;
import org.caseexchange.gateway.rules.AnnexCatalogue;
import org.caseexchange.gateway.rules.OutgoingDecision;
import org.caseexchange.gateway.rules.OutgoingQueryAssessor;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.caseexchange.gateway.trust.Sha256;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The proactive disclosures our officers start. Every one needs a second officer: a proposal is decided
 * by our rules and, unless they refuse it, waits; the confirmation (by another officer) decides again on
 * the person's record as it stands then, builds the disclosure from that record with only the elements
 * the decision releases and the annex's caveats, seals it for the partner and puts it in the outbox in
 * one transaction with its audit entries. The partner acknowledges it with a receipt on its answers
 * queue.
 */
public class OurDisclosures {

    private final PartnerDirectory partners;
    private final OutgoingQueryAssessor assessor;
    private final OurExchanges exchanges;
    private final CaseDataRepository caseData;
    private final Enrichment enrichment;
    private final AnnexCatalogue annexes;
    private final CaseResponseComposer composer;
    private final ReplySealer sealer;
    private final Outbox outbox;
    private final Retention retention;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    OurDisclosures(
            PartnerDirectory partners,
            OutgoingQueryAssessor assessor,
            OurExchanges exchanges,
            CaseDataRepository caseData,
            Enrichment enrichment,
            AnnexCatalogue annexes,
            CaseResponseComposer composer,
            ReplySealer sealer,
            Outbox outbox,
            Retention retention,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock) {
        this.partners = partners;
        this.assessor = assessor;
        this.exchanges = exchanges;
        this.caseData = caseData;
        this.enrichment = enrichment;
        this.annexes = annexes;
        this.composer = composer;
        this.sealer = sealer;
        this.outbox = outbox;
        this.retention = retention;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Decides a proposed disclosure; unless the rules refuse it, it waits for a second officer.
     *
     * @throws IllegalArgumentException when the partner is not one we exchange with, or the person is not
     *     in our case data
     */
    public OurQueries.Outcome propose(OurDisclosure disclosure) {
        Partner partner = partners.find(disclosure.partner())
                .orElseThrow(() -> new IllegalArgumentException("no configured partner " + disclosure.partner()));
        UUID exchangeId = RowIds.next();
        String messageId = RowIds.next().toString();
        try (ExchangeLogContext context = ExchangeLogContext.open(exchangeId)) {
            return transactions.execute(status -> {
                PersonRecord person = caseData.load(disclosure.person())
                        .orElseThrow(() -> new IllegalArgumentException("no such person in our case data"));
                OutgoingDecision decision = assessor.assessDisclosure(
                        partner,
                        disclosure.legalBasis(),
                        disclosure.purpose(),
                        disclosure.elements(),
                        disclosure.justified(),
                        person);
                OurQueries.State state = decision.outcome() == OutgoingDecision.Outcome.REFUSE
                        ? OurQueries.State.REFUSED
                        : OurQueries.State.AWAITING_CONFIRMATION;
                Instant now = clock.instant();
                exchanges.insertDisclosure(exchangeId, messageId, disclosure, state, decision, now);
                audit.record(AuditEvent.of(AuditEventType.DISCLOSURE_PROPOSED, exchangeId, partner.agencyCode())
                        .by(disclosure.officer())
                        .withDigest("justification", Sha256.hex(justification(disclosure))));
                audit.record(decided(exchangeId, partner, decision));
                return new OurQueries.Outcome(exchangeId, state, decision, Optional.empty());
            });
        }
    }

    /**
     * A second officer confirms a proposed disclosure: decided again on the person's record as it stands
     * now and, unless the rules now refuse it, built, sealed and put in the outbox.
     *
     * @throws OurQueries.ConfirmationRefused when the officer is the one who proposed it, or it does not wait
     */
    public OurQueries.Outcome confirm(UUID exchangeId, String officer) {
        try (ExchangeLogContext context = ExchangeLogContext.open(exchangeId)) {
            return transactions.execute(status -> {
                OurExchanges.ProposedDisclosure proposed = exchanges
                        .lockProposedDisclosure(exchangeId)
                        .orElseThrow(() -> new OurQueries.ConfirmationRefused(
                                "no disclosure of ours waits for confirmation under this id"));
                if (proposed.requestedBy().equals(officer)) {
                    throw new OurQueries.ConfirmationRefused(
                            "the officer who proposed the disclosure cannot confirm it: a second officer must");
                }
                Partner partner = partners.find(proposed.partner())
                        .orElseThrow(() -> new OurQueries.ConfirmationRefused("the partner is no longer configured"));
                Instant now = clock.instant();
                PersonRecord person = caseData.load(proposed.person())
                        .orElseThrow(
                                () -> new OurQueries.ConfirmationRefused("the person is no longer in our case data"));
                OutgoingDecision decision = assessor.assessDisclosure(
                        partner, proposed.legalBasis(), proposed.purpose(), proposed.elements(), true, person);
                audit.record(AuditEvent.of(AuditEventType.DISCLOSURE_CONFIRMED, exchangeId, partner.agencyCode())
                        .by(officer));
                audit.record(decided(exchangeId, partner, decision));
                if (decision.outcome() == OutgoingDecision.Outcome.REFUSE) {
                    exchanges.confirmed(exchangeId, OurQueries.State.REFUSED, decision, officer, now);
                    return new OurQueries.Outcome(exchangeId, OurQueries.State.REFUSED, decision, Optional.empty());
                }
                ProactiveDisclosure message = build(proposed, partner, person, decision, now);
                ReplySealer.Sealed sealed = sealer.sealWithDigest(
                        exchangeId, partner, message, null, retention.until(proposed.legalBasis(), now));
                exchanges.confirmed(exchangeId, OurQueries.State.QUEUED, decision, officer, now);
                exchanges.sealed(exchangeId, sealed.payloadDigest());
                outbox.enqueue(
                        exchangeId, partner.agencyCode(), partner.destinations().disclosuresOut(), sealed, now);
                return new OurQueries.Outcome(
                        exchangeId,
                        OurQueries.State.QUEUED,
                        decision,
                        Optional.of(sealed.reply().messageId()));
            });
        }
    }

    private ProactiveDisclosure build(
            OurExchanges.ProposedDisclosure proposed,
            Partner partner,
            PersonRecord person,
            OutgoingDecision decision,
            Instant now) {
        ProactiveDisclosure message = new ProactiveDisclosure();
        message.setVersion(MessageKind.VERSION);
        message.setHeader(MessageHeaders.header(
                UUID.fromString(proposed.messageId()), now, sealer.ourAgency(), partner.agencyCode()));
        message.setLegalBasis(proposed.legalBasis());
        message.setSenderCaseReference(exchanges.senderReference(proposed.id()));
        message.setSubject(composer.subject(person));
        Set<String> released = decision.asked().stream().map(Enum::name).collect(Collectors.toSet());
        message.setInformation(composer.released(enrichment.release(person, released)));
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        annexes.find(proposed.legalBasis())
                .ifPresent(annex ->
                        annex.caveatsOn(today).forEach(c -> message.getCaveat().add(composer.caveat(c))));
        return message;
    }

    private static AuditEvent decided(UUID exchangeId, Partner partner, OutgoingDecision decision) {
        AuditEvent event = AuditEvent.of(AuditEventType.DECIDED, exchangeId, partner.agencyCode())
                .withDecision(new DecisionSummary(
                        decision.outcome().name(), decision.citedRuleIds(), decision.ruleSet(), decision.annex()));
        return decision.refusal() == null ? event : event.because(decision.refusal());
    }

    private static byte[] justification(OurDisclosure disclosure) {
        return (disclosure.justification() == null ? "" : disclosure.justification())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
