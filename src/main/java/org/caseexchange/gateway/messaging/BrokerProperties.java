package org.caseexchange.gateway.messaging;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
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
        Path passwordFile) {

    /** Listening ports of the embedded broker; 0 picks a free port (tests), -1 disables a transport. */
    public record Ports(
            @Min(-1) @Max(65535) int openwire,
            @Min(-1) @Max(65535) int amqp,
            @Min(-1) @Max(65535) int stomp) {}
}
