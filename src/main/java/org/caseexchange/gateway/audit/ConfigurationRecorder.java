package org.caseexchange.gateway.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.caseexchange.gateway.trust.Sha256;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records, at start-up, a change of our keys or of what we trust since the last start: KEY_CHANGED
 * when our certificates differ, CONFIGURATION_CHANGED when a partner's anchors, CRLs, certificates,
 * suite or annexes do. The entry carries the digest of the new state (docs/audit.md, "What is
 * recorded"), so an auditor can tell which configuration an exchange ran under.
 */
final class ConfigurationRecorder {

    private final AuditLog log;
    private final TransactionTemplate transactions;

    ConfigurationRecorder(AuditLog log, TransactionTemplate transactions) {
        this.log = log;
        this.transactions = transactions;
    }

    /** Returns the events it recorded. */
    List<AuditEventType> recordChanges(GatewayIdentity identity, PartnerDirectory directory) {
        String keys = keysDigest(identity);
        String trust = trustDigest(directory);
        boolean keysChanged = !lastDigest(AuditEventType.KEY_CHANGED, "keys").equals(Optional.of(keys));
        boolean trustChanged =
                !lastDigest(AuditEventType.CONFIGURATION_CHANGED, "trust").equals(Optional.of(trust));
        if (keysChanged || trustChanged) {
            transactions.executeWithoutResult(status -> {
                if (keysChanged) {
                    log.record(AuditEvent.of(AuditEventType.KEY_CHANGED, null, null)
                            .withDigest("keys", keys));
                }
                if (trustChanged) {
                    log.record(AuditEvent.of(AuditEventType.CONFIGURATION_CHANGED, null, null)
                            .withDigest("trust", trust));
                }
            });
        }
        return keysChanged && trustChanged
                ? List.of(AuditEventType.KEY_CHANGED, AuditEventType.CONFIGURATION_CHANGED)
                : keysChanged
                        ? List.of(AuditEventType.KEY_CHANGED)
                        : trustChanged ? List.of(AuditEventType.CONFIGURATION_CHANGED) : List.of();
    }

    private Optional<String> lastDigest(AuditEventType type, String role) {
        List<AuditEntry> entries = log.entriesOfType(type);
        return entries.isEmpty()
                ? Optional.empty()
                : entries.get(entries.size() - 1).digest(role);
    }

    /** Our certificates by the alias that names their role. */
    static String keysDigest(GatewayIdentity identity) {
        return digest(identity.certificatesByAlias().entrySet().stream()
                .map(entry -> entry.getKey() + "=" + Sha256.fingerprint(entry.getValue()))
                .collect(Collectors.joining("\n")));
    }

    /** Per partner, in agency order: suite, annexes, and every anchor, CRL and certificate by fingerprint. */
    static String trustDigest(PartnerDirectory directory) {
        Map<String, String> partners = new TreeMap<>();
        for (Partner partner : directory.all()) {
            partners.put(
                    partner.agencyCode(),
                    String.join(
                            "\n",
                            "suite=" + partner.suite(),
                            "annexes=" + partner.annexes().stream().sorted().collect(Collectors.joining(",")),
                            "anchors=" + fingerprints(partner.trustAnchors()),
                            "crls="
                                    + partner.crls().stream()
                                            .map(Sha256::fingerprint)
                                            .collect(Collectors.joining(",")),
                            "signing=" + fingerprints(partner.signingCertificates()),
                            "encryption=" + fingerprints(partner.encryptionCertificates())));
        }
        return digest(partners.entrySet().stream()
                .map(entry -> "[" + entry.getKey() + "]\n" + entry.getValue())
                .collect(Collectors.joining("\n")));
    }

    private static String fingerprints(List<X509Certificate> certificates) {
        return certificates.stream().map(Sha256::fingerprint).collect(Collectors.joining(","));
    }

    private static String digest(String text) {
        return Sha256.hex(text.getBytes(UTF_8));
    }
}
