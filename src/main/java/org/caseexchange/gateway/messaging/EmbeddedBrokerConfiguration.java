package org.caseexchange.gateway.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.store.SharedFileLocker;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.Partner;
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
        return new BrokerCredentials(
                BrokerCredentials.GATEWAY_USER, java.util.HexFormat.of().formatHex(random));
    }

    /** The broker's door: failed logins, connections per partner, compressed sends (BrokerDoor). */
    @Bean
    BrokerDoor brokerDoor(
            BrokerProperties properties,
            BrokerCredentials credentials,
            PartnerDirectory partners,
            ObjectProvider<BrokerDoor.Listener> listeners,
            java.time.Clock clock) {
        BrokerProperties.Limits limits = properties.limits();
        java.util.Set<String> codes = new java.util.HashSet<>();
        partners.all().forEach(partner -> codes.add(partner.agencyCode()));
        // Listeners are looked up at each refusal: they use the database, which is not there when the broker starts.
        return new BrokerDoor(
                codes,
                credentials.user(),
                limits.connectionsPerPartner(),
                new LoginBackoff(limits.failedLogins(), limits.loginBackoff(), clock),
                refusal -> listeners.orderedStream().forEach(listener -> listener.refused(refusal)));
    }

    /**
     * {@code gateway.broker.queue.depth} for each configured partner's queues and their dead-letter
     * queues on the embedded broker: queue names are agency codes and kinds, never content.
     */
    @Bean
    io.micrometer.core.instrument.binder.MeterBinder brokerQueueMeters(BrokerQueues queues, PartnerDirectory partners) {
        return meters -> {
            java.util.Set<String> names = new java.util.TreeSet<>();
            for (org.caseexchange.gateway.trust.Partner partner : partners.all()) {
                for (String queue : partner.destinations().inbound()) {
                    names.add(queue);
                    names.add(DeadLetterQueues.of(queue));
                }
                for (String queue : partner.destinations().outbound()) {
                    names.add(queue);
                    names.add(DeadLetterQueues.of(queue));
                }
            }
            for (String name : names) {
                io.micrometer.core.instrument.Gauge.builder(
                                "gateway.broker.queue.depth", queues, all -> all.depth(name))
                        .description("messages in a queue of the embedded broker")
                        .tag("queue", name)
                        .register(meters);
            }
        };
    }

    /** What operators see of the embedded broker's queues; an external broker's are its operator's to watch. */
    @Bean
    BrokerQueues brokerQueues(BrokerService broker) {
        return new BrokerQueues(broker);
    }

    @Bean(destroyMethod = "stop")
    BrokerService embeddedBroker(
            BrokerProperties properties,
            BrokerCredentials credentials,
            PartnerDirectory partners,
            GatewayIdentity identity,
            ObjectProvider<BrokerDeadLetters.Listener> deadLetterListeners,
            BrokerDoor door)
            throws Exception {
        BrokerService broker = new BrokerService();
        broker.setBrokerName(properties.name());
        broker.setDataDirectoryFile(properties.dataDirectory().toFile());
        broker.setPersistenceAdapter(kahaDb(properties));
        BrokerLimits.apply(broker, properties.limits(), properties.dataDirectory());
        // Partners reached over a remote link keep their queues on their own broker and never log in here.
        List<Partner> hosted = partners.all().stream()
                .filter(partner -> !properties.remoteLinks().containsKey(partner.agencyCode()))
                .toList();
        List<BrokerPlugin> plugins = new ArrayList<>(BrokerAccessPolicy.plugins(
                credentials, hosted, properties.partnerPasswordFiles(), properties.clientCertificates()));
        // Listeners are looked up when a message is dead-lettered: they use the database and the audit
        // log, which are not there yet when the broker starts.
        plugins.add(new BrokerDeadLetters(
                letter -> deadLetterListeners.orderedStream().forEach(listener -> listener.deadLettered(letter))));
        // Last, so that it is outermost: it sees each login, connection and send before the other plugins.
        plugins.add(door);
        broker.setPlugins(plugins.toArray(new BrokerPlugin[0]));
        // The gateway manages the lifecycle; JMX would only add a management surface nobody asked for.
        broker.setUseJmx(false);
        broker.setUseShutdownHook(false);
        addConnector(broker, "openwire", "tcp", properties, properties.ports().openwire(), "");
        if (properties.ports().openwireTls() >= 0) {
            broker.setSslContext(BrokerTls.context(identity, hosted));
            // Client certificates are asked for, not required: the gateway's own logins and partners not
            // listed in client-certificates may use TLS with their password alone.
            addConnector(
                    broker,
                    "openwire-tls",
                    "ssl",
                    properties,
                    properties.ports().openwireTls(),
                    "&transport.wantClientAuth=true");
        } else if (!properties.clientCertificates().isEmpty()) {
            throw new InvalidConfigurationException(
                    "gateway.broker.client-certificates",
                    "needs the TLS transport: set gateway.broker.ports.openwire-tls");
        }
        // The jms transformer maps an AMQP data section to the BytesMessage body the routes read; other
        // transformers would hand them the whole encoded AMQP message instead.
        // AMQP's own idle timeout: a peer silent longer than this is disconnected.
        addConnector(
                broker,
                "amqp",
                "amqp",
                properties,
                properties.ports().amqp(),
                "&transport.transformer=jms&wireFormat.idleTimeout="
                        + properties.limits().stompHeartBeat().toMillis());
        addConnector(
                broker,
                "stomp",
                "stomp+gateway",
                properties,
                properties.ports().stomp(),
                "&transport." + StompDoorTransportFactory.HEART_BEAT_OPTION + "="
                        + properties.limits().stompHeartBeat().toMillis());
        BrokerDurability.requireDurable(broker);
        broker.start();
        broker.waitUntilStarted();
        LoginDeadline.start(
                broker, properties.limits().loginTimeout(), properties.limits().pendingLoginsPerAddress());
        for (TransportConnector connector : broker.getTransportConnectors()) {
            log.info("Broker {} listening: {} on {}", properties.name(), connector.getName(), connectUri(connector));
        }
        return broker;
    }

    /**
     * The share of a limit (memory, store, temp, a transport's connections, a partner's share of them)
     * from which health says WARNING.
     */
    static final int PRESSURE_PERCENT = 80;

    @Bean
    HealthIndicator embeddedBrokerHealthIndicator(
            BrokerService embeddedBroker, BrokerDoor door, BrokerProperties properties) {
        int maximum = properties.maxConnections();
        return () -> {
            Map<String, Object> transports = new LinkedHashMap<>();
            for (TransportConnector connector : embeddedBroker.getTransportConnectors()) {
                transports.put(connector.getName(), connectUri(connector));
            }
            Map<String, Object> connections = new LinkedHashMap<>();
            int busiest = 0;
            for (TransportConnector connector : embeddedBroker.getTransportConnectors()) {
                int percent = 100 * connector.connectionCount() / maximum;
                connections.put(connector.getName(), connector.connectionCount() + " of " + maximum);
                busiest = Math.max(busiest, percent);
            }
            // A partner at its own share of connections is pressing too (the share is per transport).
            Map<String, Integer> partnerConnections = door.connectionsByPartnerAndTransport();
            int connectionsPerPartner = properties.limits().connectionsPerPartner();
            for (int held : partnerConnections.values()) {
                busiest = Math.max(busiest, 100 * held / connectionsPerPartner);
            }
            int memory = embeddedBroker.getSystemUsage().getMemoryUsage().getPercentUsage();
            int store = embeddedBroker.getSystemUsage().getStoreUsage().getPercentUsage();
            int temp = embeddedBroker.getSystemUsage().getTempUsage().getPercentUsage();
            boolean running = embeddedBroker.isStarted() && !embeddedBroker.isStopping();
            // A limit near: still serving, but an operator should look (WARNING answers 200; DOWN 503).
            Health.Builder health = !running
                    ? Health.down()
                    : Math.max(Math.max(memory, store), Math.max(temp, busiest)) >= PRESSURE_PERCENT
                            ? Health.status("WARNING")
                            : Health.up();
            return health.withDetail("persistent", embeddedBroker.isPersistent())
                    .withDetail("memoryPercentUsage", memory)
                    .withDetail("storePercentUsage", store)
                    .withDetail("tempPercentUsage", temp)
                    .withDetail("connections", connections)
                    .withDetail("partnerConnections", partnerConnections)
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

    private static void addConnector(
            BrokerService broker, String name, String scheme, BrokerProperties properties, int port, String options)
            throws Exception {
        if (port < 0) {
            return;
        }
        // Denial-of-service limits, as ActiveMQ's own shipped configuration sets them.
        String limits = "?maximumConnections=" + properties.maxConnections() + "&wireFormat.maxFrameSize="
                + properties.maxFrameSize().toBytes();
        if (scheme.equals("tcp") || scheme.equals("ssl")) {
            // An OpenWire error answer carries no stack trace of the broker's.
            limits += "&wireFormat.stackTraceEnabled=false";
        }
        TransportConnector connector =
                broker.addConnector(scheme + "://" + properties.bindAddress() + ":" + port + limits + options);
        connector.setName(name);
    }
}
