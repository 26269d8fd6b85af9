package org.caseexchange.gateway.support;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh PostgreSQL database on the shared test server, migrated as the gateway migrates it, with the
 * schema owner running the migrations and the gateway connecting as {@value #APPLICATION_ROLE}, a role
 * with only the privileges they grant.
 */
public record TestDatabase(String name, DataSource owner, DataSource application) {

    public static final String APPLICATION_ROLE = PostgresTestServer.APPLICATION_ROLE;

    /** The one engine the gateway runs on; a stream, for tests parameterised by database. */
    public static Stream<TestDatabase> all() {
        return Stream.of(postgres());
    }

    public static TestDatabase postgres() {
        PostgresTestServer server = PostgresTestServer.shared();
        server.createRole(APPLICATION_ROLE);
        String url = server.createDatabase();
        DataSource owner = new DriverManagerDataSource(url, PostgresTestServer.USER, PostgresTestServer.PASSWORD);
        migrate(owner, APPLICATION_ROLE);
        return new TestDatabase(
                "PostgreSQL", owner, new DriverManagerDataSource(url, APPLICATION_ROLE, PostgresTestServer.PASSWORD));
    }

    public static Flyway flyway(DataSource dataSource, String applicationRole) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .placeholders(Map.of("application_role", applicationRole))
                .load();
    }

    private static void migrate(DataSource dataSource, String applicationRole) {
        flyway(dataSource, applicationRole).migrate();
    }

    /** A connection pool over the application's role, as the gateway has one. */
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
