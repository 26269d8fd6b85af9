package org.caseexchange.gateway.verifier;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.caseexchange.gateway.audit.AuditEntry;
import org.caseexchange.gateway.audit.ChainVerifier;
import org.caseexchange.gateway.audit.Checkpoint;
import org.caseexchange.gateway.audit.EntryHash;
import org.caseexchange.gateway.audit.export.ExportFormat;
import org.caseexchange.gateway.envelope.EnvelopeException;
import org.caseexchange.gateway.envelope.SignedDataVerifier;
import org.caseexchange.gateway.trust.Sha256;

/**
 * Checks an export with nothing but the certificates the auditor trusts: every file against the
 * manifest, every checkpoint's signature against the gateway's audit certificate, the chain from the
 * checkpoint before the stretch to the one after it, each kept message against the digests the chain
 * recorded, and each inbound message's signature with the partner's anchor and the CRLs held at
 * receipt, as of the time of receipt.
 */
public final class ExportVerifier {

    /** Everything checked, in order, and what failed. */
    public record Report(List<String> checked, List<String> problems) {
        public Report {
            checked = List.copyOf(checked);
            problems = List.copyOf(problems);
        }

        public boolean verified() {
            return problems.isEmpty();
        }
    }

    private final List<X509Certificate> auditCertificates;
    private final Map<String, List<X509Certificate>> anchorsByAgency;
    private final Optional<Path> witness;
    private final ObjectMapper json = new ObjectMapper();
    private final SignedDataVerifier signatures = new SignedDataVerifier();
    private final List<String> checked = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    /**
     * @param auditCertificates the gateway's audit certificates (current and earlier ones)
     * @param anchorsByAgency each partner's trust anchors, by agency code
     */
    public ExportVerifier(List<X509Certificate> auditCertificates, Map<String, List<X509Certificate>> anchorsByAgency) {
        this(auditCertificates, anchorsByAgency, Optional.empty());
    }

    /**
     * @param witness a folder holding the witness's copies of the gateway's checkpoints
     *     (docs/audit.md, "Checkpoints"): each one within the export's stretch must match it
     */
    public ExportVerifier(
            List<X509Certificate> auditCertificates,
            Map<String, List<X509Certificate>> anchorsByAgency,
            Optional<Path> witness) {
        this.auditCertificates = List.copyOf(auditCertificates);
        this.anchorsByAgency = Map.copyOf(anchorsByAgency);
        this.witness = witness;
    }

    /** An export as the gateway wrote it: one ZIP. */
    public Report verify(InputStream export) throws IOException {
        return verify(ExportFiles.fromZip(export));
    }

    /** An export as it reached the auditor: a ZIP, zipped again by any tool, or a folder it was unpacked into. */
    public Report verify(Path export) throws IOException {
        return verify(ExportFiles.read(export));
    }

    private Report verify(ExportFiles contents) throws IOException {
        problems.addAll(contents.problems());
        if (!contents.ignored().isEmpty()) {
            checked.add("container: left aside as not part of the export: " + String.join(", ", contents.ignored()));
        }
        Map<String, byte[]> files = new LinkedHashMap<>(contents.files());
        byte[] manifestBytes = files.remove(ExportFormat.MANIFEST);
        if (manifestBytes == null) {
            problems.add("no " + ExportFormat.MANIFEST + ": not an export");
            return report();
        }
        Map<String, Object> manifest = json.readValue(manifestBytes, new TypeReference<>() {});
        if (!ExportFormat.FORMAT.equals(manifest.get("format"))) {
            problems.add("manifest format is " + manifest.get("format") + ", not " + ExportFormat.FORMAT);
            return report();
        }
        checkFiles(files, manifest);
        List<Checkpoint> checkpoints = checkpoints(files);
        List<AuditEntry> entries = entries(files.getOrDefault(ExportFormat.ENTRIES, new byte[0]));
        checkChain(
                entries, checkpoints, witnessed(), number(manifest.get("afterSeq")), number(manifest.get("lastSeq")));
        checkEvidence(files, entries, stringList(manifest.get("exchanges")));
        checkReviews(files, entries, stringList(manifest.get("exchanges")));
        reportCaveats(files);
        return report();
    }

