package org.caseexchange.gateway.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.caseexchange.gateway.casedata.MatchOutcome;
import org.caseexchange.gateway.casedata.MatchResult;
import org.caseexchange.gateway.casedata.Protection;

/**
 * Facts of a query that the shipped rules answer with ALLOW (an adult Syrian national matched
 * unambiguously, asked about under Annex 1 for an admissibility assessment), changed one thing at a
 * time by each row of a table.
 */
final class FactsBuilder {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    Facts.Query query = new Facts.Query(
            "ANNEX-1-IDENTITY-CHECKS",
            Purpose.ADMISSIBILITY_ASSESSMENT,
            List.of(DataElement.IDENTITY, DataElement.IMMIGRATION_STATUS),
            false);
    Facts.Partner partner = new Facts.Partner(
            "USA-USCIS",
            "USA",
            Set.of("SMU-CASE-BY-CASE", "ANNEX-1-IDENTITY-CHECKS", "ANNEX-2-DOCUMENT-VERIFICATION"),
            HumanRightsRisk.NONE);
    MatchResult match = match();
    Facts.Subject subject = new Facts.Subject(OptionalInt.of(34), Set.of("SYR"), Set.of(), Protection.NONE, null);
    boolean quotaExceeded;
    LocalDate today = TODAY;

    static MatchResult match() {
        return new MatchResult(
                MatchOutcome.MATCH, 0.97, 1, Optional.of(UUID.fromString("00000000-0000-4000-8000-000000000001")));
    }

    FactsBuilder basis(String legalBasis) {
        query = new Facts.Query(legalBasis, query.purpose(), query.requested(), query.hasJustification());
        return this;
    }

    FactsBuilder purpose(Purpose purpose) {
        query = new Facts.Query(query.legalBasis(), purpose, query.requested(), query.hasJustification());
        return this;
    }

    FactsBuilder requested(DataElement... elements) {
        query = new Facts.Query(query.legalBasis(), query.purpose(), List.of(elements), query.hasJustification());
        return this;
    }

    FactsBuilder justified() {
        query = new Facts.Query(query.legalBasis(), query.purpose(), query.requested(), true);
        return this;
    }

    FactsBuilder partnerAnnexes(String... annexes) {
        partner = new Facts.Partner(partner.code(), partner.country(), Set.of(annexes), partner.risk());
        return this;
    }

    FactsBuilder risk(HumanRightsRisk risk) {
        partner = new Facts.Partner(partner.code(), partner.country(), partner.annexes(), risk);
        return this;
    }

    FactsBuilder match(MatchResult result) {
        match = result;
        if (!result.unambiguous()) {
            subject = Facts.Subject.UNKNOWN;
        }
        return this;
    }

    FactsBuilder age(int years) {
        subject = new Facts.Subject(
                OptionalInt.of(years),
                subject.citizenOf(),
                subject.permanentResidentOf(),
                subject.protection(),
                subject.countryFeared());
        return this;
    }

    FactsBuilder citizenOf(String... countries) {
        subject = new Facts.Subject(
                subject.age(),
                Set.of(countries),
                subject.permanentResidentOf(),
                subject.protection(),
                subject.countryFeared());
        return this;
    }

    FactsBuilder permanentResidentOf(String... countries) {
        subject = new Facts.Subject(
                subject.age(), subject.citizenOf(), Set.of(countries), subject.protection(), subject.countryFeared());
        return this;
    }

    FactsBuilder protection(Protection protection, String countryFeared) {
        subject = new Facts.Subject(
                subject.age(), subject.citizenOf(), subject.permanentResidentOf(), protection, countryFeared);
        return this;
    }

    FactsBuilder quotaExceeded() {
        quotaExceeded = true;
        return this;
    }

    FactsBuilder on(LocalDate day) {
        today = day;
        return this;
    }

    Facts build() {
        return new Facts(query, partner, match, subject, quotaExceeded, today, "CAN");
    }
}
