package org.caseexchange.gateway.casedata;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A few EXAMPLE persons with fixed names, loaded with the synthetic data, so that a partner's
 * implementer can ask about someone known and see each kind of answer (docs/protocol.md section 3.5
 * lists them with the answer each gets). The first is the subject of schemas/examples/case-query.xml.
 * Every name is invented.
 */
public final class ExamplePersons {

    /** The subject of the shipped example query: answered with what Annex 1 releases. */
    public static final PersonRecord HADDAD = new PersonRecord(
            id(1),
            List.of(
                    new PersonRecord.Name("EXAMPLE-HADDAD", "Mohammed Ali", "محمد علي حداد"),
                    new PersonRecord.Name("EXAMPLE-HADDAD", "Muhammad", null)),
            PartialDate.parse("1987-04-12"),
            "M",
            "SYR",
            Set.of("SYR"),
            Set.of(),
            Set.of(),
            List.of(new PersonRecord.Document(
                    "PASSPORT", "N0000417EX", "SYR", LocalDate.of(2019, 7, 1), LocalDate.of(2029, 6, 30), "VALID")),
            Optional.of(new PersonRecord.Status(
                    "WORKER", LocalDate.of(2024, 3, 1), LocalDate.of(2027, 3, 1), Protection.NONE, null)),
            List.of(new PersonRecord.HistoryEvent(
                    "VISA_REFUSED", LocalDate.of(2018, 5, 9), "EXAMPLE visitor visa refused")),
            List.of());

    /** A minor: an officer decides. */
    public static final PersonRecord NOVAK = person(
            2,
            "EXAMPLE-NOVAK",
            "Petra",
            "2013-05-05",
            "F",
            "CZE",
            "CZ0000002EX",
            Set.of(),
            Set.of(),
            Protection.NONE,
            null);

    /** A protected person who fears the United States: answered as someone we hold no record of. */
    public static final PersonRecord HALABI = person(
            3,
            "EXAMPLE-HALABI",
            "Noor",
            "1990-03-14",
            "F",
            "SYR",
            "N0000003EX",
            Set.of(),
            Set.of(),
            Protection.PROTECTED_PERSON,
            "USA");

    /** A citizen of Canada: answered as someone we hold no record of. */
    public static final PersonRecord TREMBLAY = person(
            4,
            "EXAMPLE-TREMBLAY",
            "Luc",
            "1975-08-20",
            "M",
            "FRA",
            "FR0000004EX",
            Set.of("CAN"),
            Set.of(),
            Protection.NONE,
            null);

    /** Twins, told apart only by their given names: asked about without one, an officer decides. */
    public static final PersonRecord OKAFOR_EVA = person(
            5,
            "EXAMPLE-OKAFOR",
            "Eva",
            "1992-06-01",
            "F",
            "NGA",
            "A0000005EX",
            Set.of(),
            Set.of(),
            Protection.NONE,
            null);

    public static final PersonRecord OKAFOR_ANA = person(
            6,
            "EXAMPLE-OKAFOR",
            "Ana",
            "1992-06-01",
            "F",
            "NGA",
            "A0000006EX",
            Set.of(),
            Set.of(),
            Protection.NONE,
            null);

    public static final List<PersonRecord> ALL = List.of(HADDAD, NOVAK, HALABI, TREMBLAY, OKAFOR_EVA, OKAFOR_ANA);

    private ExamplePersons() {}

    private static PersonRecord person(
            int n,
            String family,
            String given,
            String birth,
            String sex,
            String nationality,
            String passport,
            Set<String> citizenOf,
            Set<String> residentOf,
            Protection protection,
            String feared) {
        return new PersonRecord(
                id(n),
                List.of(new PersonRecord.Name(family, given, null)),
                PartialDate.parse(birth),
                sex,
                nationality,
                Set.of(nationality),
                citizenOf,
                residentOf,
                List.of(new PersonRecord.Document(
                        "PASSPORT",
                        passport,
                        nationality,
                        LocalDate.of(2022, 1, 10),
                        LocalDate.of(2032, 1, 9),
                        "VALID")),
                Optional.of(new PersonRecord.Status("OTHER", null, null, protection, feared)),
                List.of(),
                List.of());
    }

    private static UUID id(int n) {
        return UUID.fromString(String.format("00000000-0000-4000-8000-00000e%06d", n));
    }
}
