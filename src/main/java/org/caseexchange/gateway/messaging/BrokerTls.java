package org.caseexchange.gateway.messaging;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.activemq.broker.SslContext;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.Partner;

/**
 * The broker TLS: our TLS certificate towards clients, the partners' trust anchors for theirs; and the
 * same two when we are the client of a partner's broker.
 */
final class BrokerTls {

    private BrokerTls() {}

    static SslContext context(GatewayIdentity identity, List<Partner> partners) {
        var keyManagers = identity.tlsKeyManagers()
                .orElseThrow(() -> new InvalidConfigurationException(
                        "gateway.identity.tls-key-alias",
                        "required for the broker's TLS transport (gateway.broker.ports.openwire-tls)"));
        return new SslContext(keyManagers, trustManagers(partners), new SecureRandom());
    }

    /** Trust in exactly the given partners' anchors: for their client certificates, or their broker's. */
    static TrustManager[] trustManagers(List<Partner> partners) {
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
            return trust.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the broker's TLS trust", e);
        }
    }
}
