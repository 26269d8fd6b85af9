package org.caseexchange.gateway.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.caseexchange.gateway.database.PostgresServer;
import org.springframework.boot.SpringApplication;

/**
 * A real PostgreSQL server for the tests that need one of their own or many databases: the gateway's own
 * embedded binaries and {@link PostgresServer}, a throwaway cluster under target/scratch, on a free
 * loopback port. Nothing needs installing. Its superuser is {@value #USER} with {@value #PASSWORD}.
 */
public final class PostgresTestServer implements AutoCloseable {

    public static final String USER = "gateway";
    public static final String PASSWORD = "test-only-password";

    /**
     * Test clusters are thrown away: nothing is forced to disk, so the tests do not wait for it. Commits
     * still write their WAL before they return, so that stopping the server at once (an outage) loses
     * nothing committed, as the machine does not crash.
     */
    private static final Map<String, String> SETTINGS =
            Map.of("fsync", "off", "synchronous_commit", "on", "full_page_writes", "off", "max_connections", "300");

    private static PostgresTestServer shared;
    private static final AtomicInteger databases = new AtomicInteger();

    private final PostgresServer server;

    /**
     * One server per test JVM, started on first use and stopped when the JVM exits, after Spring Boot has
     * closed the cached test contexts that use it.
     */
    public static synchronized PostgresTestServer shared() {
        if (shared == null) {
            shared = new PostgresTestServer();
            SpringApplication.getShutdownHandlers().add(shared::close);
        }
        return shared;
    }

    /**
     * A server of the caller's own, for a test that stops and starts it (a database outage); the caller
     * closes it.
     */
    public static PostgresTestServer dedicated() {
        return new PostgresTestServer();
    }

    private PostgresTestServer() {
        Path folder = ScratchDirectories.create("postgres-");
        server = new PostgresServer(folder.resolve("cluster"), "nobody");
        server.initialise(USER, PASSWORD, false);
        server.start(0, SETTINGS);
    }

    /** Starts the server again, on another free port when the one it had was taken meanwhile. */
    public synchronized void start() {
        int port = server.port() > 0 ? server.port() : lastPort;
        server.start(port, SETTINGS);
    }

    private int lastPort;

    /** Stops the server at once, as an outage would: open connections are cut, open transactions lost. */
    public synchronized void stop() {
        lastPort = server.port();
        server.stopImmediately();
    }

    /** A new, empty database on the server; its JDBC URL. */
    public String createDatabase() {
        String name = "gateway_test_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return jdbcUrl(name);
    }

    /** A login role with the test password and no privilege beyond what a database grants it; created once. */
    public synchronized void createRole(String role) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            if (!statement
                    .executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")
                    .next()) {
                statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create role " + role, e);
        }
    }

    /** The role a gateway works as on this server: not the owner of what its migrations create. */
    public static final String APPLICATION_ROLE = "gateway_app";

    /**
     * The settings of a gateway on this server with two roles, as production has them: the migrations
     * run as {@value #USER}, the gateway works as {@value #APPLICATION_ROLE}.
     */
    public Map<String, Object> externalDatabase(String url) {
        createRole(APPLICATION_ROLE);
        return Map.of(
                "spring.profiles.active",
                "postgres",
                "GATEWAY_DB_URL",
                url,
                "GATEWAY_DB_USER",
                APPLICATION_ROLE,
                "GATEWAY_DB_PASSWORD",
                PASSWORD,
                "GATEWAY_DB_OWNER",
                USER,
                "GATEWAY_DB_OWNER_PASSWORD",
                PASSWORD);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + (server.port() > 0 ? server.port() : lastPort) + "/" + database;
    }

    @Override
    public synchronized void close() {
        try {
            server.stop();
        } catch (RuntimeException e) {
            // Best effort at JVM exit: the cluster lives in a scratch folder either way.
        }
    }
}
