package org.caseexchange.gateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVMap;
import org.h2.value.VersionedValue;

/** Leaves in an H2 table what a store write that caught a transaction halfway leaves for the restart after a crash. */
final class TornStoreWrite {

    private TornStoreWrite() {
    }

    /**
     * Runs the statements in a transaction, copies the uncommitted values they wrote, rolls the
     * transaction back (its undo log is then empty) and writes the copies back: what a store write that
     * caught the transaction halfway leaves for the restart. When the last connection closes, H2 closes
     * the database, and the next one opens it with transaction numbers starting again from the lowest.
     */
    static void leave(DataSource h2, String table, String... statements) throws SQLException {
        try (Connection keepOpen = h2.getConnection(); Connection writer = h2.getConnection()) {
            writer.setAutoCommit(false);
            for (String statement : statements) {
                writer.createStatement().executeUpdate(statement);
            }
            Map<MVMap<Object, VersionedValue<Object>>, List<Map.Entry<Object, VersionedValue<Object>>>> uncommitted = new LinkedHashMap<>();
            for (MVMap<Object, VersionedValue<Object>> map : maps(keepOpen, table)) {
                List<Map.Entry<Object, VersionedValue<Object>>> values = new ArrayList<>();
                for (Map.Entry<Object, VersionedValue<Object>> entry : map.entrySet()) {
                    if (entry.getValue().getOperationId() != 0) {
                        values.add(Map.entry(entry.getKey(), entry.getValue()));
                    }
                }
                uncommitted.put(map, values);
            }
            assertThat(uncommitted.values()).allSatisfy(values -> assertThat(values).isNotEmpty());
            writer.rollback();
            uncommitted.forEach((map, values) -> values.forEach(value -> map.put(value.getKey(), value.getValue())));
        }
    }

    private static List<MVMap<Object, VersionedValue<Object>>> maps(Connection connection, String tableName) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        return new ArrayList<>(H2CrashLeftovers.mapsOf(session.getDatabase().getSchema("PUBLIC").findTableOrView(session, tableName)).values());
    }
}
