package org.caseexchange.gateway.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnection;
import org.apache.activemq.broker.TransportConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a socket that has not logged in within {@code gateway.broker.limits.login-timeout}, on every
 * transport alike, so that sockets that never log in cannot use up a transport's connections. Runs
 * until the broker stops.
 */
final class LoginDeadline {

    private static final Logger log = LoggerFactory.getLogger(LoginDeadline.class);

    private LoginDeadline() {}

    static void start(BrokerService broker, Duration timeout) {
        Map<TransportConnection, Long> firstSeen = new ConcurrentHashMap<>();
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "broker-login-deadline");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(200, Math.min(2000, timeout.toMillis() / 4));
        sweeper.scheduleWithFixedDelay(
                () -> {
                    if (broker.isStopped() || broker.isStopping()) {
                        sweeper.shutdown();
                        return;
                    }
                    long now = System.nanoTime();
                    java.util.Set<TransportConnection> present = new java.util.HashSet<>();
                    for (TransportConnector connector : broker.getTransportConnectors()) {
                        for (TransportConnection connection : connector.getConnections()) {
                            present.add(connection);
                            if (connection.getConnectionId() != null) {
                                firstSeen.remove(connection);
                                continue;
                            }
                            long seen = firstSeen.computeIfAbsent(connection, any -> now);
                            if (now - seen > timeout.toNanos()) {
                                firstSeen.remove(connection);
                                log.info(
                                        "closing a connection to {} that did not log in within {} s",
                                        connector.getName(),
                                        timeout.toSeconds());
                                connection.stopAsync();
                            }
                        }
                    }
                    firstSeen.keySet().retainAll(present);
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
    }
}
