package org.caseexchange.gateway.casedata;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code gateway.matching} (docs/rules.md, "Matching").
 *
 * @param matchThreshold a score at or above it is a MATCH, if no other record competes
 * @param possibleThreshold a score at or above it is at least a POSSIBLE_MATCH
 * @param ambiguityMargin another record within this much of the best competes with it: the result
 *     is then a POSSIBLE_MATCH, whatever the score
 */
@Validated
@ConfigurationProperties("gateway.matching")
public record MatchingProperties(
        @DecimalMin("0.5") @DecimalMax("1.0") double matchThreshold,
        @DecimalMin("0.3") @DecimalMax("1.0") double possibleThreshold,
        @DecimalMin("0.0") @DecimalMax("0.5") double ambiguityMargin) {

    public MatchingProperties {
        if (possibleThreshold > matchThreshold) {
            throw new IllegalArgumentException("gateway.matching.possible-threshold must not exceed match-threshold");
        }
    }
}
