package org.caseexchange.gateway.messaging;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.caseexchange.gateway.InvalidConfigurationException;

/**
 * Refuses a broker that could lose an acknowledged message. The gateway acknowledges a partner's message
 * only once the broker has it on disk, so an in-memory broker, a journal that is not synced on every
 * write, or a URL that would silently start an in-memory broker stops start-up instead.
 */
final class BrokerDurability {

    /** Network transports of ActiveMQ's OpenWire client; vm: and broker: would create a broker in this JVM. */
    private static final Set<String> NETWORK_SCHEMES = Set.of("tcp", "ssl", "nio", "nio+ssl", "failover");

    private BrokerDurability() {}

    static void requireDurable(BrokerService broker) {
        if (!broker.isPersistent()) {
            throw new InvalidConfigurationException(
                    "gateway.broker.embedded", "the embedded broker must be persistent");
        }
        if (broker.isDeleteAllMessagesOnStartup()) {
            throw new InvalidConfigurationException(
                    "gateway.broker.embedded", "the embedded broker must keep its messages across restarts");
        }
        try {
            if (!(broker.getPersistenceAdapter() instanceof KahaDBPersistenceAdapter kahaDb)
                    || !"ALWAYS".equals(kahaDb.getJournalDiskSyncStrategy())) {
                throw new InvalidConfigurationException(
                        "gateway.broker.embedded",
                        "the embedded broker must use KahaDB with its journal synced on every write");
            }
        } catch (java.io.IOException e) {
            throw new InvalidConfigurationException("gateway.broker.data-directory", "cannot open the broker store", e);
        }
    }

    static URI requireNetworkUrl(String url) {
        String key = "gateway.broker.url";
        if (url == null || url.isBlank()) {
            throw new InvalidConfigurationException(key, "required when gateway.broker.embedded is false");
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!NETWORK_SCHEMES.contains(scheme)) {
                throw new InvalidConfigurationException(
                        key,
                        "'" + scheme + ":' is not a network transport; use one of " + NETWORK_SCHEMES
                                + " (vm: and broker: would start a non-persistent broker inside the gateway)");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException(key, "not a valid URL", e);
        }
    }
}
