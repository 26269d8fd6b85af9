package org.caseexchange.gateway.exchange;

import java.time.DateTimeException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.caseexchange.gateway.casedata.PartialDate;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.casedata.SubjectQuery;
import org.caseexchange.gateway.protocol.ProtocolException;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.protocol.xml.Subject;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.Facts;
import org.caseexchange.gateway.rules.Purpose;

/** Reads a validated caseQuery as the rules (what is asked, on what basis) and matching (whom) see it. */
public final class CaseQueryReader {

    /** Personal data in {@code subject}: never logged. */
    public record ReadQuery(Facts.Query query, SubjectQuery subject) {}

    private CaseQueryReader() {}

    public static ReadQuery read(CaseQuery message) {
        List<DataElement> requested = message.getRequestedElement().stream()
                .map(element -> DataElement.valueOf(element.value()))
                .distinct()
                .toList();
        boolean justified = message.getJustification() != null
                && !message.getJustification().isBlank();
        Facts.Query query = new Facts.Query(
                message.getLegalBasis(), Purpose.valueOf(message.getPurpose().value()), requested, justified);
        return new ReadQuery(
                query, subject(message.getSubject(), message.getHeader().getMessageId()));
    }

    public static SubjectQuery subject(Subject subject, String messageId) {
        try {
            return subjectOf(subject);
        } catch (DateTimeException | IllegalArgumentException e) {
            // The schema's pattern admits 1990-02-31; the calendar does not.
            throw new ProtocolException(
                    ReasonCode.XML_SCHEMA_INVALID, "subject/dateOfBirth is not a calendar date", messageId);
        }
    }

    private static SubjectQuery subjectOf(Subject subject) {
        List<PersonRecord.Name> names = subject.getName().stream()
                .map(name ->
                        new PersonRecord.Name(name.getFamilyName(), name.getGivenNames(), name.getOriginalScript()))
                .toList();
        Optional<PartialDate> dateOfBirth =
                subject.getDateOfBirth() == null ? Optional.empty() : PartialDate.parse(subject.getDateOfBirth());
        String sex = subject.getSex() == null ? "UNKNOWN" : subject.getSex().value();
        List<SubjectQuery.DocumentReference> documents = subject.getTravelDocument().stream()
                .map(document -> new SubjectQuery.DocumentReference(document.getNumber(), document.getIssuingCountry()))
                .toList();
        return new SubjectQuery(names, dateOfBirth, sex, new LinkedHashSet<>(subject.getNationality()), documents);
    }
}
