package org.caseexchange.gateway.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.h2.api.Trigger;

/**
 * H2's guard for stored evidence (db/vendor/h2/V5__checkpoints_and_evidence_guards.sql): the only
 * change allowed is destruction, which empties both contents once and records when; every other
 * column stays as it was, and no row is deleted. PostgreSQL has the same rule as a PL/pgSQL trigger.
 */
public final class EvidenceDestructionTrigger implements Trigger {

    private static final int KEPT_COLUMNS = 11;
    private static final int SEALED_CONTENT = 11;
    private static final int SIGNED_CONTENT = 12;
    private static final int DESTROYED_AT = 13;

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow == null || oldRow[DESTROYED_AT] != null || newRow[DESTROYED_AT] == null
                || newRow[SEALED_CONTENT] != null || newRow[SIGNED_CONTENT] != null || !sameKeptColumns(oldRow, newRow)) {
            throw new SQLException("evidence is only ever destroyed, never changed", "42501");
        }
    }

    private static boolean sameKeptColumns(Object[] oldRow, Object[] newRow) {
        for (int i = 0; i < KEPT_COLUMNS; i++) {
            if (!Objects.deepEquals(oldRow[i], newRow[i])) {
                return false;
            }
        }
        return true;
    }
}
