package org.caseexchange.gateway.web.account;

import java.time.Duration;
import java.time.Instant;

/**
 * Back-off, then lock-out, after failed sign-ins: from the {@code backOffAfter}-th failure in a row the
 * account waits one second, doubling with each further failure; at the {@code lockOutAfter}-th it is
 * locked for {@code lockOutFor}. A success clears the count; so does an operator setting the password
 * again with the accounts command.
 */
record SignInPolicy(int backOffAfter, int lockOutAfter, Duration lockOutFor) {

    public SignInPolicy {
        if (backOffAfter < 1 || lockOutAfter < backOffAfter || lockOutFor.isNegative() || lockOutFor.isZero()) {
            throw new IllegalArgumentException(
                    "sign-in policy: 1 <= back-off-after <= lock-out-after, lock-out-for > 0");
        }
    }

    /** @return when the next sign-in may be tried, or null when at once */
    Instant lockedUntil(int failures, Instant now) {
        if (failures >= lockOutAfter) {
            return now.plus(lockOutFor);
        }
        if (failures >= backOffAfter) {
            long seconds = 1L << Math.min(20, failures - backOffAfter);
            return now.plus(Duration.ofSeconds(Math.min(seconds, lockOutFor.toSeconds())));
        }
        return null;
    }

    boolean locksOut(int failures) {
        return failures >= lockOutAfter;
    }
}
