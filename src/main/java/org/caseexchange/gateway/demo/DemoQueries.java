package org.caseexchange.gateway.demo;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.exchange.MessageHeaders;
import org.caseexchange.gateway.protocol.MessageKind;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.protocol.xml.DocumentType;
import org.caseexchange.gateway.protocol.xml.Header;
import org.caseexchange.gateway.protocol.xml.Name;
import org.caseexchange.gateway.protocol.xml.Sex;
import org.caseexchange.gateway.protocol.xml.Subject;
import org.caseexchange.gateway.protocol.xml.TravelDocument;
import org.caseexchange.gateway.protocol.xml.WireDataElement;
import org.caseexchange.gateway.protocol.xml.WirePurpose;

/** The case queries a partner writes: about a person it knows some facts of, under a legal basis, for a purpose. */
public final class DemoQueries {

    private DemoQueries() {}

    public static CaseQuery query(
            String sender,
            String recipient,
            Instant createdAt,
            String legalBasis,
            WirePurpose purpose,
            List<WireDataElement> requested,
            Subject subject) {
        CaseQuery query = new CaseQuery();
        query.setVersion(MessageKind.VERSION);
        Header header = MessageHeaders.header(UUID.randomUUID(), createdAt, sender, recipient);
        query.setHeader(header);
        query.setLegalBasis(legalBasis);
        query.setPurpose(purpose);
        query.getRequestedElement().addAll(requested);
        query.setSenderCaseReference("EXAMPLE-" + header.getMessageId().substring(0, 8));
        query.setRequestingOfficer("officer-0042");
        query.setSubject(subject);
        return query;
    }

    /** What a partner typically knows of someone: the primary name, date of birth, sex, nationality, passport. */
    public static Subject subjectOf(PersonRecord person) {
        Subject subject = new Subject();
        PersonRecord.Name primary = person.names().get(0);
        subject.getName().add(name(primary.familyName(), primary.givenNames()));
        person.dateOfBirth().ifPresent(date -> subject.setDateOfBirth(date.toString()));
        subject.setSex(Sex.fromValue(person.sex()));
        person.nationalities().stream().sorted().limit(1).forEach(subject.getNationality()::add);
        person.documents().stream()
                .filter(document -> document.type().equals("PASSPORT"))
                .limit(1)
                .forEach(document -> {
                    TravelDocument travelDocument = new TravelDocument();
                    travelDocument.setType(DocumentType.PASSPORT);
                    travelDocument.setNumber(document.number());
                    travelDocument.setIssuingCountry(document.issuingCountry());
                    subject.getTravelDocument().add(travelDocument);
                });
        return subject;
    }

    /** Somebody no agency has on file (an EXAMPLE name). */
    public static Subject nobody() {
        Subject subject = new Subject();
        subject.getName().add(name("EXAMPLE-NOBODY", "Quentin Zebulon"));
        subject.setDateOfBirth("1961-07-04");
        subject.setSex(Sex.M);
        return subject;
    }

    private static Name name(String family, String given) {
        Name name = new Name();
        name.setFamilyName(family);
        name.setGivenNames(given);
        return name;
    }
}
