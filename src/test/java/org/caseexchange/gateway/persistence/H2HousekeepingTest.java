package org.caseexchange.gateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.unit.DataSize;

/**
 * The same stream of small committed transactions (a row of a few kilobytes and an update of one
 * head row, as an exchange and the audit log's head) into two H2 files written as the gateway writes: the one
 * the housekeeping compacts keeps most of its chunks live and stays markedly smaller.
 */
class H2HousekeepingTest {

    /** Long enough that a round never fires by itself: the test runs the rounds. */
    static final H2Properties ROUNDS_BY_HAND = new H2Properties(Duration.ofHours(1), 60, DataSize.ofMegabytes(4), Duration.ofHours(1));

    @Test
    void compactionKeepsTheFileFromGrowingWithEveryCommit(@TempDir Path folder) throws Exception {
        long untended = fileAfterWorkload(folder.resolve("untended"), false);
        long tended = fileAfterWorkload(folder.resolve("tended"), true);

        assertThat(tended).as("file size with compaction, against %d bytes without", untended).isLessThan(untended * 3 / 4);
    }

    private static long fileAfterWorkload(Path directory, boolean compact) throws Exception {
        // RETENTION_TIME=0: freed chunks are reused at once, instead of after H2's 45 s (the test's only departure from the shipped URL).
        SingleConnectionDataSource connection = new SingleConnectionDataSource(
                "jdbc:h2:file:" + directory.resolve("db") + ";WRITE_DELAY=0;RETENTION_TIME=0", "sa", "", true);
        connection.setAutoCommit(false);
        SerialCommitDataSource dataSource = new SerialCommitDataSource(connection);
        try (H2Housekeeping housekeeping = H2Housekeeping.start(dataSource, ROUNDS_BY_HAND, new SimpleMeterRegistry())) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("CREATE TABLE exchange (id UUID PRIMARY KEY, message_id VARCHAR(64) UNIQUE, sealed VARBINARY(8000))");
            jdbc.execute("CREATE TABLE head (id INT PRIMARY KEY, seq BIGINT)");
            jdbc.update("INSERT INTO head VALUES (1, 0)");
            dataSource.getConnection().commit();
            byte[] sealed = new byte[4000];
            for (int i = 1; i <= 6000; i++) {
                ThreadLocalRandom.current().nextBytes(sealed);
                jdbc.update("INSERT INTO exchange VALUES (?, ?, ?)", UUID.randomUUID(), UUID.randomUUID().toString(), sealed);
                jdbc.update("UPDATE head SET seq = seq + 1 WHERE id = 1");
                dataSource.getConnection().commit();
                if (compact && i % 200 == 0) {
                    housekeeping.compact();
                }
            }
            return Files.size(directory.resolve("db.mv.db"));
        } finally {
            connection.destroy();
        }
    }
}
