package org.caseexchange.gateway.audit.export;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.caseexchange.gateway.audit.AuditEntry;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.Checkpoint;
import org.caseexchange.gateway.audit.CheckpointWriter;
import org.caseexchange.gateway.audit.DecisionSummary;
import org.caseexchange.gateway.audit.EntryHash;
import org.caseexchange.gateway.audit.StolenAuditKey;
import org.caseexchange.gateway.audit.evidence.EvidenceStore;
import org.caseexchange.gateway.audit.evidence.PersonIndex;
import org.caseexchange.gateway.casedata.PartialDate;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.casedata.SubjectQuery;
import org.caseexchange.gateway.envelope.OpenedEnvelope;
import org.caseexchange.gateway.envelope.SealedMessage;
import org.caseexchange.gateway.envelope.SecureEnvelope;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.ExampleGateways;
import org.caseexchange.gateway.support.ExchangeRows;
import org.caseexchange.gateway.support.ExportArchives;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.caseexchange.gateway.verifier.ExportVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exports from a running gateway, verified offline: in a separate JVM through the command line, as an
 * auditor would, and in this one for each way an export can be tampered with.
 */
class AuditExportTest {

    private static final SubjectQuery ANA = person(
            "Martínez García",
            "Ana",
            LocalDate.of(1990, 3, 14),
            List.of(new SubjectQuery.DocumentReference("G1234567", "MEX")));
    private static final SubjectQuery OMAR = person("Haddad", "Omar", LocalDate.of(1985, 7, 1), List.of());
    private static final Path CAN_AUDIT = Path.of("certs-example/CAN-IRCC/certs/audit.pem");
    private static final Path USA_ROOT = Path.of("certs-example/USA-USCIS/ca/root-ca.pem");

    private static final Path VERIFIER_JAR = Path.of("target/audit-verifier.jar");

    private static ConfigurableApplicationContext gateway;
    private static Path witness;
    private static final ExampleGateways.Side USA = ExampleGateways.unitedStates(Clock.systemUTC());
    private static UUID firstAboutAna;
    private static UUID secondAboutAna;
    private static UUID aboutOmar;
    private static UUID expired;
    private static Instant beforeAll;

    @TempDir
    Path folder;

    @BeforeAll
    static void aGatewayThatHasAnsweredSomeQueries() throws IOException {
        witness = Files.createTempDirectory("witness");
        gateway = EmbeddedGatewayTest.startGateway(
                Map.of("gateway.audit.checkpoints.witness-folder", witness.toString()));
        exchange(null, Instant.now().plus(Duration.ofDays(365)));
        gateway.getBean(CheckpointWriter.class).writeNow();
        beforeAll = Instant.now();
        firstAboutAna = exchange(ANA, Instant.now().plus(Duration.ofDays(365)));
        aboutOmar = exchange(OMAR, Instant.now().plus(Duration.ofDays(365)));
        gateway.getBean(CheckpointWriter.class).writeNow();
        secondAboutAna = exchange(ANA, Instant.now().plus(Duration.ofDays(365)));
        expired = exchange(null, Instant.now().minusSeconds(1));
        assertThat(gateway.getBean(EvidenceStore.class).destroyExpired(10)).isEqualTo(2);
    }

    /** The person as a query names them. */
    private static SubjectQuery person(
            String family, String given, LocalDate born, List<SubjectQuery.DocumentReference> documents) {
        return new SubjectQuery(
                List.of(new PersonRecord.Name(family, given, null)),
                Optional.of(PartialDate.of(born)),
                "UNKNOWN",
                Set.of(),
                documents);
    }

    @AfterAll
    static void stop() throws IOException {
        gateway.close();
        try (var files = Files.walk(witness)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        }
    }

