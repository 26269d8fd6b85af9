package org.caseexchange.gateway.audit;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.Sha256;

/** Signs checkpoints with the audit key, which signs nothing else. */
final class CheckpointSigner {

    private final String agency;
    private final GatewayIdentity identity;
    private final X509Certificate certificate;
    private final String algorithm;

    CheckpointSigner(GatewayIdentity identity) {
        this.agency = identity.agencyCode();
        this.identity = identity;
        this.certificate = identity.auditCertificate();
        String keyAlgorithm = certificate.getPublicKey().getAlgorithm();
        this.algorithm = switch (keyAlgorithm) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default ->
                throw new InvalidConfigurationException(
                        "gateway.identity.audit-key.alias",
                        "the audit key must be an EC or RSA key, not " + keyAlgorithm);
        };
    }

    X509Certificate certificate() {
        return certificate;
    }

    Checkpoint sign(long logSize, String headHash, Instant at) {
        Instant signedAt = at.truncatedTo(ChronoUnit.MICROS);
        String fingerprint = Sha256.fingerprint(certificate);
        try {
            Signature signer = identity.auditSignature(algorithm);
            signer.update(Checkpoint.signedText(agency, logSize, headHash, signedAt, fingerprint, algorithm));
            return new Checkpoint(agency, logSize, headHash, signedAt, fingerprint, algorithm, signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit key cannot sign a checkpoint", e);
        }
    }
}
