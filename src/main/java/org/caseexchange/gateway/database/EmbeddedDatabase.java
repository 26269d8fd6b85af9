package org.caseexchange.gateway.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.springframework.boot.SpringApplication;

/**
 * The gateway's own PostgreSQL, in its data folder: the cluster, the passwords of its two roles (kept
 * in a file only the gateway's user may read), and the lock that keeps a second gateway off the same
 * folder. Created on first start with two roles: {@value #OWNER}, the superuser who owns the schema and
 * runs the migrations, and {@value #APPLICATION}, the role the gateway works as, which the migrations
 * grant only what it needs (no UPDATE or DELETE of the audit log). Started before anything uses the
 * database, stopped after the last connection closed.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String OWNER = "gateway_owner";
    public static final String APPLICATION = "gateway";
    public static final String DATABASE = "gateway";

    /**
     * Durable by default (every commit forced to disk, whole pages logged after a checkpoint); the
     * settings a cluster of the gateway's runs with. The whole pages are compressed in the WAL: the
     * first change to a page after a checkpoint logs the page, and the gateway's pages of ids, times
     * and digests compress to a fraction of their 8 KB.
     */
    private static final Map<String, String> SETTINGS = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on",
            "wal_compression", "on",
            "max_connections", "100");

    private final PostgresServer server;
    private final Properties credentials;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final Runnable onExit = this::stopAndUnlock;
    private boolean closed;

    private EmbeddedDatabase(PostgresServer server, Properties credentials, FileChannel lockFile, FileLock lock) {
        this.server = server;
        this.credentials = credentials;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /** Locks the folder, creates the cluster on first use, and starts it. */
    public static EmbeddedDatabase start(DatabaseProperties properties) {
        Path folder = properties.folder().toAbsolutePath();
        try {
            Files.createDirectories(folder);
            FileChannel lockFile = FileChannel.open(
                    folder.resolve("gateway.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockFile.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                lockFile.close();
                throw new InvalidConfigurationException(
                        "gateway.data-dir", "its database folder " + folder + " is in use by another gateway");
            }
            try {
                PostgresServer server = new PostgresServer(folder.resolve("postgres"), properties.runAsUser());
                boolean created = !server.initialised();
                Properties credentials = created ? newCredentials(folder) : readCredentials(folder);
                if (created) {
                    server.initialise(OWNER, credentials.getProperty(OWNER), true);
                }
                server.start(properties.port(), SETTINGS);
                EmbeddedDatabase database = new EmbeddedDatabase(server, credentials, lockFile, lock);
                if (created) {
                    database.createRolesAndDatabase();
                }
                // A JVM that exits (SIGTERM, System.exit) stops the server after Spring Boot's shutdown hook
                // has closed every application context, so that the gateway finishes what is in flight and
                // signs its last audit checkpoint on a live database: a JVM shutdown hook of its own would
                // run beside that one and stop the server under it. Only a kill leaves a server running,
                // which the next start stops.
                SpringApplication.getShutdownHandlers().add(database.onExit);
                return database;
            } catch (RuntimeException e) {
                lock.release();
                lockFile.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the database folder " + folder, e);
        }
    }

    public String jdbcUrl() {
        return server.jdbcUrl(DATABASE);
    }

    public String password(String role) {
        return credentials.getProperty(role);
    }

    public PostgresServer server() {
        return server;
    }

    private void createRolesAndDatabase() {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), OWNER, password(OWNER));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + APPLICATION + " LOGIN PASSWORD '" + password(APPLICATION) + "'");
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER + " ENCODING 'UTF8'");
            statement.execute("REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC");
            statement.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + DATABASE + " TO " + APPLICATION);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create the gateway's roles and database (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private static Properties newCredentials(Path folder) throws IOException {
        Properties credentials = new Properties();
        credentials.setProperty(OWNER, secret());
        credentials.setProperty(APPLICATION, secret());
        Path file = folder.resolve("credentials.properties");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            credentials.store(
                    out,
                    "The embedded PostgreSQL's passwords, generated at its creation; keep this file with the data folder");
        }
        return credentials;
    }

    private static Properties readCredentials(Path folder) throws IOException {
        Path file = folder.resolve("credentials.properties");
        if (!Files.isReadable(file)) {
            throw new InvalidConfigurationException(
                    "gateway.data-dir", "the database in " + folder + " has lost its credentials file " + file);
        }
        Properties credentials = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            credentials.load(in);
        }
        return credentials;
    }

    private static String secret() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Override
    public void close() {
        try {
            SpringApplication.getShutdownHandlers().remove(onExit);
        } catch (IllegalStateException e) {
            // The JVM is exiting: the handler runs after the contexts have closed and finds the server stopped.
        }
        stopAndUnlock();
    }

    private synchronized void stopAndUnlock() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.stop();
        } finally {
            try {
                lock.release();
                lockFile.close();
            } catch (IOException e) {
                // The process is ending; the lock goes with it.
            }
        }
    }
}
