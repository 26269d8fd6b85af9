package org.caseexchange.gateway.protocol;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Settings under {@code gateway.protocol} (docs/protocol.md, "Decoding" and "Freshness"). */
@Validated
@ConfigurationProperties("gateway.protocol")
public record ProtocolProperties(
        @Valid @NotNull Limits limits, @Valid @NotNull Freshness freshness) {

    /**
     * Structural limits checked while the document is parsed, before it is validated or bound. The
     * lower bounds keep every document the schema allows decodable.
     *
     * @param maxDepth element nesting; the schema's deepest path is six elements
     * @param maxAttributes attributes and namespace declarations on one element
     * @param maxTextLength characters in one run of text, one attribute value or one comment; the
     *     schema's longest text is 2000 characters
     * @param maxNameLength characters in an element or attribute name or prefix
     */
    public record Limits(
            @Min(8) @Max(256) int maxDepth,
            @Min(4) @Max(256) int maxAttributes,
            @Min(2000) @Max(1_000_000) int maxTextLength,
            @Min(32) @Max(1000) int maxNameLength) {}

    /**
     * @param maxAge a message created longer ago than this before we receive it is STALE_MESSAGE;
     *     long enough to ride out a maintenance window, because a queued message ages too
     * @param maxClockSkew a message created later than this after we receive it is FUTURE_MESSAGE
     */
    public record Freshness(
            @NotNull Duration maxAge, @NotNull Duration maxClockSkew) {}
}