    /** One query answered as the exchange flow will: evidence, person index, audit entries, all in one transaction. */
    private static UUID exchange(SubjectQuery person, Instant retainUntil) {
        UUID exchange = UUID.randomUUID();
        SecureEnvelope envelope = gateway.getBean(SecureEnvelope.class);
        Partner usa = gateway.getBean(PartnerDirectory.class).find("USA-USCIS").orElseThrow();
        EvidenceStore evidence = gateway.getBean(EvidenceStore.class);
        AuditLog log = gateway.getBean(AuditLog.class);
        byte[] sealed = USA.envelope()
                .seal(("<caseQuery id='" + exchange + "'/>").getBytes(UTF_8), USA.partner())
                .sealed();
        gateway.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
            OpenedEnvelope opened = envelope.open(sealed, usa);
            log.record(evidence.keepInbound(exchange, sealed, opened, retainUntil)
                    .attachTo(AuditEvent.of(AuditEventType.RECEIVED, exchange, "USA-USCIS")));
            if (person != null) {
                gateway.getBean(PersonIndex.class).index(exchange, person);
            }
            log.record(AuditEvent.of(AuditEventType.DECIDED, exchange, "USA-USCIS")
                    .withDecision(new DecisionSummary("ALLOW", List.of("R-001"), "1@" + "cd".repeat(32), null)));
            SealedMessage reply = envelope.seal(("<caseResponse to='" + exchange + "'/>").getBytes(UTF_8), usa);
            log.record(evidence.keepOutbound(exchange, usa, reply, retainUntil)
                    .attachTo(AuditEvent.of(AuditEventType.REPLY_SENT, exchange, "USA-USCIS")));
            // The exchange's row keeps the reply as sent, as the flow's does: our evidence reads it there.
            ExchangeRows.answered(
                    gateway.getBean(org.springframework.jdbc.core.JdbcTemplate.class), exchange, reply.sealed());
        });
        return exchange;
    }

    @Test
    void theExportOfOneExchangeVerifiesOfflineInASeparateJvm() throws Exception {
        Path export = folder.resolve("exchange.zip");
        try (var out = Files.newOutputStream(export)) {
            exporter().exportExchange(secondAboutAna, "auditor:carol", out);
        }

        Run run = verifyInSeparateJvm(export);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("VERIFIED: exchange.zip")
                .contains("signed by USA-USCIS")
                .doesNotContain("PROBLEM");
        assertThat(gateway.getBean(AuditLog.class).entriesOfType(AuditEventType.AUDITOR_ACTION))
                .anySatisfy(entry -> assertThat(entry.actor()).isEqualTo("auditor:carol"));
    }

    @Test
    void aTamperedExportFailsInASeparateJvmWithTheEntryNamed() throws Exception {
        Map<String, byte[]> files = unzip(exportOf(secondAboutAna));
        String entries = new String(files.get(ExportFormat.ENTRIES), UTF_8);
        files.put(
                ExportFormat.ENTRIES,
                entries.replaceFirst("\"actor\":\"system\"", "\"actor\":\"systen\"")
                        .getBytes(UTF_8));
        Path export = folder.resolve("tampered.zip");
        Files.write(export, zip(withManifestDigests(files)));

        Run run = verifyInSeparateJvm(export);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output())
                .containsPattern("PROBLEM  log: seq \\d+: a covered field was changed")
                .contains("NOT VERIFIED");
    }

    @Test
    void theSameFilesZippedAgainOrUnpackedIntoAFolderVerifyAsTheyWere() throws Exception {
        Map<String, byte[]> files = unzip(exportOf(secondAboutAna));
        Path unpacked = folder.resolve("unpacked");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = unpacked.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        Files.writeString(unpacked.resolve(".DS_Store"), "a file manager's own");
        Path zippedAgain = folder.resolve("zipped-again.zip");
        Files.write(zippedAgain, zipAsAnArchiverDoes("export-" + secondAboutAna + "/", files));

        Run fromFolder = verifyInSeparateJvm(unpacked);
        Run fromZippedAgain = verifyInSeparateJvm(zippedAgain);

        assertThat(fromFolder.exitCode()).as(fromFolder.output()).isZero();
        assertThat(fromFolder.output()).contains("signed by USA-USCIS").doesNotContain("PROBLEM");
        assertThat(fromZippedAgain.exitCode()).as(fromZippedAgain.output()).isZero();
        assertThat(fromZippedAgain.output())
                .contains("left aside as not part of the export")
                .contains("__MACOSX/")
                .contains("signed by USA-USCIS")
                .doesNotContain("PROBLEM");

        Files.writeString(unpacked.resolve("evidence/note.txt"), "added after the export");
        Run withAnAddedFile = verifyInSeparateJvm(unpacked);
        assertThat(withAnAddedFile.exitCode()).isEqualTo(1);
        assertThat(withAnAddedFile.output())
                .contains("PROBLEM  evidence/note.txt: in the export but not in the manifest");
    }

    @Test
    void aRewrittenLogUnderACheckpointSignedWithAStolenKeyIsFoundOnlyAgainstTheWitness() throws Exception {
        Map<String, byte[]> files = unzip(exportOf(firstAboutAna));
        // The ALLOW decision becomes a REFUSE; the chain is recomputed from there and every checkpoint
        // of the export after it signed again with the audit key, as someone holding its keystore can.
        List<AuditEntry> entries = new ArrayList<>();
        for (String line : new String(files.get(ExportFormat.ENTRIES), UTF_8).split("\n")) {
            entries.add(ExportFormat.entryFromJson(
                    new ObjectMapper().readValue(line, new TypeReference<Map<String, Object>>() {})));
        }
        int changed = -1;
        for (int i = 0; i < entries.size() && changed < 0; i++) {
            if (entries.get(i).event().equals("DECIDED")
                    && firstAboutAna.equals(entries.get(i).exchangeId())) {
                changed = i;
            }
        }
        assertThat(changed).isNotNegative();
        StringBuilder rewritten = new StringBuilder();
        String previous = changed == 0
                ? entries.get(0).previousHash()
                : entries.get(changed - 1).hash();
        Map<Long, String> hashes = new TreeMap<>();
        for (int i = 0; i < entries.size(); i++) {
            AuditEntry entry = entries.get(i);
            if (i >= changed) {
                String decision = i == changed ? entry.decision().replace("ALLOW", "REFUSE") : entry.decision();
                AuditEntry unhashed = new AuditEntry(
                        entry.seq(),
                        entry.recordedAt(),
                        entry.event(),
                        entry.exchangeId(),
                        entry.partner(),
                        entry.actor(),
                        entry.reasonCode(),
                        entry.digests(),
                        decision,
                        entry.evidence(),
                        previous,
                        null);
                entry = new AuditEntry(
                        entry.seq(),
                        entry.recordedAt(),
                        entry.event(),
                        entry.exchangeId(),
                        entry.partner(),
                        entry.actor(),
                        entry.reasonCode(),
                        entry.digests(),
                        decision,
                        entry.evidence(),
                        previous,
                        EntryHash.compute(unhashed));
                previous = entry.hash();
            }
            hashes.put(entry.seq(), entry.hash());
            rewritten
                    .append(new ObjectMapper().writeValueAsString(ExportFormat.toJson(entry)))
                    .append('\n');
        }
        files.put(ExportFormat.ENTRIES, rewritten.toString().getBytes(UTF_8));
        long changedSeq = entries.get(changed).seq();
        for (String name : List.copyOf(files.keySet())) {
            if (name.startsWith(ExportFormat.CHECKPOINTS)) {
                Checkpoint original =
                        Checkpoint.parse(new String(files.get(name), UTF_8)).orElseThrow();
                if (original.logSize() >= changedSeq) {
                    files.put(
                            name,
                            StolenAuditKey.sign(original.logSize(), hashes.get(original.logSize()), original.signedAt())
                                    .fileText()
                                    .getBytes(UTF_8));
                }
            }
        }
        Path forged = folder.resolve("forged.zip");
        Files.write(forged, zip(withManifestDigests(files)));

        Run withoutWitness = verifyInSeparateJvm(forged);
        Run againstTheWitness = verifyInSeparateJvm(forged, "--witness", witness.toString());

        assertThat(withoutWitness.exitCode())
                .as("a stolen key makes the forgery consistent: " + withoutWitness.output())
                .isZero();
        assertThat(againstTheWitness.exitCode()).as(againstTheWitness.output()).isEqualTo(1);
        assertThat(againstTheWitness.output())
                .containsPattern("PROBLEM  log: seq \\d+: not the entry the witnessed checkpoint signed at");
        Files.write(folder.resolve("untouched.zip"), exportOf(firstAboutAna));
        Run untouched = verifyInSeparateJvm(folder.resolve("untouched.zip"), "--witness", witness.toString());
        assertThat(untouched.exitCode()).as(untouched.output()).isZero();
        assertThat(untouched.output())
                .containsPattern("witness: [1-9]\\d* of \\d+ witnessed checkpoints fall within the stretch");
    }

    @Test
    void theVerifierJarExplainsItselfAndItsExitCodes() throws Exception {
        Run help = runVerifierJar("--help");
        Run wrong = runVerifierJar("export.zip");

        assertThat(help.exitCode()).isZero();
        assertThat(help.output())
                .contains("Usage: audit-verifier")
                .contains("--audit-certificate=PEM")
                .contains("--witness=FOLDER")
                .contains("Exit codes:")
                .contains("1   the export does not verify");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.output()).contains("Missing required option: '--audit-certificate=PEM'");
        Run absent = verifyInSeparateJvm(folder.resolve("absent.zip"));
        assertThat(absent.exitCode()).isEqualTo(2);
        assertThat(absent.output()).contains("no export at");
    }

    @Test
    void aPersonsExportHoldsTheirExchangesOnly() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter()
                .exportPerson(
                        person("MARTINEZ GARCIA", "ana", LocalDate.of(1990, 3, 14), List.of()), "auditor:carol", out);

        Map<String, byte[]> files = unzip(out.toByteArray());
        assertThat(manifest(files).get("exchanges"))
                .asList()
                .containsExactlyInAnyOrder(firstAboutAna.toString(), secondAboutAna.toString());
        assertThat(evidenceOf(files)).containsOnly(firstAboutAna.toString(), secondAboutAna.toString());
        assertThat(new String(files.get(ExportFormat.MANIFEST), UTF_8))
                .doesNotContain("MART")
                // The date as any form would write it; "1990" alone turns up in hex digests by chance.
                .doesNotContain("1990-03")
                .doesNotContain("19900314");
        assertThat(verify(out.toByteArray()).problems()).isEmpty();
    }

    @Test
    void aRangeExportVerifiesAndReportsDestroyedEvidenceAsDestroyed() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter().exportRange(beforeAll, Instant.now().plusSeconds(1), "auditor:carol", out);

        ExportVerifier.Report report = verify(out.toByteArray());
        assertThat(report.problems()).isEmpty();
        assertThat(manifest(unzip(out.toByteArray())).get("exchanges"))
                .asList()
                .contains(firstAboutAna.toString(), aboutOmar.toString(), expired.toString());
        assertThat(report.checked())
                .anySatisfy(line -> assertThat(line).contains("destroyed at the end of its retention"));
        assertThat(report.checked())
                .filteredOn(line -> line.contains("signed by USA-USCIS"))
                .hasSize(3);
    }

    @Test
    void eachKindOfTamperingIsReported() throws IOException {
        byte[] export = exportOf(firstAboutAna);
        Map<String, byte[]> original = unzip(export);
        assertThat(verify(export).problems()).isEmpty();
        String inbound = evidenceFolders(original).get(0);

        assertProblem(
                original,
                false,
                files -> files.put(
                        ExportFormat.ENTRIES,
                        (new String(files.get(ExportFormat.ENTRIES), UTF_8) + " ").getBytes(UTF_8)),
                ExportFormat.ENTRIES + ": SHA-256 is");
        assertProblem(
                original,
                true,
                files -> files.put(inbound + "signed.der", flipLastByte(files.get(inbound + "signed.der"))),
                "content is not the content whose digests entry");
        assertProblem(
                original,
                true,
                files -> files.keySet().removeIf(name -> name.startsWith(ExportFormat.CHECKPOINTS)),
                "no signed checkpoint of log size");
        assertProblem(
                original,
                true,
                files -> files.put(ExportFormat.ENTRIES, dropLine(files.get(ExportFormat.ENTRIES), 1)),
                "entries missing before this one");
        assertProblem(
                original,
                true,
                files -> files.put(ExportFormat.ENTRIES, swapLines(files.get(ExportFormat.ENTRIES), 1, 2)),
                "does not link to the entry before it");
        assertProblem(
                original,
                true,
                files -> files.keySet().removeIf(name -> name.startsWith(inbound) && name.endsWith(".der")),
                "content missing, and the log records no destruction");

        ExportVerifier withoutAnchor = new ExportVerifier(List.of(certificate(CAN_AUDIT)), Map.of());
        assertThat(withoutAnchor.verify(new ByteArrayInputStream(export)).problems())
                .anySatisfy(problem -> assertThat(problem).contains("no trust anchor was given for USA-USCIS"));
        ExportVerifier wrongAuditKey = new ExportVerifier(
                List.of(certificate(Path.of("certs-example/USA-USCIS/certs/audit.pem"))),
                Map.of("USA-USCIS", List.of(certificate(USA_ROOT))));
        assertThat(wrongAuditKey.verify(new ByteArrayInputStream(export)).problems())
                .anySatisfy(problem ->
                        assertThat(problem).contains("signature does not verify with any audit certificate given"));
    }

    private void assertProblem(
            Map<String, byte[]> original, boolean fixManifest, Consumer<Map<String, byte[]>> tamper, String expected)
            throws IOException {
        Map<String, byte[]> files = new TreeMap<>(original);
        tamper.accept(files);
        byte[] tampered = zip(fixManifest ? withManifestDigests(files) : files);
        assertThat(verify(tampered).problems())
                .as(expected)
                .anySatisfy(problem -> assertThat(problem).contains(expected));
    }

    private static AuditExporter exporter() {
        return gateway.getBean(AuditExporter.class);
    }

    private static byte[] exportOf(UUID exchange) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter().exportExchange(exchange, "auditor:carol", out);
        return out.toByteArray();
    }

    private static ExportVerifier.Report verify(byte[] export) throws IOException {
        return new ExportVerifier(List.of(certificate(CAN_AUDIT)), Map.of("USA-USCIS", List.of(certificate(USA_ROOT))))
                .verify(new ByteArrayInputStream(export));
    }

    record Run(int exitCode, String output) {}

    /** The verifier jar the build produces, in a fresh JVM, on nothing but the export and two public certificates. */
    private static Run verifyInSeparateJvm(Path export, String... more) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(
                export.toString(),
                "--audit-certificate",
                CAN_AUDIT.toString(),
                "--trust-anchor",
                "USA-USCIS=" + USA_ROOT));
        arguments.addAll(List.of(more));
        return runVerifierJar(arguments.toArray(String[]::new));
    }

    private static Run runVerifierJar(String... arguments) throws Exception {
        assertThat(VERIFIER_JAR).as("built by the build before the tests run").isRegularFile();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", VERIFIER_JAR.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    /**
     * The files as an archiver zips the folder they were unpacked into: inside that folder, with an
     * entry per folder, in another order and compression, and with the archiver's own resource forks.
     */
    private static byte[] zipAsAnArchiverDoes(String enclosing, Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(9);
            Set<String> folders = new java.util.TreeSet<>();
            folders.add(enclosing);
            files.keySet().forEach(name -> {
                for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                    folders.add(enclosing + name.substring(0, slash + 1));
                }
            });
            for (String directory : folders) {
                zip.putNextEntry(new ZipEntry(directory));
                zip.closeEntry();
            }
            List<String> names = new ArrayList<>(files.keySet());
            java.util.Collections.reverse(names);
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(enclosing + name));
                zip.write(files.get(name));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("__MACOSX/" + enclosing + "._manifest.json"));
            zip.write(new byte[] {0, 5, 22, 7});
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private static X509Certificate certificate(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> unzip(byte[] export) throws IOException {
        return ExportArchives.unzip(export);
    }

    private static byte[] zip(Map<String, byte[]> files) throws IOException {
        return ExportArchives.zip(files);
    }

    private static Map<String, byte[]> withManifestDigests(Map<String, byte[]> files) throws IOException {
        return ExportArchives.withManifestDigests(files);
    }

    private static Map<String, Object> manifest(Map<String, byte[]> files) throws IOException {
        return new ObjectMapper()
                .readValue(files.get(ExportFormat.MANIFEST), new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    private static List<String> evidenceFolders(Map<String, byte[]> files) throws IOException {
        List<String> folders = new ArrayList<>();
        for (String name : files.keySet()) {
            if (name.endsWith("/record.json")) {
                Map<String, Object> record =
                        new ObjectMapper().readValue(files.get(name), new TypeReference<Map<String, Object>>() {});
                String folder = name.substring(0, name.length() - "record.json".length());
                if ("INBOUND".equals(record.get("direction"))) {
                    folders.add(0, folder);
                } else {
                    folders.add(folder);
                }
            }
        }
        return folders;
    }

    private static List<String> evidenceOf(Map<String, byte[]> files) throws IOException {
        List<String> exchanges = new ArrayList<>();
        for (String name : files.keySet()) {
            if (name.endsWith("/record.json")) {
                exchanges.add((String) new ObjectMapper()
                        .readValue(files.get(name), new TypeReference<Map<String, Object>>() {})
                        .get("exchangeId"));
            }
        }
        return exchanges;
    }

    private static byte[] flipLastByte(byte[] content) {
        byte[] changed = content.clone();
        changed[changed.length - 1] ^= 1;
        return changed;
    }

    private static byte[] dropLine(byte[] jsonLines, int index) {
        List<String> lines = new ArrayList<>(List.of(new String(jsonLines, UTF_8).split("\n")));
        lines.remove(index);
        return (String.join("\n", lines) + "\n").getBytes(UTF_8);
    }

    private static byte[] swapLines(byte[] jsonLines, int first, int second) {
        List<String> lines = new ArrayList<>(List.of(new String(jsonLines, UTF_8).split("\n")));
        String kept = lines.get(first);
        lines.set(first, lines.get(second));
        lines.set(second, kept);
        return (String.join("\n", lines) + "\n").getBytes(UTF_8);
    }
}
