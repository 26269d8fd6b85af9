package org.caseexchange.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
        // Best effort: a gateway still closing may write one more file, which only `mvn clean` then removes.
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> CREATED.forEach(directory -> FileSystemUtils.deleteRecursively(directory.toFile())), "scratch-cleanup"));
    }

    private ScratchDirectories() {
    }

    /** A new, empty directory, as an absolute path (a child JVM may run elsewhere). */
    public static Path create(String prefix) {
        try {
            Path directory = Files.createTempDirectory(Files.createDirectories(ROOT), prefix).toAbsolutePath();
            CREATED.add(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
