package org.caseexchange.gateway.database;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * An instant as the database's {@code TIMESTAMP WITH TIME ZONE} columns take it: in UTC, so that what
 * is written does not depend on the JVM's or the server's time zone.
 */
public final class Timestamps {

    private Timestamps() {}

    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
