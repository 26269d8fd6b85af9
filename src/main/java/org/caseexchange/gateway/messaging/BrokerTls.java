package org.caseexchange.gateway.messaging;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import org.apache.activemq.broker.SslContext;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.Partner;

/** The embedded broker's TLS: our TLS certificate towards clients, the partners' trust anchors for theirs. */
final class BrokerTls {

    private BrokerTls() {}

    static SslContext context(GatewayIdentity identity, List<Partner> partners) {
        var keyManagers = identity.tlsKeyManagers()
                .orElseThrow(() -> new InvalidConfigurationException(
                        "gateway.identity.tls-key-alias",
                        "required for the broker's TLS transport (gateway.broker.ports.openwire-tls)"));
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            int i = 0;
            for (Partner partner : partners) {
                for (X509Certificate anchor : partner.trustAnchors()) {
                    anchors.setCertificateEntry(partner.agencyCode() + "-" + i++, anchor);
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            return new SslContext(keyManagers, trust.getTrustManagers(), new SecureRandom());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the broker's TLS context", e);
        }
    }
}
