package org.caseexchange.gateway.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's guard for the audit log (db/vendor/h2/V3__audit_append_only.sql): every UPDATE or DELETE of an
 * audit entry fails, whoever runs it. PostgreSQL uses grants and a PL/pgSQL trigger instead.
 */
public final class AppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("audit entries are append-only", "42501");
    }
}
