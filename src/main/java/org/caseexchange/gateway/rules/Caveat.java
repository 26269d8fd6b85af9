package org.caseexchange.gateway.rules;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A use condition attached to released information.
 *
 * @param retainUntil for RETENTION_LIMIT, the date by which the receiver must destroy the data; else null
 */
public record Caveat(CaveatCode code, String text, LocalDate retainUntil) {

    public Caveat {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
    }
}
