package org.caseexchange.gateway.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.index.Index;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.db.MVIndex;
import org.h2.mvstore.db.MVTable;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;
import org.h2.schema.Schema;
import org.h2.table.Table;
import org.h2.value.VersionedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears the uncommitted changes that a crash left in the embedded H2 file without their undo records,
 * before anything else uses the database.
 *
 * <p>H2 2.3 marks an uncommitted value with the internal number of the transaction that wrote it, and
 * rolls such values back after a crash from that transaction's undo log. A write of the store that
 * caught the transaction halfway can hold a value without its undo record (see
 * {@link SerialCommitDataSource}); H2 keeps it as it is. Every other transaction reads the committed value
 * underneath, as it should; but a new transaction that gets the same number, which is likely since H2
 * hands out the lowest free one, reads the value as its own change and commits it with its own. The H2
 * crash test found the result: two rows with one primary key, after which every exchange that counted
 * against that quota failed. No transaction is open when this runs, so every value still marked
 * uncommitted is such a leftover, and it is put back to its committed value, as the rollback that the
 * crash prevented would have done.
 */
final class H2CrashLeftovers {

    private static final Logger log = LoggerFactory.getLogger(H2CrashLeftovers.class);

    private H2CrashLeftovers() {
    }

    /** Puts every leftover back to its committed value and writes the store; returns how many there were. */
    static int clear(SerialCommitDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
            Database database = session.getDatabase();
            TransactionStore transactions = database.getStore().getTransactionStore();
            return dataSource.exclusively(() -> {
                BitSet open = openTransactions(transactions);
                int cleared = 0;
                int kept = 0;
                for (MVMap<Object, VersionedValue<Object>> map : tableAndIndexMaps(database, session).values()) {
                    for (Map.Entry<Object, VersionedValue<Object>> entry : map.entrySet()) {
                        long operation = entry.getValue().getOperationId();
                        if (operation == 0) {
                            continue;
                        }
                        if (open.get(transactionNumber(operation))) {
                            kept++;
                        } else {
                            putBackCommitted(map, entry.getKey(), entry.getValue());
                            cleared++;
                        }
                    }
                }
                if (cleared > 0) {
                    database.getStore().getMvStore().commit();
                    log.warn("Embedded database: {} uncommitted changes left by a crash put back to their committed values", cleared);
                }
                if (kept > 0) {
                    log.warn("Embedded database: {} uncommitted changes of transactions open at start-up left as they are", kept);
                }
                return cleared;
            });
        }
    }

    private static BitSet openTransactions(TransactionStore transactions) {
        BitSet open = new BitSet();
        for (Transaction transaction : transactions.getOpenTransactions()) {
            open.set(transaction.getId());
        }
        return open;
    }

    private static Map<Integer, MVMap<Object, VersionedValue<Object>>> tableAndIndexMaps(Database database, SessionLocal session) {
        Map<Integer, MVMap<Object, VersionedValue<Object>>> maps = new LinkedHashMap<>();
        for (Schema schema : database.getAllSchemas()) {
            for (Table table : schema.getAllTablesAndViews(session)) {
                maps.putAll(mapsOf(table));
            }
        }
        return maps;
    }

    /** Each map of a table once, by id: a primary key on a single number is the table's own map, seen again through that index. */
    static Map<Integer, MVMap<Object, VersionedValue<Object>>> mapsOf(Table table) {
        Map<Integer, MVMap<Object, VersionedValue<Object>>> maps = new LinkedHashMap<>();
        if (table instanceof MVTable) {
            for (Index index : table.getIndexes()) {
                if (index instanceof MVIndex<?, ?> stored) {
                    @SuppressWarnings("unchecked")
                    MVMap<Object, VersionedValue<Object>> map = (MVMap<Object, VersionedValue<Object>>) (MVMap<?, ?>) stored.getMVMap();
                    maps.putIfAbsent(map.getId(), map);
                }
            }
        }
        return maps;
    }

    /** A committed value is stored as itself (H2's values are their own committed versions); none means the key was new. */
    @SuppressWarnings("unchecked")
    private static void putBackCommitted(MVMap<Object, VersionedValue<Object>> map, Object key, VersionedValue<Object> leftover) {
        Object committed = leftover.getCommittedValue();
        if (committed == null) {
            map.remove(key);
        } else {
            map.put(key, (VersionedValue<Object>) committed);
        }
    }

    /** H2 keeps the transaction's number in the high bits of an operation id ({@code TransactionStore.getTransactionId}). */
    private static int transactionNumber(long operationId) {
        return (int) (operationId >>> 40);
    }
}
