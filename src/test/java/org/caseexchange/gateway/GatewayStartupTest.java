package org.caseexchange.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

class GatewayStartupTest extends EmbeddedGatewayTest {

    @Autowired
    TestRestTemplate http;

    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    /** The operators' port, where health has its details. */
    String management(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void reportsHealthUpWithBrokerDatabaseAndCertificates() {
        var response = http.getForEntity(management("/actuator/health"), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode health = response.getBody();
        assertThat(health.path("status").asText()).isEqualTo("UP");
        JsonNode components = health.path("components");
        assertThat(components.path("embeddedBroker").path("status").asText()).isEqualTo("UP");
        assertThat(components
                        .path("embeddedBroker")
                        .path("details")
                        .path("persistent")
                        .asBoolean())
                .isTrue();
        assertThat(components.path("jms").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("db").path("details").path("database").asText())
                .isEqualTo("PostgreSQL");
        assertThat(components.path("certificates").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("certificates").path("details").has("partner.USA-USCIS.signing-certificates[0]"))
                .isTrue();
        assertThat(components.path("certificates").path("details").has("own.signing-ec"))
                .isTrue();
    }

    @Test
    void migratesTheDatabaseOnStartup() {
        // The gateway's own role may not even read the migrations' history: its owner ran them.
        Integer applied = EmbeddedGatewayTest.owner(context)
                .queryForObject(
                        "SELECT COUNT(*) FROM flyway_schema_history WHERE success AND version = '1'", Integer.class);
        Integer exchanges = jdbc.queryForObject("SELECT COUNT(*) FROM exchange", Integer.class);

        assertThat(applied).isEqualTo(1);
        assertThat(exchanges).isZero();
    }

    @Test
    void loadsTheConfiguredSyntheticPopulationIntoAnEmptyDatabase() {
        Long persons = jdbc.queryForObject("SELECT COUNT(*) FROM person", Long.class);
        Long protectedPersons =
                jdbc.queryForObject("SELECT COUNT(*) FROM immigration_status WHERE protection <> 'NONE'", Long.class);

        assertThat(persons).isEqualTo(500);
        assertThat(protectedPersons).isPositive();
    }

    @Test
    void exposesPrometheusMetrics() {
        var response = http.getForEntity(management("/actuator/prometheus"), String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody())
                .contains("jvm_memory_used_bytes")
                .contains("application=\"case-exchange-gateway\"");
    }

    @Test
    void theGatewaysOwnPortAnswersTheProbesWithTheirStatusAndNoDetails() {
        var live = http.getForEntity("/livez", JsonNode.class);
        var ready = http.getForEntity("/readyz", JsonNode.class);

        assertThat(live.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ready.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ready.getBody().path("status").asText()).isEqualTo("UP");
        assertThat(ready.getBody().has("components")).isFalse();
        // The console's port has no actuator: a browser is sent to sign in, and nothing of health shows.
        var health = http.getForEntity("/actuator/health", String.class);
        assertThat(health.getBody()).doesNotContain("\"status\"").doesNotContain("components");
    }
}
