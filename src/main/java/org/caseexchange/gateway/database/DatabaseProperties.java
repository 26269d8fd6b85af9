package org.caseexchange.gateway.database;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code gateway.database}.
 *
 * @param embedded run PostgreSQL inside the gateway's data folder (the default), or connect to the one
 *     {@code spring.datasource.*} names
 * @param folder where the embedded cluster, its credentials and its lock live
 * @param port the embedded server's loopback port; 0 takes a free one at each start
 * @param runAsUser the user the embedded server runs as when the gateway runs as root (PostgreSQL
 *     refuses root)
 * @param moveFromH2 at this start, move the data of an earlier version's embedded H2 database in the
 *     data folder into the embedded PostgreSQL (docs/operations.md), then put the H2 file aside
 */
@Validated
@ConfigurationProperties("gateway.database")
public record DatabaseProperties(
        boolean embedded,
        @NotNull Path folder,
        @Min(0) @Max(65535) int port,
        @NotBlank String runAsUser,
        boolean moveFromH2) {}
