package org.caseexchange.gateway.envelope;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.Provider;
import java.time.Clock;
import java.util.function.Supplier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.Partner;

/**
 * The envelope on BouncyCastle's CMS, with certificate paths validated by the JDK. One instance of
 * the BouncyCastle provider is held here and passed explicitly, never installed in the JVM, so no
 * other code's algorithm lookups change.
 */
public final class CmsSecureEnvelope implements SecureEnvelope {

    private final EnvelopeSealer sealer;
    private final EnvelopeOpener opener;
    private final MeterRegistry meters;
    private final Counter opened;

    public CmsSecureEnvelope(
            GatewayIdentity identity, EnvelopeProperties properties, Clock clock, MeterRegistry meters) {
        Provider provider = new BouncyCastleProvider();
        this.meters = meters;
        this.opened = Counter.builder("gateway.envelope.opened")
                .description("Messages opened and verified")
                .register(meters);
        this.sealer = new EnvelopeSealer(identity, clock, provider, meters);
        this.opener = new EnvelopeOpener(
                properties.maxMessageSize().toBytes(),
                new RecipientKeys(identity, properties.encryptionKeyRollover(), clock, provider, meters),
                new SignerCertificateValidator(clock),
                provider);
    }

    @Override
    public SealedMessage seal(byte[] payload, Partner recipient) {
        return sealer.seal(payload, recipient);
    }

    @Override
    public OpenedEnvelope open(byte[] sealed, Partner expectedSender) {
        return counted(() -> opener.open(sealed, expectedSender));
    }

    private OpenedEnvelope counted(Supplier<OpenedEnvelope> open) {
        try {
            OpenedEnvelope message = open.get();
            opened.increment();
            return message;
        } catch (EnvelopeException e) {
            Counter.builder("gateway.envelope.refused")
                    .description("Messages refused by the envelope layer")
                    .tag("reason", e.reason().name())
                    .register(meters)
                    .increment();
            throw e;
        }
    }
}
