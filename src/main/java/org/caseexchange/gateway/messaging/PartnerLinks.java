package org.caseexchange.gateway.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.ActiveMQSslConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * Where each partner's queues are. A hosted partner logs in to our broker, and its queues are reached
 * through the {@value #HOSTED} component. A partner with a remote link ({@code
 * gateway.broker.remote-links}) keeps its queues on its own broker: the gateway logs in there over TLS,
 * with a connection and a Camel component of its own, so that consuming a message and sending its answer
 * commit as one transaction of that broker, as they do on ours.
 *
 * <p>Quarantines always go to our own broker ({@link #quarantineComponent()}): a partner's broker is not
 * where our operators inspect what we refused, and the sender could read or discard it there.
 */
public final class PartnerLinks implements CamelContextConfiguration {

    /** The component of our own broker. */
    public static final String HOSTED = "jms";

    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://");

    private record Link(String component, JmsPoolConnectionFactory connections) {}

    private final Map<String, Link> remote;

    private PartnerLinks(Map<String, Link> remote) {
        this.remote = Map.copyOf(remote);
    }

    /** Every partner hosted on our broker: no remote links. */
    public static PartnerLinks hostedOnly() {
        return new PartnerLinks(Map.of());
    }

    static PartnerLinks connect(BrokerProperties properties, PartnerDirectory directory, GatewayIdentity identity) {
        Map<String, Link> links = new LinkedHashMap<>();
        properties.remoteLinks().forEach((agency, settings) -> {
            String key = "gateway.broker.remote-links." + agency;
            Partner partner = directory
                    .find(agency)
                    .orElseThrow(() ->
                            new InvalidConfigurationException(key, "names no partner configured in gateway.partners"));
            requireTls(key + ".url", settings.url());
            var keyManagers = identity.tlsKeyManagers()
                    .orElseThrow(() -> new InvalidConfigurationException(
                            "gateway.identity.tls-key-alias", "required for the remote link to " + agency));
            ActiveMQSslConnectionFactory activeMq =
                    new ActiveMQSslConnectionFactory(settings.url().strip());
            activeMq.setKeyAndTrustManagers(keyManagers, BrokerTls.trustManagers(List.of(partner)), new SecureRandom());
            activeMq.setUserName(settings.user() == null ? identity.agencyCode() : settings.user());
            activeMq.setPassword(password(key + ".password-file", settings));
            links.put(
                    agency,
                    new Link(
                            "partner-" + agency.toLowerCase(Locale.ROOT),
                            BrokerConnectionConfiguration.pooled(activeMq, properties.redelivery())));
        });
        return new PartnerLinks(links);
    }

    /** The Camel component that reaches this partner's queues. */
    public String componentFor(String agencyCode) {
        Link link = remote.get(agencyCode);
        return link == null ? HOSTED : link.component();
    }

    /** True when the partner logs in to our broker, false when we log in to its own. */
    public boolean isHosted(String agencyCode) {
        return !remote.containsKey(agencyCode);
    }

    /** Where a refused message goes: always our own broker's {@code DLQ.<queue>}. */
    public String quarantineComponent() {
        return HOSTED;
    }

    /** The partners we reach on their own broker. */
    public java.util.Set<String> remotePartners() {
        return remote.keySet();
    }

    /** Checks that the link to the partner's broker accepts our login now. */
    public void check(String agencyCode) throws jakarta.jms.JMSException {
        try (jakarta.jms.Connection connection =
                remote.get(agencyCode).connections().createConnection()) {
            connection.start();
        }
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        remote.values()
                .forEach(link -> camel.addComponent(
                        link.component(), BrokerConnectionConfiguration.component(link.connections())));
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {}

    void stop() {
        remote.values().forEach(link -> link.connections().stop());
    }

    /** Every transport in the URL, failover's included, must be TLS: the link crosses agencies' networks. */
    private static void requireTls(String key, String url) {
        Matcher schemes = SCHEME.matcher(url);
        boolean any = false;
        while (schemes.find()) {
            any = true;
            String scheme = schemes.group(1).toLowerCase(Locale.ROOT);
            if (scheme.equals("failover")) {
                continue;
            }
            if (!scheme.equals("ssl")) {
                throw new InvalidConfigurationException(
                        key, "'" + schemes.group(1) + "://' is not TLS; a remote link uses ssl:// only");
            }
        }
        if (!any) {
            throw new InvalidConfigurationException(key, "names no broker address (ssl://host:port)");
        }
    }

    private static String password(String key, BrokerProperties.RemoteLink settings) {
        try {
            String password = Files.readString(settings.passwordFile(), StandardCharsets.UTF_8)
                    .strip();
            if (password.isEmpty()) {
                throw new InvalidConfigurationException(key, "the file " + settings.passwordFile() + " is empty");
            }
            return password;
        } catch (IOException e) {
            throw new InvalidConfigurationException(
                    key, "cannot read " + settings.passwordFile().toAbsolutePath(), e);
        }
    }
}
