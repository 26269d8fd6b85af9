package org.caseexchange.gateway.trust;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own identity under {@code gateway.identity}: our agency code and where our keys are.
 * The keystore password is read from a file so that no settings object ever holds a secret.
 *
 * @param suites for each suite we speak, the aliases of our keys in the keystore
 * @param auditKeyAlias the key that signs audit checkpoints, distinct from every messaging key
 * @param tlsKeyAlias the key of our TLS certificate (server and client authentication), for the embedded
 *     broker's TLS transport; none configured, no TLS transport can be opened
 */
@Validated
@ConfigurationProperties("gateway.identity")
public record GatewayIdentityProperties(
        @NotBlank @Pattern(regexp = PartnerDirectoryProperties.AGENCY_CODE) String agencyCode,
        @NotBlank @Pattern(regexp = "[A-Z]{3}") String country,
        @NotNull Path keystore,
        @NotNull Path keystorePasswordFile,
        @NotEmpty Map<AlgorithmSuite, @Valid @NotNull SuiteKeys> suites,
        @NotBlank String auditKeyAlias,
        String tlsKeyAlias) {

    /**
     * Our keys for one suite.
     *
     * @param encryptionKeyAliases the current encryption key first, then previous keys still accepted
     *     during a rollover
     */
    public record SuiteKeys(@NotBlank String signingKeyAlias, @NotEmpty List<@NotBlank String> encryptionKeyAliases) {}
}
