package org.caseexchange.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.PostgresTestServer;
import org.junit.jupiter.api.Test;

/**
 * On an external PostgreSQL, a gateway that connects as the role that owns the audit tables (the
 * README's old one-role setup) could drop their guards: it refuses to start and says how to set up
 * two roles.
 */
class TwoRolesTest {

    @Test
    void aGatewayConnectingAsTheOwnerOfTheAuditTablesRefusesToStart() {
        String url = PostgresTestServer.shared().createDatabase();

        Exception refused = assertThrows(
                Exception.class,
                () -> EmbeddedGatewayTest.startGateway(Map.of(
                        "spring.profiles.active",
                        "postgres",
                        "GATEWAY_DB_URL",
                        url,
                        "GATEWAY_DB_USER",
                        PostgresTestServer.USER,
                        "GATEWAY_DB_PASSWORD",
                        PostgresTestServer.PASSWORD)));

        assertThat(refused)
                .rootCause()
                .hasMessageContaining("spring.datasource.username")
                .hasMessageContaining("owns or may act as the owner of the audit tables")
                .hasMessageContaining("spring.flyway.user");
    }
}
