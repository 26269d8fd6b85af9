package org.caseexchange.gateway.web.desk;

import java.util.UUID;

/**
 * No such exchange for this user: absent, or not one they may see. The two are one answer, so that
 * guessing ids tells nothing; the second is also an ACCESS_DENIED entry.
 */
public final class NotFound extends RuntimeException {

    public NotFound(UUID exchangeId) {
        super("no exchange " + exchangeId + " for this user");
    }
}
