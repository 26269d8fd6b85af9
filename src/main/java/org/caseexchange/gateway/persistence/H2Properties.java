package org.caseexchange.gateway.persistence;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code gateway.database.h2}: the upkeep of the embedded H2 file.
 *
 * @param compactionInterval how often partly dead chunks are looked for and rewritten
 * @param targetFillRate percent of the file's chunks that should be live data; below it they are rewritten
 * @param rewritePerRound at most this much is rewritten per round, so that one round holds commits back only briefly
 * @param syncInterval how often the file is forced to disk (H2 itself never does while it runs)
 */
@Validated
@ConfigurationProperties("gateway.database.h2")
public record H2Properties(@NotNull Duration compactionInterval, @Min(10) @Max(95) int targetFillRate, @NotNull DataSize rewritePerRound,
        @NotNull Duration syncInterval) {}
