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
 * @param keystore the PKCS#12 keystore of our messaging and TLS keys
 * @param suites for each suite we speak, the aliases of our keys in the keystore
 * @param auditKey the key that signs audit checkpoints, kept apart from the messaging keys
 * @param tlsKeyAlias the key of our TLS certificate (server and client authentication), for the embedded
 *     broker's TLS transport; none configured, no TLS transport can be opened
 */
@Validated
@ConfigurationProperties("gateway.identity")
public record GatewayIdentityProperties(
        @NotBlank @Pattern(regexp = PartnerDirectoryProperties.AGENCY_CODE)
        String agencyCode,

        @NotBlank @Pattern(regexp = "[A-Z]{3}") String country,
        @NotNull Path keystore,
        @NotNull Path keystorePasswordFile,
        @NotEmpty Map<AlgorithmSuite, @Valid @NotNull SuiteKeys> suites,
        @NotNull @Valid AuditKey auditKey,
        String tlsKeyAlias) {

    /** Where the key that signs audit checkpoints is kept. */
    public enum KeyStoreType {
        /** A PKCS#12 file of its own. */
        PKCS12,
        /** A PKCS#11 token (a hardware security module), through the JDK's SunPKCS11 provider. */
        PKCS11
    }

    /**
     * The audit key under {@code gateway.identity.audit-key}. It lives apart from the messaging keys, so
     * that whoever can read the messaging keystore cannot sign a checkpoint: its own keystore, or a
     * PKCS#11 token, and its own password source.
     *
     * @param type where the key is kept; PKCS12 when not given
     * @param keystore the PKCS#12 file (type PKCS12 only)
     * @param pkcs11Config the SunPKCS11 configuration file naming the token's library and slot (type PKCS11
     *     only)
     * @param passwordFile the keystore's password, or the token's PIN
     * @param alias the key's entry in the keystore or on the token
     */
    public record AuditKey(
            KeyStoreType type,
            Path keystore,
            Path pkcs11Config,
            @NotNull Path passwordFile,
            @NotBlank String alias) {

        public AuditKey {
            type = type == null ? KeyStoreType.PKCS12 : type;
        }
    }

    /**
     * Our keys for one suite.
     *
     * @param encryptionKeyAliases the current encryption key first, then previous keys still accepted
     *     during a rollover
     */
    public record SuiteKeys(
            @NotBlank String signingKeyAlias, @NotEmpty List<@NotBlank String> encryptionKeyAliases) {}
}
