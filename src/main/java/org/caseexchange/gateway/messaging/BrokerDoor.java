package org.caseexchange.gateway.messaging;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.activemq.broker.Broker;
import org.apache.activemq.broker.BrokerFilter;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.ConnectionContext;
import org.apache.activemq.broker.ProducerBrokerExchange;
import org.apache.activemq.command.ConnectionInfo;
import org.apache.activemq.command.Message;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker's door, outermost of its plugins, so that it sees every connection and send
 * before the others: failed logins are counted per user and per address and, beyond
 * {@code gateway.broker.limits.failed-logins}, further logins are refused for a back-off without being
 * checked; a partner holds at most {@code connections-per-partner} connections on each transport; a
 * partner's compressed message is refused before anything inflates it. Each refusal is reported to the
 * gateway (an audit entry) as a {@link Refusal} and answered with a short error that names its reason
 * code: no stack trace, nothing about other clients.
 */
public final class BrokerDoor implements BrokerPlugin {

    private static final Logger log = LoggerFactory.getLogger(BrokerDoor.class);

    /**
     * One refusal at the door.
     *
     * @param partner the partner's agency code when the login named one, else null (an unknown user's
     *     name is never recorded: it is whatever the caller typed)
     * @param address the client's IP address as the broker saw it
     * @param transport the transport connector's name
     */
    public record Refusal(ReasonCode reason, String partner, String address, String transport) {}

    /** Whoever records a refusal; called in the broker's thread. */
    public interface Listener {
        void refused(Refusal refusal);
    }

    /**
     * The error a client gets: a plain {@link SecurityException} (its class name travels to OpenWire
     * clients) whose message names the reason code; the transports send no stack trace with it.
     */
    static SecurityException refused(ReasonCode reason, String detail) {
        return new SecurityException(reason.name() + ": " + detail);
    }

    private final Set<String> partners;
    private final String gatewayUser;
    private final int connectionsPerPartner;
    private final LoginBackoff backoff;
    private final Consumer<Refusal> listener;
    private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();
    private final Map<String, String> admitted = new ConcurrentHashMap<>();

    BrokerDoor(
            Set<String> partners,
            String gatewayUser,
            int connectionsPerPartner,
            LoginBackoff backoff,
            Consumer<Refusal> listener) {
        this.partners = Set.copyOf(partners);
        this.gatewayUser = gatewayUser;
        this.connectionsPerPartner = connectionsPerPartner;
        this.backoff = backoff;
        this.listener = listener;
    }

    /** Connections each partner holds now, by transport: for health. */
    public Map<String, Integer> connectionsByPartnerAndTransport() {
        Map<String, Integer> now = new java.util.TreeMap<>();
        connections.forEach((key, count) -> now.put(key, count.get()));
        return now;
    }

    @Override
    public Broker installPlugin(Broker next) {
        return new BrokerFilter(next) {
            @Override
            public void addConnection(ConnectionContext context, ConnectionInfo info) throws Exception {
                String user = info.getUserName();
                String partner = user != null && partners.contains(user) ? user : null;
                String address = addressOf(context);
                String transport = transportOf(context);
                if (backoff.refusing(user, address)) {
                    if (backoff.firstRefusal(user, address)) {
                        report(new Refusal(ReasonCode.BROKER_LOGIN_THROTTLED, partner, address, transport));
                    }
                    throw refused(ReasonCode.BROKER_LOGIN_THROTTLED, "too many failed logins; try again later");
                }
                String slot = partner == null ? null : partner + "@" + transport;
                if (slot != null
                        && connections
                                        .computeIfAbsent(slot, any -> new AtomicInteger())
                                        .incrementAndGet()
                                > connectionsPerPartner) {
                    connections.get(slot).decrementAndGet();
                    report(new Refusal(ReasonCode.BROKER_CONNECTION_LIMIT, partner, address, transport));
                    throw refused(
                            ReasonCode.BROKER_CONNECTION_LIMIT,
                            "at most " + connectionsPerPartner + " connections on this transport");
                }
                try {
                    super.addConnection(context, info);
                } catch (SecurityException e) {
                    if (slot != null) {
                        connections.get(slot).decrementAndGet();
                    }
                    java.time.Duration wait = backoff.failed(user, address);
                    report(new Refusal(ReasonCode.BROKER_LOGIN_FAILED, partner, address, transport));
                    // In this connection's own thread: only the guesser waits.
                    Thread.sleep(wait.toMillis());
                    throw refused(ReasonCode.BROKER_LOGIN_FAILED, "login refused");
                }
                backoff.succeeded(user, address);
                if (slot != null) {
                    admitted.put(info.getConnectionId().getValue(), slot);
                }
            }

            @Override
            public void removeConnection(ConnectionContext context, ConnectionInfo info, Throwable error)
                    throws Exception {
                try {
                    super.removeConnection(context, info, error);
                } finally {
                    String slot = admitted.remove(info.getConnectionId().getValue());
                    if (slot != null) {
                        connections.get(slot).decrementAndGet();
                    }
                }
            }

            @Override
            public void send(ProducerBrokerExchange exchange, Message message) throws Exception {
                ConnectionContext context = exchange.getConnectionContext();
                String user = context.getUserName();
                if (message.isCompressed() && !gatewayUser.equals(user)) {
                    report(new Refusal(
                            ReasonCode.TRANSPORT_COMPRESSED,
                            user != null && partners.contains(user) ? user : null,
                            addressOf(context),
                            transportOf(context)));
                    throw refused(
                            ReasonCode.TRANSPORT_COMPRESSED, "compressed bodies are refused; send without compression");
                }
                super.send(exchange, message);
            }
        };
    }

    private void report(Refusal refusal) {
        log.warn(
                "broker refused {} on {} from {}: {}",
                refusal.partner() == null ? "a client" : refusal.partner(),
                refusal.transport(),
                refusal.address(),
                refusal.reason());
        try {
            listener.accept(refusal);
        } catch (RuntimeException e) {
            log.error(
                    "A refusal at the broker was not recorded ({})",
                    e.getClass().getName());
        }
    }

    static String addressOf(ConnectionContext context) {
        String remote =
                context.getConnection() == null ? null : context.getConnection().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        String host = remote.replaceFirst("^[a-z+]+://", "").replaceFirst("^/", "");
        int port = host.lastIndexOf(':');
        return port > 0 ? host.substring(0, port) : host;
    }

    private static String transportOf(ConnectionContext context) {
        return context.getConnector() instanceof org.apache.activemq.broker.TransportConnector connector
                        && connector.getName() != null
                ? connector.getName()
                : "vm";
    }
}