    /** What a partner gave us carries its caveats: the report repeats each, so no reader misses them. */
    private void reportCaveats(Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (!file.getKey().startsWith(ExportFormat.RECEIVED)) {
                continue;
            }
            Map<String, Object> received = json.readValue(file.getValue(), new TypeReference<>() {});
            @SuppressWarnings("unchecked")
            List<Map<String, String>> caveats = (List<Map<String, String>>) received.getOrDefault("caveats", List.of());
            for (Map<String, String> caveat : caveats) {
                checked.add("CAVEAT on what " + file.getKey() + " describes: " + caveat.get("code") + ": "
                        + caveat.get("handling"));
            }
        }
    }

    private Report report() {
        return new Report(checked, problems);
    }

    private void checkFiles(Map<String, byte[]> files, Map<String, Object> manifest) {
        @SuppressWarnings("unchecked")
        Map<String, String> listed = (Map<String, String>) manifest.get("files");
        for (Map.Entry<String, String> file : listed.entrySet()) {
            byte[] content = files.get(file.getKey());
            if (content == null) {
                problems.add(file.getKey() + ": listed in the manifest, missing from the export");
            } else if (!Sha256.hex(content).equals(file.getValue())) {
                problems.add(file.getKey() + ": SHA-256 is " + Sha256.hex(content) + ", the manifest says "
                        + file.getValue());
            }
        }
        files.keySet().stream()
                .filter(name -> !listed.containsKey(name))
                .forEach(name -> problems.add(name + ": in the export but not in the manifest"));
        checked.add("files: " + listed.size() + " listed in the manifest");
    }

    private List<Checkpoint> checkpoints(Map<String, byte[]> files) {
        List<Checkpoint> valid = new ArrayList<>();
        files.entrySet().stream()
                .filter(file -> file.getKey().startsWith(ExportFormat.CHECKPOINTS))
                .forEach(file -> {
                    Optional<Checkpoint> checkpoint = Checkpoint.parse(new String(file.getValue(), UTF_8));
                    if (checkpoint.isEmpty()) {
                        problems.add(file.getKey() + ": not a checkpoint in canonical form");
                    } else if (auditCertificates.stream().noneMatch(checkpoint.get()::isSignedBy)) {
                        problems.add(file.getKey() + ": signature does not verify with any audit certificate given");
                    } else {
                        valid.add(checkpoint.get());
                    }
                });
        valid.sort(Comparator.comparingLong(Checkpoint::logSize));
        checked.add("checkpoints: " + valid.size() + " signed by the gateway's audit key");
        return valid;
    }

    private List<AuditEntry> entries(byte[] jsonLines) throws IOException {
        List<AuditEntry> entries = new ArrayList<>();
        for (String line : new String(jsonLines, UTF_8).split("\n")) {
            if (!line.isBlank()) {
                entries.add(
                        ExportFormat.entryFromJson(json.readValue(line, new TypeReference<Map<String, Object>>() {})));
            }
        }
        return entries;
    }

    /** The witness's copies, signed by the gateway's audit key; an empty list without a witness. */
    private List<Checkpoint> witnessed() throws IOException {
        if (witness.isEmpty()) {
            return List.of();
        }
        List<Checkpoint> copies = new ArrayList<>();
        try (Stream<Path> files = Files.list(witness.get())) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("checkpoint-.*\\.txt"))
                    .sorted()
                    .toList()) {
                Optional<Checkpoint> copy =
                        Files.size(file) > 4096 ? Optional.empty() : Checkpoint.parse(Files.readString(file, UTF_8));
                if (copy.isEmpty()) {
                    problems.add("witness: " + file.getFileName() + " is not a checkpoint in canonical form");
                } else if (auditCertificates.stream().noneMatch(copy.get()::isSignedBy)) {
                    problems.add("witness: " + file.getFileName()
                            + ": signature does not verify with any audit certificate given");
                } else {
                    copies.add(copy.get());
                }
            }
        }
        return copies;
    }

    /**
     * The stretch must start right after a checkpoint (or at the first entry) and end at one; each
     * checkpoint of the export, and each copy at the witness, within it must match its entry.
     */
    private void checkChain(
            List<AuditEntry> entries,
            List<Checkpoint> checkpoints,
            List<Checkpoint> witnessed,
            long afterSeq,
            long lastSeq) {
        String startHash = afterSeq == 0
                ? EntryHash.GENESIS
                : checkpoints.stream()
                        .filter(c -> c.logSize() == afterSeq)
                        .map(Checkpoint::headHash)
                        .findFirst()
                        .orElse(null);
        if (startHash == null) {
            problems.add("no signed checkpoint of log size " + afterSeq + " anchors the start of the stretch");
            startHash = entries.isEmpty() ? EntryHash.GENESIS : entries.get(0).previousHash();
        }
        ChainVerifier verifier = new ChainVerifier(afterSeq, startHash);
        checkpoints.stream()
                .filter(c -> c.logSize() > afterSeq)
                .forEach(c -> verifier.expect(c.logSize(), c.headHash(), "checkpoint signed at " + c.signedAt()));
        List<Checkpoint> witnessedHere = witnessed.stream()
                .filter(c -> c.logSize() >= afterSeq && c.logSize() <= lastSeq)
                .toList();
        for (Checkpoint copy : witnessedHere) {
            if (copy.logSize() == afterSeq) {
                if (!copy.headHash().equals(startHash)) {
                    problems.add("witness: the checkpoint signed at " + copy.signedAt() + " records another entry "
                            + afterSeq + " than the one the stretch starts after");
                }
            } else {
                verifier.expect(copy.logSize(), copy.headHash(), "witnessed checkpoint signed at " + copy.signedAt());
            }
        }
        witness.ifPresent(folder -> checked.add("witness: " + witnessedHere.size() + " of " + witnessed.size()
                + " witnessed checkpoints fall within the stretch and are compared with it"));
        if (checkpoints.stream().noneMatch(c -> c.logSize() == lastSeq)) {
            problems.add("no signed checkpoint of log size " + lastSeq + " anchors the end of the stretch");
        }
        entries.forEach(verifier::accept);
        ChainVerifier.Report report = verifier.report();
        report.problems().forEach(problem -> problems.add("log: " + problem));
        if (report.lastSeq() != lastSeq) {
            problems.add("log: the stretch ends at seq " + report.lastSeq() + ", the manifest says " + lastSeq);
        }
        checked.add("log: entries " + (afterSeq + 1) + " to " + lastSeq + " (" + report.entriesChecked()
                + " entries) chain from checkpoint to checkpoint");
    }

    private void checkEvidence(Map<String, byte[]> files, List<AuditEntry> entries, List<String> exchanges)
            throws IOException {
        for (String name : files.keySet()) {
            if (!name.startsWith(ExportFormat.EVIDENCE) || !name.endsWith("/record.json")) {
                continue;
            }
            String folder = name.substring(0, name.length() - "record.json".length());
            Map<String, Object> record = json.readValue(files.get(name), new TypeReference<>() {});
            String reference = "evidence:" + record.get("id");
            if (!exchanges.contains((String) record.get("exchangeId"))) {
                problems.add(reference + ": belongs to an exchange the manifest does not list");
            }
            List<AuditEntry> referencing = entries.stream()
                    .filter(entry -> reference.equals(entry.evidence()))
                    .toList();
            if (referencing.isEmpty()) {
                problems.add(reference + ": no entry of the log references it");
                continue;
            }
            AuditEntry keptAt = referencing.get(0);
            String sealedDigest = (String) record.get("sealedDigest");
            String signedDigest = (String) record.get("signedDigest");
            if (!keptAt.digest("sealed").equals(Optional.of(sealedDigest))
                    || !keptAt.digest("signed").equals(Optional.of(signedDigest))) {
                problems.add(reference + ": digests differ from those entry " + keptAt.seq() + " recorded");
            }
            byte[] sealed = files.get(folder + "sealed.der");
            byte[] signed = files.get(folder + "signed.der");
            if (sealed == null || signed == null) {
                boolean destroyed =
                        referencing.stream().anyMatch(entry -> entry.event().equals("EVIDENCE_DESTROYED"));
                if (destroyed && record.get("destroyedAt") != null) {
                    checked.add(reference + ": destroyed at the end of its retention; its digests remain in the chain");
                } else {
                    problems.add(reference + ": content missing, and the log records no destruction");
                }
                continue;
            }
            if (!Sha256.hex(sealed).equals(sealedDigest) || !Sha256.hex(signed).equals(signedDigest)) {
                problems.add(
                        reference + ": content is not the content whose digests entry " + keptAt.seq() + " recorded");
                continue;
            }
            if ("INBOUND".equals(record.get("direction"))) {
                checkSignature(
                        reference,
                        signed,
                        (String) record.get("partner"),
                        stringList(record.get("crls")),
                        files,
                        keptAt.recordedAt());
            } else {
                checked.add(reference + ": outbound message, digests match entry " + keptAt.seq());
            }
        }
    }

    /**
     * Each review decided in the stretch for a listed exchange: the people and the justification the
     * export shows must be those the entries chained. The REVIEW_DECIDED entry names the supervisor who
     * confirmed (the officer, on reviews decided before four-eyes), the REVIEW_PROPOSED entry before it
     * the officer who proposed, with the same justification's SHA-256 (and, on an approval, the same
     * person's); and the two are two people. The person an approval released data about must be the one
     * whose SHA-256 the entry chained.
     */
    private void checkReviews(Map<String, byte[]> files, List<AuditEntry> entries, List<String> exchanges)
            throws IOException {
        for (AuditEntry decided : entries) {
            if (!"REVIEW_DECIDED".equals(decided.event())
                    || decided.exchangeId() == null
                    || !exchanges.contains(decided.exchangeId().toString())) {
                continue;
            }
            String name = ExportFormat.reviewFile(decided.exchangeId());
            Optional<String> chained = decided.digest("justification");
            byte[] file = files.get(name);
            if (file == null) {
                problems.add(name + ": missing; entry " + decided.seq() + " records a review of exchange "
                        + decided.exchangeId());
                continue;
            }
            Map<String, Object> review = json.readValue(file, new TypeReference<>() {});
            String justification = (String) review.get("justification");
            Object officer = review.get("officer");
            Object supervisor = review.get("supervisor");
            Object decider = supervisor != null ? supervisor : officer;
            if (!decided.actor().equals(decider)) {
                problems.add(
                        name + ": decided by " + decider + ", entry " + decided.seq() + " records " + decided.actor());
            } else if (chained.isEmpty()) {
                checked.add(name + ": entry " + decided.seq()
                        + " was recorded before justifications were chained; the officer matches");
            } else if (justification == null
                    || !Sha256.hex(justification.getBytes(UTF_8)).equals(chained.get())) {
                problems.add(
                        name + ": the justification is not the one whose SHA-256 entry " + decided.seq() + " recorded");
            } else if (decided.digest("person").isPresent()
                    && !decided.digest("person").equals(personDigest(review.get("person")))) {
                problems.add(name + ": the person is not the one whose SHA-256 entry " + decided.seq() + " recorded");
            } else if (supervisor != null) {
                checkProposal(name, decided, entries, officer, supervisor);
            } else {
                checked.add(name + ": officer and justification are those entry " + decided.seq() + " chained");
            }
        }
    }

    /** The SHA-256 of a person's internal id, as review entries chain it; empty when the export names none. */
    private static Optional<String> personDigest(Object person) {
        return person instanceof String id ? Optional.of(Sha256.hex(id.getBytes(UTF_8))) : Optional.empty();
    }

    private void checkProposal(
            String name, AuditEntry decided, List<AuditEntry> entries, Object officer, Object supervisor) {
        Optional<AuditEntry> proposed = entries.stream()
                .filter(e -> "REVIEW_PROPOSED".equals(e.event())
                        && decided.exchangeId().equals(e.exchangeId())
                        && e.seq() < decided.seq())
                .reduce((first, second) -> second);
        if (officer.equals(supervisor)) {
            problems.add(name + ": proposed and confirmed by the same person, " + officer);
        } else if (proposed.isEmpty()) {
            problems.add(name + ": entry " + decided.seq() + " confirms a review no REVIEW_PROPOSED entry proposed");
        } else if (!proposed.get().actor().equals(officer)
                || !proposed.get().digest("justification").equals(decided.digest("justification"))
                || (proposed.get().digest("person").isPresent()
                        && !proposed.get().digest("person").equals(decided.digest("person")))) {
            problems.add(name + ": the proposal of entry " + proposed.get().seq() + " is not the one entry "
                    + decided.seq() + " confirmed");
        } else {
            checked.add(name + ": proposed by " + officer + " (entry "
                    + proposed.get().seq() + "), confirmed by " + supervisor + " (entry " + decided.seq()
                    + "), with the justification both chained");
        }
    }

    private void checkSignature(
            String reference,
            byte[] signed,
            String partner,
            List<String> crlDigests,
            Map<String, byte[]> files,
            Instant receivedAt) {
        List<X509Certificate> anchors = anchorsByAgency.get(partner);
        if (anchors == null) {
            problems.add(
                    reference + ": no trust anchor was given for " + partner + "; its signature cannot be checked");
            return;
        }
        List<X509CRL> crls = new ArrayList<>();
        for (String digest : crlDigests) {
            byte[] der = files.get(ExportFormat.CRLS + digest + ".der");
            if (der == null) {
                problems.add(reference + ": the CRL " + digest + " held at receipt is missing from the export");
                return;
            }
            crls.add(crl(der));
        }
        try {
            SignedDataVerifier.Verified verified = signatures.verify(signed, anchors, crls, receivedAt);
            if (!partner.equals(verified.signerAgency())) {
                problems.add(reference + ": signed by " + verified.signerAgency() + ", recorded as from " + partner);
            } else {
                checked.add(reference + ": signed by " + partner + " (certificate " + verified.signerFingerprint()
                        + "), valid and unrevoked at receipt " + receivedAt);
            }
        } catch (EnvelopeException e) {
            problems.add(reference + ": the partner's signature does not verify as of receipt " + receivedAt + ": "
                    + e.reason());
        }
    }

    private static X509CRL crl(byte[] der) {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("a CRL in the export cannot be read", e);
        }
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> stringList(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }
}
