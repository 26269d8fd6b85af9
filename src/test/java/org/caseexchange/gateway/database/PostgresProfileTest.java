package org.caseexchange.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.PostgresTestServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole gateway on the {@code postgres} profile: an external PostgreSQL server instead of the embedded one. */
@ActiveProfiles("postgres")
class PostgresProfileTest extends EmbeddedGatewayTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = PostgresTestServer.shared().createDatabase();
        PostgresTestServer.shared().externalDatabase(url).forEach((key, value) -> {
            if (!key.equals("spring.profiles.active")) {
                registry.add(key, () -> value);
            }
        });
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Flyway flyway;

    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    @Test
    void startsMigratedAndHealthyOnPostgres() {
        JsonNode health = http.getForObject("http://127.0.0.1:" + managementPort + "/actuator/health", JsonNode.class);

        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components")
                        .path("db")
                        .path("details")
                        .path("database")
                        .asText())
                .isEqualTo("PostgreSQL");
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().applied())
                .extracting(migration -> migration.getScript())
                .contains("V3__audit_append_only.sql");
        assertThat(flyway.info().applied())
                .allSatisfy(
                        migration -> assertThat(migration.getState().isFailed()).isFalse());
        assertThat(jdbc.queryForObject("SELECT current_user", String.class))
                .as("the gateway works as a role of its own")
                .isEqualTo(PostgresTestServer.APPLICATION_ROLE);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM exchange", Integer.class))
                .isZero();
    }
}
