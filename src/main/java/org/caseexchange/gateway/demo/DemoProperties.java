package org.caseexchange.gateway.demo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The demo partner under {@code gateway.demo}.
 *
 * @param enabled run the demo partner once the gateway is up
 * @param agencyCode the partner agency it plays (one of {@code gateway.partners})
 * @param agencyFolder the EXAMPLE PKI folder of that agency: its keystore and certificates
 * @param gatewayFolder the EXAMPLE PKI folder of this gateway's agency: the certificates the partner trusts
 * @param amqpUrl the broker's AMQP 1.0 address; by default the embedded broker's
 */
@Validated
@ConfigurationProperties("gateway.demo")
record DemoProperties(
        boolean enabled,
        @NotBlank String agencyCode,
        @NotNull Path agencyFolder,
        @NotNull Path gatewayFolder,
        String amqpUrl) {}
