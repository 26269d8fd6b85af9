package org.caseexchange.gateway.trust;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How early health warns before a certificate expires or a CRL goes stale. CRLs are reissued often, so
 * their window is much shorter than a certificate's.
 */
@Validated
@ConfigurationProperties("gateway.health.expiry-warning")
record ExpiryWarningProperties(
        @NotNull Duration certificates, @NotNull Duration crls) {}
