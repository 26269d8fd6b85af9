package org.caseexchange.gateway.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.exchange.outbound.OurQueries;
import org.caseexchange.gateway.exchange.outbound.OurQuery;
import org.caseexchange.gateway.protocol.xml.DocumentType;
import org.caseexchange.gateway.protocol.xml.Sex;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.Purpose;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Our side of the demo: an officer asks the partner about two people of our case data, through the same
 * service the console will call. One query leaves; the other is about a protected person who fears the
 * partner's country, and our rules keep it from leaving. Lines name outcomes and codes, never a person.
 */
final class DemoOfficer {

    private static final String OFFICER = "officer:demo-0001";
    private static final String ANNEX_1 = "ANNEX-1-IDENTITY-CHECKS";

    private final OurQueries queries;
    private final DemoCases cases;
    private final JdbcTemplate jdbc;
    private final String partner;

    DemoOfficer(OurQueries queries, DemoCases cases, JdbcTemplate jdbc, String partner) {
        this.queries = queries;
        this.cases = cases;
        this.jdbc = jdbc;
        this.partner = partner;
    }

    /** Asks both queries; returns the one that left (its exchange), with a line for each. */
    Optional<UUID> ask(LocalDate today, List<DemoPartner.Line> lines) {
        Optional<UUID> sent = Optional.empty();
        for (DemoCases.Kind kind : List.of(DemoCases.Kind.ON_FILE, DemoCases.Kind.PROTECTED)) {
            Optional<PersonRecord> person = cases.pick(kind, 2, today);
            if (person.isEmpty()) {
                continue;
            }
            String label = kind == DemoCases.Kind.ON_FILE ? "we ask: a traveller" : "we ask: a protected person";
            OurQueries.Outcome outcome = queries.ask(new OurQuery(
                    OFFICER,
                    partner,
                    ANNEX_1,
                    Purpose.ADMISSIBILITY_ASSESSMENT,
                    Set.of(DataElement.IDENTITY, DataElement.PRIOR_DECISIONS),
                    subjectOf(person.get()),
                    "IRCC-DEMO-" + kind.ordinal(),
                    "Visitor visa application declares a prior refusal"));
            lines.add(
                    switch (outcome.state()) {
                        case QUEUED -> {
                            sent = Optional.of(outcome.exchangeId());
                            yield new DemoPartner.Line(
                                    label, "SENT", "sealed for " + partner + ", left through the outbox");
                        }
                        case REFUSED ->
                            new DemoPartner.Line(
                                    label,
                                    "REFUSED " + outcome.decision().refusal(),
                                    "never left: our rules keep it from the country the person fears");
                        default -> new DemoPartner.Line(label, outcome.state().name(), "waits for a second officer");
                    });
        }
        return sent;
    }

    /** What our side kept of the partner's answer to the query that left. */
    DemoPartner.Line answerKept(UUID exchange) {
        String state = jdbc.queryForObject("SELECT state FROM exchange WHERE id = ?", String.class, exchange);
        String decision =
                jdbc.queryForObject("SELECT partner_decision FROM exchange WHERE id = ?", String.class, exchange);
        return new DemoPartner.Line(
                "  (our query)", state + " " + decision, "the partner's answer kept with it, encrypted");
    }

    private static OurQuery.Subject subjectOf(PersonRecord person) {
        PersonRecord.Name primary = person.names().get(0);
        return new OurQuery.Subject(
                List.of(new OurQuery.Name(primary.familyName(), primary.givenNames())),
                person.dateOfBirth().map(Object::toString),
                Sex.fromValue(person.sex()),
                person.nationalities().stream().sorted().limit(1).toList(),
                person.documents().stream()
                        .filter(document -> document.type().equals("PASSPORT"))
                        .limit(1)
                        .map(document -> new OurQuery.Document(
                                DocumentType.PASSPORT, document.number(), document.issuingCountry(), Optional.empty()))
                        .toList());
    }
}
