package org.caseexchange.gateway.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.caseexchange.gateway.audit.export.ExportFormat;

/**
 * The files of an export, whatever holds them: the ZIP the gateway wrote, the same files zipped again
 * by another tool, or a folder they were unpacked into. What the verifier checks is the files and the
 * manifest's digests of them; the container's own entries (folders, a single enclosing folder, the
 * resource forks and thumbnails an archiver or file manager adds) are not part of an export.
 *
 * @param files by their names in the export, with {@code /} between folders
 * @param problems names that an export never uses, or a duplicate; each makes the export fail
 * @param ignored what was left aside as the container's own
 */
record ExportFiles(Map<String, byte[]> files, List<String> problems, List<String> ignored) {

    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    static final long MAX_TOTAL_BYTES = 1024L * 1024 * 1024;
    private static final Pattern CONTAINER_OWN =
            Pattern.compile("(.*/)?(__MACOSX/.*|\\.DS_Store|Thumbs\\.db|desktop\\.ini|\\._.*)");

    /** A folder of unpacked files, or a ZIP file. */
    static ExportFiles read(Path export) throws IOException {
        if (Files.isDirectory(export)) {
            return fromFolder(export);
        }
        try (InputStream in = Files.newInputStream(export)) {
            return fromZip(in);
        }
    }

    static ExportFiles fromZip(InputStream zipped) throws IOException {
        Collector collector = new Collector();
        try (ZipInputStream zip = new ZipInputStream(zipped)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.isDirectory()) {
                    continue;
                }
                collector.add(entry.getName(), zip);
            }
        }
        return collector.done();
    }

    static ExportFiles fromFolder(Path folder) throws IOException {
        Collector collector = new Collector();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = folder.relativize(file)
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), "/");
                try (InputStream in = Files.newInputStream(file)) {
                    collector.add(name, in);
                }
            }
        }
        return collector.done();
    }

    private static final class Collector {
        private final Map<String, byte[]> files = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();
        private final List<String> ignored = new ArrayList<>();
        private long total;

        void add(String name, InputStream content) throws IOException {
            if (CONTAINER_OWN.matcher(name).matches()) {
                ignored.add(name);
                return;
            }
            if (name.startsWith("/")
                    || name.contains("..")
                    || name.contains("\\")
                    || name.contains("//")
                    || files.containsKey(name)) {
                problems.add(name + ": not a file name an export uses");
                return;
            }
            byte[] bytes = content.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES || (total += bytes.length) > MAX_TOTAL_BYTES) {
                throw new IOException("the export is larger than the verifier reads");
            }
            files.put(name, bytes);
        }

        /** Files zipped with the folder that held them all: the names inside that folder are the export's. */
        ExportFiles done() {
            if (!files.containsKey(ExportFormat.MANIFEST)) {
                List<String> enclosing = files.keySet().stream()
                        .filter(name -> name.endsWith("/" + ExportFormat.MANIFEST)
                                && name.indexOf('/') == name.length() - ExportFormat.MANIFEST.length() - 1)
                        .toList();
                if (enclosing.size() == 1) {
                    String prefix =
                            enclosing.get(0).substring(0, enclosing.get(0).length() - ExportFormat.MANIFEST.length());
                    if (files.keySet().stream().allMatch(name -> name.startsWith(prefix))) {
                        Map<String, byte[]> inside = new LinkedHashMap<>();
                        files.forEach((name, bytes) -> inside.put(name.substring(prefix.length()), bytes));
                        ignored.add(prefix + " (the folder that held the export)");
                        return new ExportFiles(inside, problems, ignored);
                    }
                }
            }
            return new ExportFiles(files, problems, ignored);
        }
    }
}
