package org.caseexchange.gateway.audit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code gateway.audit} (docs/audit.md).
 *
 * @param acknowledge an operator's acknowledgement of the findings the last start-up reported, given
 *     for one start (on the command line) and recorded in the log; absent normally
 */
@Validated
@ConfigurationProperties("gateway.audit")
public record AuditProperties(
        @Valid @NotNull Checkpoints checkpoints,
        @Valid @NotNull Evidence evidence,
        @Valid Acknowledgement acknowledge) {

    /**
     * @param everyEntries a checkpoint at the latest after this many new entries
     * @param every and at the latest this long after the last, if the log grew
     * @param folder outside the database, where operators collect the files for oversight
     * @param witnessFolder a folder outside the operator's reach (an oversight body's share), where each
     *     checkpoint is delivered too and compared at every start; none by default
     */
    public record Checkpoints(
            @Min(1) @Max(1_000_000) int everyEntries,
            @NotNull Duration every,
            @NotNull Path folder,
            Path witnessFolder) {}

    /**
     * @param archiveKeyFile 32 random bytes in hex: evidence is encrypted at rest and the person
     *     index keyed with keys derived from it; losing it loses the evidence
     * @param destructionInterval how often evidence past its retention is looked for and destroyed
     */
    public record Evidence(
            @NotNull Path archiveKeyFile, @NotNull Duration destructionInterval) {}

    /** @param code the acknowledgement code the health endpoint and the log reported with the findings */
    public record Acknowledgement(
            @Pattern(regexp = "operator:[A-Za-z0-9._-]{1,64}")
            String operator,

            @Pattern(regexp = "[0-9a-f]{16}") String code) {}
}
