package org.caseexchange.gateway.messaging;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.apache.activemq.broker.Broker;
import org.apache.activemq.broker.BrokerFilter;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.ConnectionContext;
import org.apache.activemq.command.ConnectionInfo;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.caseexchange.gateway.trust.CertificatePaths;
import org.caseexchange.gateway.trust.Partner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For the partners configured to need one ({@code gateway.broker.client-certificates}), a login is
 * accepted only over the TLS transport and only with a client certificate that names the partner's
 * agency code (organizationIdentifier) and chains, unrevoked, to that partner's own trust anchors: a
 * stolen password alone, or another agency's certificate, opens nothing. The password is still
 * checked after this, by the authentication plugin.
 */
final class ClientCertificatePolicy implements BrokerPlugin {

    private static final Logger log = LoggerFactory.getLogger(ClientCertificatePolicy.class);
    /** The X.520 organizationIdentifier attribute, where the EXAMPLE PKI puts the agency code. */
    private static final String ORGANIZATION_IDENTIFIER = "2.5.4.97";

    private final Map<String, Partner> required;

    ClientCertificatePolicy(List<Partner> partners, List<String> requiredFor) {
        Map<String, Partner> byCode =
                partners.stream().collect(Collectors.toMap(Partner::agencyCode, Function.identity()));
        for (String code : requiredFor) {
            if (!byCode.containsKey(code)) {
                throw new InvalidConfigurationException(
                        "gateway.broker.client-certificates", "'" + code + "' is not a configured partner");
            }
        }
        this.required = requiredFor.stream().collect(Collectors.toMap(Function.identity(), byCode::get));
    }

    @Override
    public Broker installPlugin(Broker next) {
        return new BrokerFilter(next) {
            @Override
            public void addConnection(ConnectionContext context, ConnectionInfo info) throws Exception {
                Partner partner = required.get(info.getUserName());
                if (partner != null && !presentsItsOwnCertificate(partner, info.getTransportContext())) {
                    log.warn(
                            "broker login as {} refused: no valid client certificate of that partner",
                            partner.agencyCode());
                    throw new SecurityException(
                            "partner " + partner.agencyCode() + " must connect over TLS with its client certificate");
                }
                super.addConnection(context, info);
            }
        };
    }

    static boolean presentsItsOwnCertificate(Partner partner, Object transportContext) {
        if (!(transportContext instanceof X509Certificate[] chain) || chain.length == 0) {
            return false;
        }
        return partner.agencyCode().equals(organizationIdentifier(chain[0])) && chainsToAnchors(partner, chain);
    }

    private static String organizationIdentifier(X509Certificate certificate) {
        String name = certificate
                .getSubjectX500Principal()
                .getName(X500Principal.RFC2253, Map.of(ORGANIZATION_IDENTIFIER, "organizationIdentifier"));
        try {
            List<Rdn> identifiers = new LdapName(name)
                    .getRdns().stream()
                            .filter(rdn -> rdn.getType().equals("organizationIdentifier"))
                            .toList();
            return identifiers.size() == 1 && identifiers.get(0).getValue() instanceof String value ? value : null;
        } catch (InvalidNameException e) {
            return null;
        }
    }

    private static boolean chainsToAnchors(Partner partner, X509Certificate[] chain) {
        try {
            List<X509Certificate> path = Arrays.stream(chain)
                    .filter(certificate -> !partner.trustAnchors().contains(certificate))
                    .toList();
            CertificatePaths.validate(
                    path,
                    partner.trustAnchors(),
                    partner.crls(),
                    Instant.now(),
                    partner.crls().isEmpty()
                            ? CertificatePaths.Revocation.NOT_CHECKED
                            : CertificatePaths.Revocation.CHECKED);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
