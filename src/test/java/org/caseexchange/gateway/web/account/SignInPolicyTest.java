package org.caseexchange.gateway.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Failed sign-ins in a row: nothing, then a back-off that doubles, then the lock-out. */
class SignInPolicyTest {

    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void theBackOffDoublesFromOneSecondAndTheLockOutLastsItsTime() {
        SignInPolicy shipped = new SignInPolicy(3, 10, Duration.ofMinutes(30));

        assertThat(shipped.lockedUntil(1, NOW)).isNull();
        assertThat(shipped.lockedUntil(2, NOW)).isNull();
        assertThat(shipped.lockedUntil(3, NOW)).isEqualTo(NOW.plusSeconds(1));
        assertThat(shipped.lockedUntil(4, NOW)).isEqualTo(NOW.plusSeconds(2));
        assertThat(shipped.lockedUntil(9, NOW)).isEqualTo(NOW.plusSeconds(64));
        assertThat(shipped.locksOut(9)).isFalse();
        assertThat(shipped.lockedUntil(10, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(shipped.locksOut(10)).isTrue();
    }
}
