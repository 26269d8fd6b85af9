package org.caseexchange.gateway.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code gateway.console}: the web console and its API (docs/console.md).
 *
 * @param signIn back-off and lock-out after failed sign-ins with a local account
 * @param rolesClaim the ID token claim that carries a user's roles when they sign in through the
 *     agency's OpenID Connect provider (values OFFICER, SUPERVISOR, AUDITOR, OPERATOR; others are ignored)
 * @param pageSize rows per page of a search
 */
@Validated
@ConfigurationProperties("gateway.console")
public record ConsoleProperties(
        @NotNull @Valid SignIn signIn,
        @NotBlank String rolesClaim,
        @Min(5) @Max(500) int pageSize) {

    /**
     * @param backOffAfter failures in a row after which each further try waits, doubling from one second
     * @param lockOutAfter failures in a row after which the account is locked for {@code lockOutFor}
     */
    public record SignIn(
            @Min(1) int backOffAfter,
            @Min(1) int lockOutAfter,
            @NotNull Duration lockOutFor) {}
}
