package org.caseexchange.gateway.audit.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.caseexchange.gateway.audit.evidence.PersonIdentifiers.Document;
import org.caseexchange.gateway.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The person index finds every exchange about one person, however the identifiers were typed, and holds nothing readable. */
class PersonIndexTest {

    private static final ArchiveKeys KEYS =
            new ArchiveKeys(HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));
    private static final LocalDate BORN = LocalDate.of(1990, 3, 14);

    private final TestDatabase database = TestDatabase.h2();
    private final JdbcTemplate jdbc = new JdbcTemplate(database.application());
    private final TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(database.application()));
    private final PersonIndex index = new PersonIndex(jdbc, KEYS);

    @Test
    void findsTheSamePersonByAnyIdentifierHoweverItWasTyped() {
        UUID byPassport = UUID.randomUUID();
        UUID byName = UUID.randomUUID();
        UUID someoneElse = UUID.randomUUID();
        index(byPassport, new PersonIdentifiers("Müller", "Ana", null, List.of(new Document("DEU", "C01X-00T47"))));
        index(byName, new PersonIdentifiers("Müller-Lüdenscheidt", "Ana María", BORN, List.of()));
        index(someoneElse, new PersonIdentifiers("Müller-Lüdenscheidt", "Ana María", BORN.plusDays(1), List.of(new Document("DEU", "C01X00T48"))));

        PersonIdentifiers asAnAuditorTypesIt = new PersonIdentifiers("MULLER LUDENSCHEIDT", "ana  maria", BORN,
                List.of(new Document("deu", "c01x00t47")));

        assertThat(index.exchangesAbout(asAnAuditorTypesIt)).containsExactlyInAnyOrder(byPassport, byName);
    }

    @Test
    void theTableHoldsOnlyKeyedHashes() {
        index(UUID.randomUUID(), new PersonIdentifiers("Haddad", "Omar", BORN, List.of(new Document("SYR", "N0123456"))));

        List<String> tokens = jdbc.queryForList("SELECT token FROM person_index", String.class);
        assertThat(tokens).hasSize(2).allSatisfy(token -> assertThat(token).matches("[0-9a-f]{64}"));
        PersonIndex otherKey = new PersonIndex(jdbc,
                new ArchiveKeys(HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100")));
        assertThat(otherKey.exchangesAbout(new PersonIdentifiers("Haddad", "Omar", BORN, List.of(new Document("SYR", "N0123456"))))).isEmpty();
    }

    @Test
    void normalisesScriptsCaseAccentsAndPunctuation() {
        assertThat(PersonIndex.normalise("  Müller-Lüdenscheidt ")).isEqualTo("MULLER LUDENSCHEIDT");
        assertThat(PersonIndex.normalise("ＡＢＣ１２３")).isEqualTo("ABC123");
        assertThat(PersonIndex.normalise("محمد")).isEqualTo("محمد");
        assertThat(PersonIndex.normalise(null)).isEmpty();
    }

    private void index(UUID exchange, PersonIdentifiers person) {
        transactions.executeWithoutResult(status -> index.index(exchange, person));
    }
}
