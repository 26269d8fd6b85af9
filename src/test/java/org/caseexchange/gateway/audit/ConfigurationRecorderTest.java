package org.caseexchange.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import org.caseexchange.gateway.support.ExamplePki;
import org.caseexchange.gateway.support.TestDatabase;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.caseexchange.gateway.trust.PartnerDirectoryProperties;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A start records our keys and what we trust when they changed since the last start, and nothing when they did not. */
class ConfigurationRecorderTest {

    private final TestDatabase database = TestDatabase.postgres();
    private final AuditLog log = new AuditLog(new JdbcTemplate(database.application()), Clock.systemUTC());
    private final ConfigurationRecorder recorder = new ConfigurationRecorder(
            log, new TransactionTemplate(new DataSourceTransactionManager(database.application())));

    @Test
    void recordsOnlyWhatChangedSinceTheLastStart() {
        PartnerDirectory shipped = directory(Map.of());
        PartnerDirectory moreAnnexes = directory(Map.of("gateway.partners[0].annexes[1]", "ANNEX-1-IDENTITY-CHECKS"));

        assertThat(recorder.recordChanges(AuditStack.IDENTITY, shipped))
                .containsExactly(AuditEventType.KEY_CHANGED, AuditEventType.CONFIGURATION_CHANGED);
        assertThat(recorder.recordChanges(AuditStack.IDENTITY, shipped)).isEmpty();
        assertThat(recorder.recordChanges(AuditStack.IDENTITY, moreAnnexes))
                .containsExactly(AuditEventType.CONFIGURATION_CHANGED);
        assertThat(recorder.recordChanges(AuditStack.IDENTITY, shipped))
                .containsExactly(AuditEventType.CONFIGURATION_CHANGED);

        assertThat(log.entriesOfType(AuditEventType.CONFIGURATION_CHANGED))
                .hasSize(3)
                .extracting(entry -> entry.digest("trust").orElseThrow())
                .containsExactly(
                        ConfigurationRecorder.trustDigest(shipped),
                        ConfigurationRecorder.trustDigest(moreAnnexes),
                        ConfigurationRecorder.trustDigest(shipped));
        assertThat(log.entriesOfType(AuditEventType.KEY_CHANGED))
                .singleElement()
                .satisfies(entry -> assertThat(entry.digest("keys"))
                        .contains(ConfigurationRecorder.keysDigest(AuditStack.IDENTITY)));
    }

    private static PartnerDirectory directory(Map<String, String> changes) {
        Map<String, String> settings = ExamplePki.settings(ExamplePki.SHIPPED);
        settings.putAll(changes);
        return new PartnerDirectory(
                ExamplePki.bind(settings, PartnerDirectoryProperties.class, "gateway"), AuditStack.IDENTITY);
    }
}
