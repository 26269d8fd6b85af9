package org.caseexchange.gateway.envelope;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.trust.AlgorithmSuite;
import org.caseexchange.gateway.trust.GatewayIdentity;

/**
 * Our encryption keys as recipients of a message: which of them a message may be addressed to (the
 * current one, and previous ones until the rollover window has passed), and the one private-key
 * operation that opens it. Every use of a private key is counted, so a test (and an operator) can
 * see that refused algorithms never reached one.
 */
final class RecipientKeys {

    private final GatewayIdentity identity;
    private final Duration rollover;
    private final Clock clock;
    private final Provider provider;
    private final Counter privateKeyOperations;

    RecipientKeys(GatewayIdentity identity, Duration rollover, Clock clock, Provider provider, MeterRegistry meters) {
        this.identity = identity;
        this.rollover = rollover;
        this.clock = clock;
        this.provider = provider;
        this.privateKeyOperations = PrivateKeyOperations.counter(meters, "decrypt");
    }

    /** The certificate of ours that the message's one recipient info names, if it is one still in use. */
    X509Certificate addressee(RecipientInformation recipient, AlgorithmSuite suite) {
        for (X509Certificate certificate : accepted(suite)) {
            try {
                if (recipient.getRID().match(new JcaX509CertificateHolder(certificate))) {
                    return certificate;
                }
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("our own certificate cannot be encoded", e);
            }
        }
        throw new EnvelopeException(ReasonCode.ENVELOPE_RECIPIENT_UNKNOWN);
    }

    /**
     * Unwraps the content key and decrypts the content. Every failure in here (key unwrap, key
     * agreement, tag) ends as the same reason, so the answer does not tell which step failed.
     */
    byte[] decrypt(RecipientInformation recipient, AlgorithmSuite suite, X509Certificate addressee) {
        PrivateKey key = identity.encryptionKey(suite, addressee)
                .orElseThrow(() -> new EnvelopeException(ReasonCode.ENVELOPE_RECIPIENT_UNKNOWN));
        Recipient opener = switch (suite) {
            case RSA -> new JceKeyTransAuthEnvelopedRecipient(key).setProvider(provider);
            case EC -> new JceKeyAgreeAuthEnvelopedRecipient(key).setProvider(provider);
        };
        privateKeyOperations.increment();
        try {
            return recipient.getContent(opener);
        } catch (CMSException | RuntimeException e) {
            throw new EnvelopeException(ReasonCode.ENVELOPE_DECRYPTION_FAILED);
        }
    }

    private List<X509Certificate> accepted(AlgorithmSuite suite) {
        List<X509Certificate> all = identity.encryptionCertificates(suite);
        List<X509Certificate> accepted = new ArrayList<>(List.of(all.get(0)));
        boolean inRollover =
                clock.instant().isBefore(all.get(0).getNotBefore().toInstant().plus(rollover));
        if (inRollover) {
            accepted.addAll(all.subList(1, all.size()));
        }
        return accepted;
    }
}
