package org.caseexchange.gateway.support;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * A real PostgreSQL server for the tests: initdb and pg_ctl from the PostgreSQL binaries installed on
 * this machine (Debian's postgresql package, which .ci/run installs), a throwaway cluster in a temp
 * directory, listening on a free loopback port. PostgreSQL refuses to run as root, so under root the
 * server runs as the {@code postgres} system user. Without binaries the tests that need it fail with a
 * message saying how to install them; they are never skipped.
 */
public final class PostgresTestServer implements AutoCloseable {

    public static final String USER = "gateway";

    private static PostgresTestServer shared;
    private static final AtomicInteger databases = new AtomicInteger();

    private final Path binaries;
    private final Path baseDirectory;
    private final List<String> runAs;
    private final int port;

    /** One server per test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresTestServer shared() {
        if (shared == null) {
            shared = new PostgresTestServer();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "postgres-test-server-stop"));
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
        this.binaries = locateBinaries();
        try {
            this.baseDirectory = Files.createTempDirectory("gateway-postgres");
            this.runAs = new UnixSystem().getUid() == 0 ? asPostgresUser(baseDirectory) : List.of();
            this.port = FreePort.any();
            run(List.of(binaries.resolve("initdb").toString(), "-D", data().toString(), "-U", USER, "-A", "trust",
                    "-E", "UTF8", "--no-locale", "--no-sync"));
        } catch (IOException e) {
            throw new IllegalStateException("could not create the PostgreSQL test cluster", e);
        }
        start();
    }

    /** Starts the server (again), on the same port and data; returns once it accepts connections. */
    public synchronized void start() {
        try {
            run(List.of(binaries.resolve("pg_ctl").toString(), "-D", data().toString(), "-l",
                    baseDirectory.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + port + " -c listen_addresses=127.0.0.1 -k " + baseDirectory + " -c fsync=off", "start"));
        } catch (IOException e) {
            throw new IllegalStateException("could not start the PostgreSQL test server", e);
        }
    }

    /** Stops the server at once, as an outage would: open connections are cut, open transactions lost. */
    public synchronized void stop() {
        try {
            run(List.of(binaries.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop"));
        } catch (IOException e) {
            throw new IllegalStateException("could not stop the PostgreSQL test server", e);
        }
    }

    private Path data() {
        return baseDirectory.resolve("data");
    }

    /** A new, empty database on the shared server; its JDBC URL. */
    public String createDatabase() {
        String name = "gateway_test_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return jdbcUrl(name);
    }

    /** A login role without any privilege beyond what a database grants it; created once. */
    public synchronized void createRole(String role) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                Statement statement = connection.createStatement()) {
            if (!statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'").next()) {
                statement.execute("CREATE ROLE " + role + " LOGIN");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create role " + role, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public synchronized void close() {
        try {
            run(List.of(binaries.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "stop"));
        } catch (RuntimeException | IOException e) {
            // Best effort at JVM exit: the cluster lives in a temp directory either way.
        }
        FileSystemUtils.deleteRecursively(baseDirectory.toFile());
    }

    private static Path locateBinaries() {
        String configured = Optional.ofNullable(System.getProperty("test.postgres.bin"))
                .orElse(System.getenv("GATEWAY_TEST_POSTGRES_BIN"));
        if (configured != null) {
            return Path.of(configured);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Optional<Path> newest = versions
                        .map(version -> version.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                        .max(Comparator.comparingInt(bin -> Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D", "0"))));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + root, e);
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql."
                + " Install them with 'apt-get install postgresql' (.ci/run does this), or point"
                + " -Dtest.postgres.bin at a PostgreSQL bin directory.");
    }

    private static List<String> asPostgresUser(Path baseDirectory) throws IOException {
        UserPrincipal postgres;
        try {
            postgres = baseDirectory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        } catch (IOException e) {
            throw new IllegalStateException("running as root, and PostgreSQL refuses root: the 'postgres' system user"
                    + " (created by Debian's postgresql package) is needed to run the test server", e);
        }
        Files.setOwner(baseDirectory, postgres);
        return List.of("runuser", "-u", "postgres", "--");
    }

    private void run(List<String> command) throws IOException {
        List<String> full = new ArrayList<>(runAs);
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("failed (" + process.exitValue() + "): " + String.join(" ", command) + "\n" + output);
        }
    }

}
