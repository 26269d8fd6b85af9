package org.caseexchange.gateway.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL cluster in a folder of the gateway's, run with the binaries of
 * {@link PostgresBinaries} through PostgreSQL's own tools: initdb once, then pg_ctl to start and stop.
 * It listens on loopback TCP only (no Unix socket); its superuser, the schema owner, logs in with a
 * password (SCRAM), never on trust. PostgreSQL refuses to run as root: a gateway running as root runs
 * the server as another user ({@code runAs}), who owns the cluster's folder.
 *
 * <p>A server left running by a gateway that was killed (its pid file names a live process) is stopped
 * the ordinary way before this one starts: it has committed every transaction that was acknowledged,
 * and rolls back the rest, as a crash would.
 */
public final class PostgresServer {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

    private final Path binaries;
    private final Path cluster;
    private final List<String> runAs;
    private final Optional<UserPrincipal> owner;
    private int port = -1;

    /**
     * @param cluster the cluster's own folder (created by {@link #initialise})
     * @param runAsUser the user the server runs as when the gateway runs as root
     */
    public PostgresServer(Path cluster, String runAsUser) {
        this.binaries = PostgresBinaries.unpacked().resolve("bin");
        this.cluster = cluster.toAbsolutePath();
        boolean root = "root".equals(System.getProperty("user.name"));
        // As root: the server runs as that user, keeping only the right to reach files whatever their
        // folders' permissions (CAP_DAC_OVERRIDE), so that a data folder under a private home works as
        // it does for root; PostgreSQL refuses root itself.
        this.runAs = root
                ? List.of(
                        "setpriv",
                        "--reuid=" + runAsUser,
                        "--regid=" + groupOf(runAsUser),
                        "--clear-groups",
                        "--inh-caps=+dac_override",
                        "--ambient-caps=+dac_override",
                        "--")
                : List.of();
        this.owner = root ? Optional.of(lookup(runAsUser)) : Optional.empty();
    }

    /** The user's primary group, from the system's user database. */
    private static String groupOf(String user) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8)) {
                String[] fields = line.split(":");
                if (fields.length > 3 && fields[0].equals(user)) {
                    return fields[3];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /etc/passwd", e);
        }
        throw new IllegalStateException(
                "PostgreSQL does not run as root, and the user '" + user + "' it would run as does not exist");
    }

    public Path cluster() {
        return cluster;
    }

    public boolean initialised() {
        return Files.exists(cluster.resolve("PG_VERSION"));
    }

    /**
     * Creates the cluster with its superuser; {@code settings} go into its configuration file.
     *
     * @param sync false only for throwaway clusters (tests): initdb then skips forcing its files to disk
     */
    public void initialise(String superuser, String password, boolean sync) {
        try {
            Files.createDirectories(cluster);
            Files.setPosixFilePermissions(cluster, PosixFilePermissions.fromString("rwx------"));
            if (owner.isPresent()) {
                Files.setOwner(cluster, owner.get());
            }
            Path passwordFile = Files.createTempFile(cluster.getParent(), "initdb", ".pw");
            try {
                Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
                if (owner.isPresent()) {
                    Files.setOwner(passwordFile, owner.get());
                }
                List<String> initdb = new ArrayList<>(List.of(
                        binaries.resolve("initdb").toString(),
                        "-D",
                        cluster.toString(),
                        "-U",
                        superuser,
                        "--pwfile=" + passwordFile,
                        "-A",
                        "scram-sha-256",
                        "-E",
                        "UTF8",
                        "--no-locale"));
                if (!sync) {
                    initdb.add("--no-sync");
                }
                run(initdb);
            } finally {
                Files.deleteIfExists(passwordFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database cluster in " + cluster, e);
        }
    }

    /**
     * Starts the server on this port (0: any free loopback port), after stopping one left running on
     * this cluster; returns once it accepts connections.
     *
     * @param settings server settings given on its command line ({@code -c name=value})
     */
    public int start(int wanted, Map<String, String> settings) {
        stopOrphan();
        int chosen = wanted > 0 ? wanted : freePort();
        StringBuilder options =
                new StringBuilder("-p " + chosen + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=");
        settings.forEach(
                (name, value) -> options.append(" -c ").append(name).append('=').append(value));
        run(List.of(
                binaries.resolve("pg_ctl").toString(),
                "-D",
                cluster.toString(),
                "-l",
                cluster.resolve("server.log").toString(),
                "-w",
                "-t",
                "120",
                "-o",
                options.toString(),
                "start"));
        port = chosen;
        log.info("embedded PostgreSQL listening on 127.0.0.1:{} ({})", chosen, cluster);
        return chosen;
    }

    /** Stops the server: in-flight transactions are rolled back, committed ones are on disk. */
    public void stop() {
        if (port < 0) {
            return;
        }
        run(List.of(
                binaries.resolve("pg_ctl").toString(),
                "-D",
                cluster.toString(),
                "-m",
                "fast",
                "-w",
                "-t",
                "120",
                "stop"));
        port = -1;
        log.info("embedded PostgreSQL stopped ({})", cluster);
    }

    /** Stops the server at once, as a power cut would stop it: for tests of an outage. */
    public void stopImmediately() {
        run(List.of(binaries.resolve("pg_ctl").toString(), "-D", cluster.toString(), "-m", "immediate", "-w", "stop"));
        port = -1;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Stops the server running on this cluster, if one is, whoever started it. */
    public void stopIfRunning() {
        stopOrphan();
        port = -1;
    }

    /** A server this cluster's pid file names as running: left by a gateway that did not stop it. */
    private void stopOrphan() {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()
                    || !Files.isDirectory(Path.of("/proc", lines.get(0).strip()))) {
                return; // a stale pid file: pg_ctl start deals with it
            }
            log.warn(
                    "a PostgreSQL server left running on {} (pid {}) is stopped before the gateway starts its own",
                    cluster,
                    lines.get(0).strip());
            run(List.of(
                    binaries.resolve("pg_ctl").toString(),
                    "-D",
                    cluster.toString(),
                    "-m",
                    "fast",
                    "-w",
                    "-t",
                    "120",
                    "stop"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pidFile, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for the embedded PostgreSQL", e);
        }
    }

    private static UserPrincipal lookup(String user) {
        try {
            return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "PostgreSQL does not run as root, and the user '" + user + "' it would run as does not exist", e);
        }
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>(runAs);
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            byte[] output;
            try (var in = process.getInputStream()) {
                output = in.readAllBytes();
            }
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: "
                        + String.join(" ", command.subList(0, Math.min(command.size(), 2))));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("PostgreSQL's "
                        + Path.of(command.get(0)).getFileName() + " failed (" + process.exitValue() + "): "
                        + new String(output, StandardCharsets.UTF_8).strip() + tail(cluster.resolve("server.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static String tail(Path log) {
        try {
            if (!Files.isReadable(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
