package org.caseexchange.gateway.database;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/**
 * The ids the gateway gives what it writes: exchanges, evidence, outbox rows, and the messageIds of
 * its own messages. They are UUIDs of version 7 (RFC 9562): 48 bits of milliseconds since the epoch,
 * then 74 random bits. Ids made later sort later, so every index on them (the exchange's key, the
 * evidence's and audit entries' references to it, the replies' messageIds) grows at its right-hand
 * end, and a page of it is written once instead of again at each checkpoint for each random insert.
 * The time they carry is no secret: each row and message states its own time anyway.
 */
public final class RowIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private RowIds() {}

    public static UUID next() {
        return GENERATOR.generate();
    }
}
