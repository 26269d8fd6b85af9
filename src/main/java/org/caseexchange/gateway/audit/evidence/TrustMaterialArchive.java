package org.caseexchange.gateway.audit.evidence;

import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import org.caseexchange.gateway.database.Timestamps;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.caseexchange.gateway.trust.Sha256;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every partner anchor and CRL the gateway has held, by digest, so that evidence can be re-verified
 * with the revocation status as of its receipt long after the CRL was replaced. Stored at start-up,
 * which is when the gateway loads them.
 */
public class TrustMaterialArchive {

    public enum Kind {
        CERTIFICATE,
        CRL
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public TrustMaterialArchive(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void remember(PartnerDirectory directory) {
        for (Partner partner : directory.all()) {
            for (X509Certificate anchor : partner.trustAnchors()) {
                remember(Kind.CERTIFICATE, encoded(anchor));
            }
            for (X509CRL crl : partner.crls()) {
                remember(Kind.CRL, encoded(crl));
            }
        }
    }

    public Optional<byte[]> read(String digest) {
        return jdbc
                .query(
                        "SELECT content FROM trust_material WHERE digest = ?",
                        (row, n) -> row.getBytes("content"),
                        digest)
                .stream()
                .findFirst();
    }

    /** Under the SHA-256 of its DER encoding, which is what {@link Sha256#fingerprint} names it by. */
    private void remember(Kind kind, byte[] content) {
        String digest = Sha256.hex(content);
        Integer held =
                jdbc.queryForObject("SELECT COUNT(*) FROM trust_material WHERE digest = ?", Integer.class, digest);
        if (held == 0) {
            jdbc.update(
                    "INSERT INTO trust_material (digest, kind, content, first_held_at) VALUES (?, ?, ?, ?)",
                    digest,
                    kind.name(),
                    content,
                    Timestamps.utc(clock.instant()));
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate that was decoded", e);
        }
    }

    private static byte[] encoded(X509CRL crl) {
        try {
            return crl.getEncoded();
        } catch (CRLException e) {
            throw new IllegalStateException("cannot encode a CRL that was decoded", e);
        }
    }
}
