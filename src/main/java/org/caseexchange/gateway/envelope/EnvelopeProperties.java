package org.caseexchange.gateway.envelope;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code gateway.envelope}.
 *
 * @param maxMessageSize a larger message is refused before any parsing
 * @param encryptionKeyRollover how long after our current encryption certificate's notBefore a
 *     message addressed to a previous key is still opened; afterwards it is refused
 */
@Validated
@ConfigurationProperties("gateway.envelope")
public record EnvelopeProperties(
        @NotNull DataSize maxMessageSize, @NotNull Duration encryptionKeyRollover) {}
