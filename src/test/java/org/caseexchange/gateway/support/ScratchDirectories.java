package org.caseexchange.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringApplication;
import org.springframework.util.FileSystemUtils;

/**
 * Directories that tests and benchmarks write gateways' data into: under {@code target/scratch}, and
 * deleted when the JVM exits. A gateway's data is a database file and a broker journal, over a gigabyte
 * after a burst test; left in the system's temporary folder, a few test runs fill it.
 */
public final class ScratchDirectories {

    private static final Path ROOT = Path.of("target", "scratch");
    private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

    static {
        // After Spring Boot has closed the test contexts, and after the handlers added later (the database
        // servers' stops), which it runs first. A database server still running in a folder is stopped
        // first: deleting its files under it would leave it running, with nothing to stop it by.
        SpringApplication.getShutdownHandlers()
                .add(() -> CREATED.forEach(directory -> {
                    stopDatabaseServers(directory);
                    FileSystemUtils.deleteRecursively(directory.toFile());
                }));
    }

    private static void stopDatabaseServers(Path directory) {
        try (var files = Files.find(
                directory,
                4,
                (path, attributes) -> path.getFileName().toString().equals("postmaster.pid"))) {
            files.map(Path::getParent).toList().forEach(cluster -> {
                try {
                    new org.caseexchange.gateway.database.PostgresServer(cluster, "nobody").stopIfRunning();
                } catch (RuntimeException e) {
                    // Stopped meanwhile by its own gateway.
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Nothing to stop.
        }
    }

    private ScratchDirectories() {}

    /** A new, empty directory, as an absolute path (a child JVM may run elsewhere). */
    public static Path create(String prefix) {
        try {
            Path directory = Files.createTempDirectory(Files.createDirectories(ROOT), prefix)
                    .toAbsolutePath();
            CREATED.add(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
