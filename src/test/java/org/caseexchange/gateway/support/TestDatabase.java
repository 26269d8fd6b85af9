package org.caseexchange.gateway.support;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh database of each kind the gateway supports, migrated as the gateway migrates it: the
 * portable migrations plus the database's own, with the schema owner running them and the gateway
 * connecting as {@code application} (the same role on H2; a role with only the granted privileges on
 * PostgreSQL).
 */
public record TestDatabase(String name, DataSource owner, DataSource application) {

    public static final String APPLICATION_ROLE = "gateway_app";

    public static Stream<TestDatabase> all() {
        return Stream.of(h2(), postgres());
    }

    public static TestDatabase h2() {
        String url = "jdbc:h2:file:" + Path.of(EmbeddedGatewayTest.newDataDirectory(), "db", "gateway")
                + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
        DataSource dataSource = new DriverManagerDataSource(url, "gateway", "");
        migrate(dataSource, "h2", "gateway");
        return new TestDatabase("H2", dataSource, dataSource);
    }

    public static TestDatabase postgres() {
        PostgresTestServer server = PostgresTestServer.shared();
        server.createRole(APPLICATION_ROLE);
        String url = server.createDatabase();
        DataSource owner = new DriverManagerDataSource(url, PostgresTestServer.USER, "");
        migrate(owner, "postgresql", APPLICATION_ROLE);
        return new TestDatabase("PostgreSQL", owner, new DriverManagerDataSource(url, APPLICATION_ROLE, ""));
    }

    public static Flyway flyway(DataSource dataSource, String vendor, String applicationRole) {
        return Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .placeholders(Map.of("application_role", applicationRole))
                .load();
    }

    private static void migrate(DataSource dataSource, String vendor, String applicationRole) {
        flyway(dataSource, vendor, applicationRole).migrate();
    }

    /**
     * A connection pool over the application's role, as the gateway has one: without it every query
     * opens a connection, and H2 closes (and compacts) the database whenever the last one closes.
     */
    public HikariDataSource pooled(int connections) {
        DriverManagerDataSource plain = (DriverManagerDataSource) application;
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(plain.getUrl());
        pool.setUsername(plain.getUsername());
        pool.setPassword(plain.getPassword());
        pool.setMaximumPoolSize(connections);
        return pool;
    }

    @Override
    public String toString() {
        return name;
    }
}
