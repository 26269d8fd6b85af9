package org.caseexchange.gateway.exchange.outbound;

import java.time.Instant;
import java.util.UUID;
import org.caseexchange.gateway.exchange.MessageHeaders;
import org.caseexchange.gateway.protocol.MessageKind;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.protocol.xml.Name;
import org.caseexchange.gateway.protocol.xml.Subject;
import org.caseexchange.gateway.protocol.xml.TravelDocument;
import org.caseexchange.gateway.protocol.xml.WireDataElement;
import org.caseexchange.gateway.protocol.xml.WirePurpose;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.OutgoingDecision;

/** Writes an officer's query as the caseQuery the partner receives (docs/protocol.md section 3). */
final class CaseQueryWriter {

    private CaseQueryWriter() {}

    /** The query exactly as the officer wrote it, asking for everything requested, documents included. */
    static CaseQuery asWritten(OurQuery query, UUID messageId, Instant createdAt, String ourAgency) {
        CaseQuery message = new CaseQuery();
        message.setVersion(MessageKind.VERSION);
        message.setHeader(MessageHeaders.header(messageId, createdAt, ourAgency, query.partner()));
        message.setLegalBasis(query.legalBasis());
        message.setPurpose(WirePurpose.fromValue(query.purpose().name()));
        query.requested().stream()
                .sorted()
                .map(element -> WireDataElement.fromValue(element.name()))
                .forEach(message.getRequestedElement()::add);
        message.setSenderCaseReference(query.caseReference());
        message.setRequestingOfficer(query.officer());
        message.setJustification(
                query.justification() == null || query.justification().isBlank() ? null : query.justification());
        message.setSubject(subject(query.subject()));
        return message;
    }

    /**
     * What the rules let leave: only the elements the decision lets us ask for, and the subject's travel
     * documents only where the decision lets them go.
     */
    static CaseQuery minimised(CaseQuery written, OutgoingDecision decision) {
        written.getRequestedElement()
                .removeIf(element -> !decision.asked().contains(DataElement.valueOf(element.value())));
        if (!decision.documentsSent()) {
            written.getSubject().getTravelDocument().clear();
        }
        return written;
    }

    private static Subject subject(OurQuery.Subject subject) {
        Subject written = new Subject();
        for (OurQuery.Name name : subject.names()) {
            Name each = new Name();
            each.setFamilyName(name.familyName());
            each.setGivenNames(name.givenNames());
            written.getName().add(each);
        }
        written.setDateOfBirth(subject.dateOfBirth().orElse(null));
        written.setSex(subject.sex());
        written.getNationality().addAll(subject.nationalities());
        for (OurQuery.Document document : subject.documents()) {
            TravelDocument each = new TravelDocument();
            each.setType(document.type());
            each.setNumber(document.number());
            each.setIssuingCountry(document.issuingCountry());
            each.setExpiresOn(document.expiresOn().map(MessageHeaders::date).orElse(null));
            written.getTravelDocument().add(each);
        }
        return written;
    }
}
