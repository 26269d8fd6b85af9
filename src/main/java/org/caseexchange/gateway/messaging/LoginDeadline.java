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
 * transport alike, so that sockets that never log in cannot use up a transport's connections; and, at
 * once, the newest of the sockets one address holds open without logging in beyond
 * {@code gateway.broker.limits.pending-logins-per-address}, so that one address cannot take them from
 * everyone else for the length of the timeout. Sweeps four times a second, until the broker stops.
 */
final class LoginDeadline {

    private static final Logger log = LoggerFactory.getLogger(LoginDeadline.class);

    private LoginDeadline() {}

    static final long SWEEP_MILLIS = 250;

    static void start(BrokerService broker, Duration timeout, int pendingPerAddress) {
        Map<TransportConnection, Long> firstSeen = new ConcurrentHashMap<>();
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "broker-login-deadline");
            thread.setDaemon(true);
            return thread;
        });
        long period = SWEEP_MILLIS;
        sweeper.scheduleWithFixedDelay(
                () -> {
                    if (broker.isStopped() || broker.isStopping()) {
                        sweeper.shutdown();
                        return;
                    }
                    long now = System.nanoTime();
                    java.util.Set<TransportConnection> present = new java.util.HashSet<>();
                    for (TransportConnector connector : broker.getTransportConnectors()) {
                        Map<String, java.util.List<TransportConnection>> pendingByAddress = new java.util.HashMap<>();
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
                            } else {
                                pendingByAddress
                                        .computeIfAbsent(address(connection), any -> new java.util.ArrayList<>())
                                        .add(connection);
                            }
                        }
                        pendingByAddress.forEach((address, pending) -> {
                            if (pending.size() <= pendingPerAddress) {
                                return;
                            }
                            pending.sort(java.util.Comparator.comparing(firstSeen::get));
                            java.util.List<TransportConnection> excess =
                                    pending.subList(pendingPerAddress, pending.size());
                            log.warn(
                                    "closing {} connections to {} from one address that hold more than {} open"
                                            + " without logging in",
                                    excess.size(),
                                    connector.getName(),
                                    pendingPerAddress);
                            for (TransportConnection connection : excess) {
                                firstSeen.remove(connection);
                                connection.stopAsync();
                            }
                        });
                    }
                    firstSeen.keySet().retainAll(present);
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
    }

    /** The remote host of a socket, without its port: {@code tcp://127.0.0.1:51234} is {@code 127.0.0.1}. */
    static String address(TransportConnection connection) {
        String remote = String.valueOf(connection.getRemoteAddress());
        int scheme = remote.indexOf("://");
        String hostAndPort = scheme < 0 ? remote : remote.substring(scheme + 3);
        int port = hostAndPort.lastIndexOf(':');
        return port < 0 ? hostAndPort : hostAndPort.substring(0, port);
    }
}
