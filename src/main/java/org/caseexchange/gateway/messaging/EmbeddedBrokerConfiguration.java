package org.caseexchange.gateway.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.broker.region.policy.IndividualDeadLetterStrategy;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.apache.activemq.store.SharedFileLocker;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the gateway's own ActiveMQ broker unless {@code gateway.broker.embedded=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gateway.broker.embedded", havingValue = "true", matchIfMissing = true)
class EmbeddedBrokerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBrokerConfiguration.class);

    /** The gateway's own login, made up at each start: nothing at rest opens the broker's every queue. */
    @Bean
    BrokerCredentials brokerCredentials() {
        byte[] random = new byte[24];
        new java.security.SecureRandom().nextBytes(random);
        return new BrokerCredentials(BrokerCredentials.GATEWAY_USER, java.util.HexFormat.of().formatHex(random));
    }

    @Bean(destroyMethod = "stop")
    BrokerService embeddedBroker(BrokerProperties properties, BrokerCredentials credentials, PartnerDirectory partners,
            GatewayIdentity identity, ObjectProvider<BrokerDeadLetters.Listener> deadLetterListeners) throws Exception {
        BrokerService broker = new BrokerService();
        broker.setBrokerName(properties.name());
        broker.setDataDirectoryFile(properties.dataDirectory().toFile());
        broker.setPersistenceAdapter(kahaDb(properties));
        broker.setDestinationPolicy(deadLetterPolicy());
        List<BrokerPlugin> plugins = new ArrayList<>(BrokerAccessPolicy.plugins(credentials, partners.all(), properties.partnerPasswordFiles(),
                properties.clientCertificates()));
        // Listeners are looked up when a message is dead-lettered: they use the database and the audit
        // log, which are not there yet when the broker starts.
        plugins.add(new BrokerDeadLetters(letter -> deadLetterListeners.orderedStream().forEach(listener -> listener.deadLettered(letter))));
        broker.setPlugins(plugins.toArray(new BrokerPlugin[0]));
        // The gateway manages the lifecycle; JMX would only add a management surface nobody asked for.
        broker.setUseJmx(false);
        broker.setUseShutdownHook(false);
        addConnector(broker, "openwire", "tcp", properties, properties.ports().openwire(), "");
        if (properties.ports().openwireTls() >= 0) {
            broker.setSslContext(BrokerTls.context(identity, partners.all()));
            // Client certificates are asked for, not required: the gateway's own logins and partners not
            // listed in client-certificates may use TLS with their password alone.
            addConnector(broker, "openwire-tls", "ssl", properties, properties.ports().openwireTls(), "&transport.wantClientAuth=true");
        } else if (!properties.clientCertificates().isEmpty()) {
            throw new InvalidConfigurationException("gateway.broker.client-certificates",
                    "needs the TLS transport: set gateway.broker.ports.openwire-tls");
        }
        // The jms transformer maps an AMQP data section to the BytesMessage body the routes read; other
        // transformers would hand them the whole encoded AMQP message instead.
        addConnector(broker, "amqp", "amqp", properties, properties.ports().amqp(), "&transport.transformer=jms");
        addConnector(broker, "stomp", "stomp", properties, properties.ports().stomp(), "");
        BrokerDurability.requireDurable(broker);
        broker.start();
        broker.waitUntilStarted();
        for (TransportConnector connector : broker.getTransportConnectors()) {
            log.info("Broker {} listening: {} on {}", properties.name(), connector.getName(), connectUri(connector));
        }
        return broker;
    }

    @Bean
    HealthIndicator embeddedBrokerHealthIndicator(BrokerService embeddedBroker) {
        return () -> {
            Map<String, Object> transports = new LinkedHashMap<>();
            for (TransportConnector connector : embeddedBroker.getTransportConnectors()) {
                transports.put(connector.getName(), connectUri(connector));
            }
            Health.Builder health = embeddedBroker.isStarted() && !embeddedBroker.isStopping() ? Health.up() : Health.down();
            return health.withDetail("persistent", embeddedBroker.isPersistent())
                    .withDetail("storePercentUsage", embeddedBroker.getSystemUsage().getStoreUsage().getPercentUsage())
                    .withDetail("transports", transports)
                    .build();
        };
    }

    /** The address a transport actually listens on (the real port when 0 asked for a free one). */
    static String connectUri(TransportConnector connector) {
        try {
            return String.valueOf(connector.getConnectUri());
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            return "unknown";
        }
    }

    private static KahaDBPersistenceAdapter kahaDb(BrokerProperties properties) throws java.io.IOException {
        KahaDBPersistenceAdapter kahaDb = new KahaDBPersistenceAdapter();
        kahaDb.setDirectory(properties.dataDirectory().resolve("kahadb").toFile());
        kahaDb.setJournalDiskSyncStrategy("ALWAYS");
        // A second gateway on the same data directory must fail at once, not wait forever for the lock.
        SharedFileLocker locker = new SharedFileLocker();
        locker.setFailIfLocked(true);
        kahaDb.setLocker(locker);
        return kahaDb;
    }

    /** Every destination gets its own dead-letter queue, DLQ.&lt;name&gt;, and nothing skips it. */
    private static PolicyMap deadLetterPolicy() {
        IndividualDeadLetterStrategy strategy = new IndividualDeadLetterStrategy();
        strategy.setQueuePrefix(DeadLetterQueues.PREFIX);
        strategy.setTopicPrefix(DeadLetterQueues.PREFIX);
        strategy.setUseQueueForQueueMessages(true);
        strategy.setUseQueueForTopicMessages(true);
        strategy.setProcessNonPersistent(true);
        strategy.setProcessExpired(true);
        PolicyEntry everyDestination = new PolicyEntry();
        everyDestination.setDeadLetterStrategy(strategy);
        PolicyMap policies = new PolicyMap();
        policies.setDefaultEntry(everyDestination);
        return policies;
    }

    private static void addConnector(
            BrokerService broker, String name, String scheme, BrokerProperties properties, int port, String options)
            throws Exception {
        if (port < 0) {
            return;
        }
        // Denial-of-service limits, as ActiveMQ's own shipped configuration sets them.
        String limits = "?maximumConnections=" + properties.maxConnections() + "&wireFormat.maxFrameSize=" + properties.maxFrameSize().toBytes();
        TransportConnector connector = broker.addConnector(scheme + "://" + properties.bindAddress() + ":" + port + limits + options);
        connector.setName(name);
    }
}
