package org.caseexchange.gateway.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of the offline verifier (docs/audit.md, "Exports and the offline verifier"):
 *
 * <pre>
 * java -cp gateway.jar -Dloader.main=org.caseexchange.gateway.verifier.AuditVerifier \
 *     org.springframework.boot.loader.launch.PropertiesLauncher \
 *     export.zip --audit-certificate audit.pem [--audit-certificate older-audit.pem] \
 *     --trust-anchor USA-USCIS=usa-root-ca.pem [...]
 * </pre>
 *
 * Prints each check and each problem; exits 0 when the export verifies, 1 when it does not, 2 when
 * it cannot be read or the arguments are wrong.
 */
public final class AuditVerifier {

    private AuditVerifier() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path export = null;
        List<X509Certificate> auditCertificates = new ArrayList<>();
        Map<String, List<X509Certificate>> anchors = new LinkedHashMap<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--audit-certificate" -> auditCertificates.addAll(certificates(Path.of(args[++i])));
                    case "--trust-anchor" -> {
                        String[] agencyAndFile = args[++i].split("=", 2);
                        anchors.computeIfAbsent(agencyAndFile[0], any -> new ArrayList<>()).addAll(certificates(Path.of(agencyAndFile[1])));
                    }
                    default -> {
                        if (export != null || args[i].startsWith("--")) {
                            return usage(err, "unexpected argument " + args[i]);
                        }
                        export = Path.of(args[i]);
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException | IOException | GeneralSecurityException e) {
            return usage(err, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (export == null || auditCertificates.isEmpty()) {
            return usage(err, "an export and at least one --audit-certificate are required");
        }
        try (InputStream in = Files.newInputStream(export)) {
            ExportVerifier.Report report = new ExportVerifier(auditCertificates, anchors).verify(in);
            report.checked().forEach(line -> out.println("checked  " + line));
            report.problems().forEach(line -> out.println("PROBLEM  " + line));
            out.println(report.verified() ? "VERIFIED: " + export.getFileName()
                    : "NOT VERIFIED: " + report.problems().size() + " problem(s) in " + export.getFileName());
            return report.verified() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("cannot read the export: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 2;
        }
    }

    private static List<X509Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            return certificates;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println("usage: AuditVerifier <export.zip> --audit-certificate <pem> [--audit-certificate <pem>] "
                + "[--trust-anchor <AGENCY>=<pem>]...");
        return 2;
    }
}
