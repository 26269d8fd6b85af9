package org.caseexchange.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.caseexchange.gateway.support.PostgresTestServer;
import org.caseexchange.gateway.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The migration files on a real PostgreSQL server, from empty. */
class MigrationsTest {

    record Database(String name, DataSource dataSource) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Database> databases() {
        return Stream.of(new Database(
                "PostgreSQL",
                new DriverManagerDataSource(
                        PostgresTestServer.shared().createDatabase(),
                        PostgresTestServer.USER,
                        PostgresTestServer.PASSWORD)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void applyEveryMigrationFromEmpty(Database database) {
        var result = flyway(database).migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(1);
        assertThat(flyway(database).info().pending()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void refuseASecondExchangeForTheSamePartnerMessage(Database database) {
        flyway(database).migrate();
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());

        insertExchange(jdbc, "USA-USCIS", "m-1");
        insertExchange(jdbc, "USA-USCIS", "m-2");
        assertThrows(DuplicateKeyException.class, () -> insertExchange(jdbc, "USA-USCIS", "m-1"));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM exchange", Integer.class))
                .isEqualTo(2);
    }

    private static Flyway flyway(Database database) {
        return TestDatabase.flyway(database.dataSource(), PostgresTestServer.USER);
    }

    private static void insertExchange(JdbcTemplate jdbc, String partner, String messageId) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update(
                "INSERT INTO exchange (id, partner_code, direction, message_id, state, received_at, updated_at)"
                        + " VALUES (?, ?, 'INBOUND_QUERY', ?, 'RECEIVED', ?, ?)",
                UUID.randomUUID(),
                partner,
                messageId,
                now,
                now);
    }
}
