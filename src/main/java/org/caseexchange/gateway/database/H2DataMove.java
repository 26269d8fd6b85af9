package org.caseexchange.gateway.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the data of an earlier version's embedded H2 database ({@code db/gateway.mv.db} in the data
 * folder) into the embedded PostgreSQL, once, when asked ({@code gateway.database.move-from-h2=true}):
 * every row of every table the migrations created, in one transaction, the audit log's entries and
 * checkpoints included exactly as they were (so the chain and the signed checkpoints still verify),
 * row counts compared, then the H2 file put aside as {@code gateway.mv.db.moved}. Without the setting,
 * a data folder that still holds an H2 database stops the start with the command that moves it: the
 * gateway never starts empty beside data it would ignore.
 */
final class H2DataMove {

    private static final Logger log = LoggerFactory.getLogger(H2DataMove.class);
    static final String H2_FILE = "gateway.mv.db";

    private H2DataMove() {}

    static void refuseUnlessMoving(DatabaseProperties properties) {
        if (Files.exists(properties.folder().resolve(H2_FILE)) && !properties.moveFromH2()) {
            throw new InvalidConfigurationException(
                    "gateway.database.move-from-h2",
                    "the data folder holds the H2 database of an earlier"
                            + " version (" + properties.folder().resolve(H2_FILE)
                            + "); move its data into the embedded PostgreSQL once, by starting"
                            + " the gateway with --gateway.database.move-from-h2=true");
        }
    }

    static void move(Path folder, String url, String owner, String password) {
        Path h2 = folder.resolve(H2_FILE);
        if (!Files.exists(h2)) {
            throw new InvalidConfigurationException(
                    "gateway.database.move-from-h2", "there is no H2 database to move in " + folder);
        }
        String h2Url =
                "jdbc:h2:file:" + folder.resolve("gateway").toAbsolutePath() + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE";
        Map<String, Long> moved = new LinkedHashMap<>();
        try (Connection from = DriverManager.getConnection(h2Url, "gateway", "");
                Connection to = DriverManager.getConnection(url, owner, password)) {
            to.setAutoCommit(false);
            try (Statement replica = to.createStatement()) {
                // The rows are copied as they are: no trigger (append-only guards, foreign keys) fires.
                replica.execute("SET session_replication_role = replica");
            }
            for (String table : tables(to)) {
                moved.put(table, copy(from, to, table));
            }
            resetIdentities(to);
            to.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "the H2 data could not be moved (SQLState " + e.getSQLState() + "); nothing was changed", e);
        }
        try {
            Files.move(h2, folder.resolve(H2_FILE + ".moved"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the data was moved, but " + h2 + " could not be put aside", e);
        }
        log.info("moved the H2 database into the embedded PostgreSQL: {}", moved);
    }

    private static List<String> tables(Connection to) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = to.createStatement()
                .executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                                + " AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history' ORDER BY table_name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    /**
     * Copies the rows of one table. The H2 database is of an earlier version, so its schema can be older:
     * a table it does not have stays empty, and a column it does not have takes its default.
     */
    private static long copy(Connection from, Connection to, String table) throws SQLException {
        java.util.Set<String> earlier = new java.util.HashSet<>();
        try (ResultSet rows =
                from.getMetaData().getColumns(null, "PUBLIC", table.toUpperCase(java.util.Locale.ROOT), null)) {
            while (rows.next()) {
                earlier.add(rows.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        List<String> columns = new ArrayList<>();
        try (ResultSet rows = to.getMetaData().getColumns(null, "public", table, null)) {
            while (rows.next()) {
                String column = rows.getString("COLUMN_NAME");
                if (earlier.contains(column.toLowerCase(java.util.Locale.ROOT))) {
                    columns.add(column);
                }
            }
        }
        try (Statement clear = to.createStatement()) {
            clear.execute("DELETE FROM " + table);
        }
        if (columns.isEmpty()) {
            return 0;
        }
        String names = String.join(", ", columns);
        long count = 0;
        try (Statement read = from.createStatement();
                ResultSet rows = read.executeQuery("SELECT " + names + " FROM " + table);
                PreparedStatement write = to.prepareStatement("INSERT INTO " + table + " (" + names + ") VALUES ("
                        + String.join(", ", columns.stream().map(column -> "?").toList()) + ")")) {
            while (rows.next()) {
                for (int i = 1; i <= columns.size(); i++) {
                    write.setObject(i, rows.getObject(i));
                }
                write.addBatch();
                if (++count % 1000 == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
        try (ResultSet copied = to.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            copied.next();
            if (copied.getLong(1) != count) {
                throw new SQLException(
                        "table " + table + ": " + count + " rows read, " + copied.getLong(1) + " written", "XX000");
            }
        }
        return count;
    }

    private static void resetIdentities(Connection to) throws SQLException {
        List<String[]> identities = new ArrayList<>();
        try (ResultSet rows = to.createStatement()
                .executeQuery("SELECT table_name, column_name FROM information_schema.columns"
                        + " WHERE table_schema = 'public' AND is_identity = 'YES'")) {
            while (rows.next()) {
                identities.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        }
        for (String[] identity : identities) {
            try (Statement reset = to.createStatement()) {
                reset.execute("SELECT setval(pg_get_serial_sequence('" + identity[0] + "', '" + identity[1]
                        + "'), COALESCE(MAX(" + identity[1] + "), 0) + 1, false) FROM " + identity[0]);
            }
        }
    }
}
