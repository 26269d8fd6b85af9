package org.caseexchange.gateway.audit.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.caseexchange.gateway.casedata.Names;
import org.caseexchange.gateway.casedata.PartialDate;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.casedata.SubjectQuery;
import org.caseexchange.gateway.casedata.SubjectQuery.DocumentReference;
import org.caseexchange.gateway.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The person index finds every exchange about one person, however the identifiers were typed, and holds nothing readable. */
class PersonIndexTest {

    private static final ArchiveKeys KEYS = new ArchiveKeys(
            HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));
    private static final LocalDate BORN = LocalDate.of(1990, 3, 14);

    private final TestDatabase database = TestDatabase.postgres();
    private final JdbcTemplate jdbc = new JdbcTemplate(database.application());
    private final TransactionTemplate transactions =
            new TransactionTemplate(new DataSourceTransactionManager(database.application()));
    private final PersonIndex index = new PersonIndex(jdbc, KEYS);

    @Test
    void findsTheSamePersonByAnyIdentifierHoweverItWasTyped() {
        UUID byPassport = UUID.randomUUID();
        UUID byName = UUID.randomUUID();
        UUID someoneElse = UUID.randomUUID();
        index(byPassport, person("Müller", "Ana", null, List.of(new DocumentReference("C01X-00T47", "DEU"))));
        index(byName, person("Müller-Lüdenscheidt", "Ana María", BORN, List.of()));
        index(
                someoneElse,
                person(
                        "Müller-Lüdenscheidt",
                        "Ana María",
                        BORN.plusDays(1),
                        List.of(new DocumentReference("C01X00T48", "DEU"))));

        SubjectQuery asAnAuditorTypesIt =
                person("MULLER LUDENSCHEIDT", "ana  maria", BORN, List.of(new DocumentReference("c01x00t47", "deu")));

        assertThat(index.exchangesAbout(asAnAuditorTypesIt)).containsExactlyInAnyOrder(byPassport, byName);
    }

    @Test
    void theTableHoldsOnlyKeyedHashes() {
        index(UUID.randomUUID(), person("Haddad", "Omar", BORN, List.of(new DocumentReference("N0123456", "SYR"))));

        List<String> tokens = jdbc.queryForList("SELECT token FROM person_index", String.class);
        assertThat(tokens).hasSize(2).allSatisfy(token -> assertThat(token).matches("[0-9a-f]{64}"));
        PersonIndex otherKey = new PersonIndex(
                jdbc,
                new ArchiveKeys(
                        HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100")));
        assertThat(otherKey.exchangesAbout(
                        person("Haddad", "Omar", BORN, List.of(new DocumentReference("N0123456", "SYR")))))
                .isEmpty();
    }

    @Test
    void normalisesScriptsCaseAccentsAndPunctuation() {
        assertThat(Names.normalise("  Müller-Lüdenscheidt ")).isEqualTo("MULLER LUDENSCHEIDT");
        assertThat(Names.normalise("ＡＢＣ１２３")).isEqualTo("ABC123");
        assertThat(Names.normalise("محمد")).isEqualTo("محمد");
        assertThat(Names.normalise(null)).isEmpty();
    }

    /** The person as a query names them; sex and nationality do not key the index. */
    private static SubjectQuery person(String family, String given, LocalDate born, List<DocumentReference> documents) {
        return new SubjectQuery(
                List.of(new PersonRecord.Name(family, given, null)),
                Optional.ofNullable(born).map(PartialDate::of),
                "UNKNOWN",
                Set.of(),
                documents);
    }

    private void index(UUID exchange, SubjectQuery person) {
        transactions.executeWithoutResult(status -> index.index(exchange, person));
    }
}
