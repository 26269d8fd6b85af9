package org.caseexchange.gateway.verifier;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.caseexchange.gateway.trust.CertificateFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line of the offline verifier (docs/audit.md, "Exports and the offline verifier"):
 *
 * <pre>
 * java -jar audit-verifier.jar export.zip --audit-certificate audit.pem [--audit-certificate older-audit.pem] \
 *     [--trust-anchor USA-USCIS=usa-root-ca.pem ...] [--witness /mnt/oversight/CAN-IRCC]
 * </pre>
 *
 * Prints each check and each problem; exits 0 when the export verifies, 1 when it does not, 2 when
 * it cannot be read or the arguments are wrong.
 */
@Command(
        name = "audit-verifier",
        mixinStandardHelpOptions = true,
        version = "audit-verifier, export format " + org.caseexchange.gateway.audit.export.ExportFormat.FORMAT,
        description =
                "Verifies an export of the case-exchange gateway's audit log offline: every file against the manifest,"
                        + " every checkpoint's signature, the chain between checkpoints, each kept message against the digests the"
                        + " chain recorded, each inbound message's signature as of its receipt, and each review's officer and"
                        + " justification.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the export verifies",
            "1:the export does not verify: each problem is printed",
            "2:the export or a certificate cannot be read, or the arguments are wrong"
        })
public final class AuditVerifier implements Callable<Integer> {

    static final int VERIFIED = 0;
    static final int NOT_VERIFIED = 1;
    static final int UNREADABLE = 2;

    @Parameters(
            index = "0",
            paramLabel = "EXPORT",
            description = "the export: its ZIP file, the files zipped again, or the folder they were unpacked into")
    private Path export;

    @Option(
            names = "--audit-certificate",
            required = true,
            paramLabel = "PEM",
            description = "the gateway's audit certificate (PEM); repeat for the certificates of earlier audit keys")
    private List<Path> auditCertificates = new ArrayList<>();

    @Option(
            names = "--trust-anchor",
            paramLabel = "AGENCY=PEM",
            description = "a partner's trust anchor, to re-verify the signatures of its messages; repeat per partner")
    private Map<String, Path> trustAnchors = new LinkedHashMap<>();

    @Option(
            names = "--witness",
            paramLabel = "FOLDER",
            description =
                    "the witness's copies of the gateway's checkpoints: each one within the export's stretch must match it")
    private Path witness;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine command = new CommandLine(new AuditVerifier())
                .setOut(out)
                .setErr(err)
                .setExitCodeExceptionMapper(any -> UNREADABLE)
                .setParameterExceptionHandler((problem, arguments) -> {
                    err.println(problem.getMessage());
                    problem.getCommandLine().usage(err);
                    return UNREADABLE;
                });
        return command.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<X509Certificate> audit = new ArrayList<>();
        Map<String, List<X509Certificate>> anchors = new LinkedHashMap<>();
        try {
            for (Path pem : auditCertificates) {
                audit.addAll(CertificateFiles.readCertificates("--audit-certificate", pem));
            }
            for (Map.Entry<String, Path> anchor : trustAnchors.entrySet()) {
                anchors.computeIfAbsent(anchor.getKey(), any -> new ArrayList<>())
                        .addAll(CertificateFiles.readCertificates("--trust-anchor", anchor.getValue()));
            }
        } catch (InvalidConfigurationException e) {
            err.println("cannot read a certificate: " + e.getMessage());
            return UNREADABLE;
        }
        if (witness != null && !Files.isDirectory(witness)) {
            err.println("the witness " + witness + " is not a folder");
            return UNREADABLE;
        }
        if (!Files.exists(export)) {
            err.println("no export at " + export);
            return UNREADABLE;
        }
        try {
            ExportVerifier.Report report =
                    new ExportVerifier(audit, anchors, Optional.ofNullable(witness)).verify(export);
            report.checked().forEach(line -> out.println("checked  " + line));
            report.problems().forEach(line -> out.println("PROBLEM  " + line));
            out.println(
                    report.verified()
                            ? "VERIFIED: " + export.getFileName()
                            : "NOT VERIFIED: " + report.problems().size() + " problem(s) in " + export.getFileName());
            return report.verified() ? VERIFIED : NOT_VERIFIED;
        } catch (IOException | RuntimeException e) {
            err.println("cannot read the export: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return UNREADABLE;
        }
    }
}
