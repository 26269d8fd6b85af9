package org.caseexchange.gateway.messaging;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The broker settings under {@code gateway.broker}.
 *
 * @param embedded run the broker inside the gateway (the default) or connect to {@code url}
 * @param dataDirectory where the embedded broker keeps its KahaDB journal
 * @param bindAddress the address the embedded broker's transports listen on; loopback by default
 * @param url the external broker's URL, used only when {@code embedded} is false
 * @param user the user for the external broker, if it requires one
 * @param passwordFile a file holding that user's password, so no settings object holds a secret
 * @param redelivery how the gateway's consumers wait before a rolled-back message comes again
 * @param partnerPasswordFiles per partner agency code, the file holding the password it logs in to the
 *     embedded broker with
 * @param maxFrameSize the largest frame the embedded broker's transports accept: a larger message is
 *     refused to its sender before the broker holds it in memory. Above the envelope's size limit, so a
 *     message just over that limit still reaches the gateway and is quarantined with its reason
 * @param maxConnections how many connections each of the embedded broker's transports accepts
 * @param clientCertificates the partners (agency codes) that must connect over the TLS transport
 *     ({@code ports.openwire-tls}) with a client certificate of their own, besides their password
 * @param limits what the embedded broker holds and lets one partner take (docs/protocol.md 4.7)
 * @param remoteLinks per partner agency code, the partner's own broker, which we log in to; a partner
 *     without one is hosted: it logs in to our broker (docs/protocol.md 4.8)
 */
@Validated
@ConfigurationProperties("gateway.broker")
public record BrokerProperties(
        boolean embedded,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]+") String name,
        @NotNull Path dataDirectory,
        @NotBlank String bindAddress,
        @Valid @NotNull Ports ports,
        String url,
        String user,
        Path passwordFile,
        @Valid @NotNull Redelivery redelivery,
        Map<String, Path> partnerPasswordFiles,
        @NotNull DataSize maxFrameSize,
        @Min(1) int maxConnections,
        List<String> clientCertificates,
        @Valid @NotNull Limits limits,
        Map<String, @Valid @NotNull RemoteLink> remoteLinks) {

    public BrokerProperties {
        partnerPasswordFiles = partnerPasswordFiles == null ? Map.of() : Map.copyOf(partnerPasswordFiles);
        clientCertificates = clientCertificates == null ? List.of() : List.copyOf(clientCertificates);
        remoteLinks = remoteLinks == null ? Map.of() : Map.copyOf(remoteLinks);
    }

    /**
     * A partner's broker that the gateway logs in to, to use the partner's queues there (the destinations
     * configured for that partner). Always over TLS: the broker must present a certificate that chains to
     * the partner's trust anchors, and the gateway presents its own ({@code gateway.identity.tls-key-alias}).
     *
     * @param url the partner broker's OpenWire TLS address, {@code ssl://host:port}, or a
     *     {@code failover:(ssl://...,ssl://...)} list of them
     * @param user our login at the partner's broker; our agency code when unset
     * @param passwordFile a file holding that login's password
     */
    public record RemoteLink(
            @NotBlank String url, String user, @NotNull Path passwordFile) {}

    /**
     * Listening ports of the embedded broker; 0 picks a free port (tests), -1 disables a transport.
     * {@code openwireTls} is OpenWire over TLS with client certificates requested, presenting
     * {@code gateway.identity.tls-key-alias}.
     */
    public record Ports(
            @Min(-1) @Max(65535) int openwire,
            @Min(-1) @Max(65535) int openwireTls,
            @Min(-1) @Max(65535) int amqp,
            @Min(-1) @Max(65535) int stomp) {}

    /**
     * What the embedded broker holds and what one partner may take of it, so that one partner's load or
     * malice never stops the broker or service to another.
     *
     * @param memoryPercentOfHeap the broker's memory for messages, as a share of the JVM's largest heap
     * @param store the most the broker's journal may hold; at start it is cut to half the free disk of its
     *     folder, leaving the rest to the database, the logs and the checkpoints
     * @param temp the most the broker may spool of non-persistent messages
     * @param destinationMemory what one queue may hold in memory; beyond it, messages wait on disk
     * @param deadLetterExpiry how long a message lies in a dead-letter queue before the broker discards
     *     it (an audit entry keeps its digest)
     * @param connectionsPerPartner connections one partner may hold on each transport
     * @param loginTimeout how long a socket may stay open without logging in
     * @param pendingLoginsPerAddress sockets one address may hold open without having logged in, on each
     *     transport: beyond it the newest are closed at once, so that one address cannot take a transport's
     *     connections from everyone else for the length of the login timeout
     * @param failedLogins failed logins for one user or from one address within {@code loginBackoff}
     *     before further logins are refused for that long (doubling each time, to an hour at most)
     * @param stompHeartBeat the heart-beat every STOMP client must keep, in both directions: one that
     *     stays silent longer (with the usual grace) is disconnected
     */
    public record Limits(
            @Min(1) @Max(80) int memoryPercentOfHeap,
            @NotNull DataSize store,
            @NotNull DataSize temp,
            @NotNull DataSize destinationMemory,
            @NotNull Duration deadLetterExpiry,
            @Min(1) int connectionsPerPartner,
            @NotNull Duration loginTimeout,
            @Min(1) int pendingLoginsPerAddress,
            @Min(1) int failedLogins,
            @NotNull Duration loginBackoff,
            @NotNull Duration stompHeartBeat) {}

    /**
     * Back-off between deliveries of a message whose processing rolled back: the first wait, the factor
     * it grows by, and the longest wait. There is no limit on the number of deliveries here: an outage of
     * the database must hold messages, not dead-letter them; the gateway counts its own processing faults
     * and dead-letters a message after {@code gateway.exchange.max-processing-faults} of them.
     */
    public record Redelivery(
            @NotNull Duration initialDelay,
            @DecimalMin("1.0") double multiplier,
            @NotNull Duration maxDelay) {}
}
