package org.caseexchange.gateway.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.caseexchange.gateway.audit.export.ExportFormat;
import org.caseexchange.gateway.trust.Sha256;

/** An export's files, taken out of their ZIP and put back: for the tests that change an export. */
public final class ExportArchives {

    private ExportArchives() {}

    public static Map<String, byte[]> unzip(byte[] export) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(export))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), zip.readAllBytes());
            }
        }
        return files;
    }

    public static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** What someone who tampers and then fixes up the manifest would produce. */
    public static Map<String, byte[]> withManifestDigests(Map<String, byte[]> files) throws IOException {
        Map<String, Object> manifest = new ObjectMapper()
                .readValue(files.get(ExportFormat.MANIFEST), new TypeReference<LinkedHashMap<String, Object>>() {});
        Map<String, String> digests = new TreeMap<>();
        files.forEach((name, content) -> {
            if (!name.equals(ExportFormat.MANIFEST)) {
                digests.put(name, Sha256.hex(content));
            }
        });
        manifest.put("files", digests);
        Map<String, byte[]> fixed = new TreeMap<>(files);
        fixed.put(ExportFormat.MANIFEST, new ObjectMapper().writeValueAsBytes(manifest));
        return fixed;
    }
}
