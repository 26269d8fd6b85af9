package org.caseexchange.gateway.casedata;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Settings under {@code gateway.casedata}. */
@Validated
@ConfigurationProperties("gateway.casedata")
record CaseDataProperties(@Valid @NotNull Synthetic synthetic) {

    /**
     * Synthetic persons loaded into an empty database at start-up, for the demo and benchmarks.
     *
     * @param persons how many (0 loads none: a production gateway reads the agency's own data)
     * @param seed the same seed gives the same persons
     */
    public record Synthetic(@Min(0) @Max(1_000_000) int persons, long seed) {}
}
