package org.caseexchange.gateway.exchange.inbound;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.evidence.PersonIndex;
import org.caseexchange.gateway.audit.evidence.ReceivedDisclosures;
import org.caseexchange.gateway.exchange.CaseQueryReader;
import org.caseexchange.gateway.exchange.ExchangeRecord;
import org.caseexchange.gateway.exchange.ReplySealer;
import org.caseexchange.gateway.exchange.Retention;
import org.caseexchange.gateway.protocol.InboundChannel;
import org.caseexchange.gateway.protocol.ProtocolException;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.protocol.xml.ProactiveDisclosure;
import org.caseexchange.gateway.rules.Annex;
import org.caseexchange.gateway.rules.AnnexCatalogue;

/**
 * A partner's proactive disclosure: accepted only under an annex agreed with that partner, in force,
 * active and allowing proactive disclosure; stored as case information, encrypted at rest, and
 * acknowledged by a receipt.
 */
final class DisclosureReceiver implements ChannelHandler {

    private final AnnexCatalogue annexes;
    private final PersonIndex personIndex;
    private final ReplySealer sealer;
    private final Retention retention;
    private final AuditLog audit;
    private final ReceivedDisclosures received;

    DisclosureReceiver(
            AnnexCatalogue annexes,
            PersonIndex personIndex,
            ReplySealer sealer,
            Retention retention,
            AuditLog audit,
            ReceivedDisclosures received) {
        this.annexes = annexes;
        this.personIndex = personIndex;
        this.sealer = sealer;
        this.retention = retention;
        this.audit = audit;
        this.received = received;
    }

    @Override
    public InboundChannel channel() {
        return InboundChannel.DISCLOSURES;
    }

    @Override
    public ExchangeRecord handle(Authenticated in) {
        ProactiveDisclosure disclosure = in.decoded().as(ProactiveDisclosure.class);
        String basis = disclosure.getLegalBasis();
        Instant receivedAt = in.message().receivedAt();
        LocalDate today = LocalDate.ofInstant(receivedAt, ZoneOffset.UTC);
        Optional<Annex> annex = annexes.find(basis)
                .filter(candidate -> in.partner().isConfiguredWith(candidate.id())
                        && candidate.partners().contains(in.partner().agencyCode()))
                .filter(candidate -> candidate.status() == Annex.Status.ACTIVE
                        && candidate.inForceOn(today)
                        && candidate.release().proactiveDisclosure());
        if (annex.isEmpty()) {
            throw new ProtocolException(
                    ReasonCode.DISCLOSURE_NOT_PERMITTED,
                    "the legal basis does not permit proactive disclosure",
                    in.messageId());
        }
        received.keep(
                in.exchangeId(),
                in.partner().agencyCode(),
                basis,
                disclosure.getSenderCaseReference(),
                receivedAt,
                retention.untilReceived(basis, receivedAt, disclosure.getCaveat()),
                disclosure.getCaveat().stream().map(c -> c.getCode().value()).toList(),
                in.opened().payload());
        personIndex.index(in.exchangeId(), CaseQueryReader.subject(disclosure.getSubject(), in.messageId()));
        audit.record(AuditEvent.of(
                        AuditEventType.VALIDATED, in.exchangeId(), in.partner().agencyCode())
                .withDigest("payload", in.payloadDigest()));
        ExchangeRecord.Reply reply = sealer.seal(
                in.exchangeId(),
                in.partner(),
                sealer.receipt(in.partner(), in.messageId(), in.payloadDigest()),
                in.messageId(),
                retention.until(basis, receivedAt));
        return ExchangeRecord.answered(
                new ExchangeRecord.Arrival(
                        in.exchangeId(),
                        in.partner().agencyCode(),
                        ExchangeRecord.Direction.INBOUND_DISCLOSURE,
                        in.messageId(),
                        receivedAt,
                        in.message().bodyDigest(),
                        in.payloadDigest()),
                ExchangeRecord.Outcome.RECEIPT,
                null,
                Optional.of(reply),
                basis);
    }
}
