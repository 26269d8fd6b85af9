package org.caseexchange.gateway.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed broker logins. Per user and address together: after {@code limit} failures within
 * {@code window}, that user's logins from that address are refused without being checked for the
 * window's length, doubling at each further trip up to an hour; a login that succeeds clears the
 * count. Per address: each failure's answer waits longer, from 100 ms doubling to 5 s, so that guessing
 * from one address is slow whatever names it tries, while a partner that logs in correctly from the
 * same address waits for nothing. Kept in memory, with a bounded number of entries.
 */
final class LoginBackoff {

    private static final Duration LONGEST = Duration.ofHours(1);
    private static final Duration FIRST_DELAY = Duration.ofMillis(100);
    private static final Duration LONGEST_DELAY = Duration.ofSeconds(5);
    private static final int MAX_TRACKED = 100_000;

    private record State(
            int failures, Instant windowStart, Instant refusingUntil, int trips, boolean refusalReported) {}

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    LoginBackoff(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    boolean refusing(String user, String address) {
        State state = states.get(pair(user, address));
        return state != null && state.refusingUntil() != null && clock.instant().isBefore(state.refusingUntil());
    }

    /** True once per back-off period of a user and address: the refusal worth an audit entry. */
    boolean firstRefusal(String user, String address) {
        boolean[] first = {false};
        states.computeIfPresent(pair(user, address), (any, state) -> {
            if (state.refusingUntil() == null || state.refusalReported()) {
                return state;
            }
            first[0] = true;
            return new State(state.failures(), state.windowStart(), state.refusingUntil(), state.trips(), true);
        });
        return first[0];
    }

    /** Records a failure; returns how long its answer waits. */
    Duration failed(String user, String address) {
        Instant now = clock.instant();
        if (states.size() > MAX_TRACKED) {
            states.entrySet()
                    .removeIf(entry -> entry.getValue().windowStart().isBefore(now.minus(window))
                            && (entry.getValue().refusingUntil() == null
                                    || now.isAfter(entry.getValue().refusingUntil())));
        }
        count(pair(user, address), now, true);
        int fromAddress = count("address:" + address, now, false).failures();
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(Math.max(fromAddress - 1, 0), 16));
        return delay.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : delay;
    }

    void succeeded(String user, String address) {
        states.remove(pair(user, address));
    }

    private State count(String key, Instant now, boolean trips) {
        return states.compute(key, (any, state) -> {
            boolean refusing = state != null && state.refusingUntil() != null && now.isBefore(state.refusingUntil());
            if (state == null || state.windowStart().isBefore(now.minus(window)) && !refusing) {
                state = new State(0, now, null, state == null ? 0 : state.trips(), false);
            }
            int failures = state.failures() + 1;
            if (!trips || failures < limit) {
                return new State(
                        failures, state.windowStart(), state.refusingUntil(), state.trips(), state.refusalReported());
            }
            int tripped = state.trips() + 1;
            Duration backoff = window.multipliedBy(1L << Math.min(tripped - 1, 16));
            return new State(0, now, now.plus(backoff.compareTo(LONGEST) > 0 ? LONGEST : backoff), tripped, false);
        });
    }

    private static String pair(String user, String address) {
        return "pair:" + (user == null ? "" : user) + "@" + address;
    }
}
