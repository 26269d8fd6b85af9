package org.caseexchange.gateway.web.account;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A local console account as stored: the password only as its encoded hash.
 *
 * @param failedSignIns failed sign-ins since the last success
 * @param lockedUntil no sign-in is tried before this time, or null
 */
record Account(String username, String passwordHash, Set<Role> roles, int failedSignIns, Instant lockedUntil) {

    public Account {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        roles = roles.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    @Override
    public String toString() {
        return "Account[" + username + " " + roles + "]";
    }
}
