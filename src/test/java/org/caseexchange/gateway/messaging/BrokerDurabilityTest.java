package org.caseexchange.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerDurabilityTest {

    @TempDir
    java.nio.file.Path directory;

    @Test
    void refusesANonPersistentBroker() {
        BrokerService broker = new BrokerService();
        broker.setPersistent(false);

        var refusal = assertThrows(InvalidConfigurationException.class, () -> BrokerDurability.requireDurable(broker));

        assertThat(refusal.getMessage()).isEqualTo("gateway.broker.embedded: the embedded broker must be persistent");
    }

    @Test
    void refusesAJournalThatIsNotSyncedOnEveryWrite() throws Exception {
        BrokerService broker = new BrokerService();
        KahaDBPersistenceAdapter kahaDb = new KahaDBPersistenceAdapter();
        kahaDb.setDirectory(directory.toFile());
        kahaDb.setJournalDiskSyncStrategy("PERIODIC");
        broker.setPersistenceAdapter(kahaDb);

        var refusal = assertThrows(InvalidConfigurationException.class, () -> BrokerDurability.requireDurable(broker));

        assertThat(refusal.getMessage()).contains("synced on every write");
    }

    @Test
    void refusesAnExternalUrlThatWouldStartAnInMemoryBroker() {
        var refusal = assertThrows(
                InvalidConfigurationException.class, () -> BrokerDurability.requireNetworkUrl("vm://localhost"));

        assertThat(refusal.key()).isEqualTo("gateway.broker.url");
        assertThat(refusal.getMessage()).contains("'vm:' is not a network transport");
    }

    @Test
    void refusesAMissingExternalUrl() {
        var refusal = assertThrows(InvalidConfigurationException.class, () -> BrokerDurability.requireNetworkUrl(" "));

        assertThat(refusal.getMessage())
                .isEqualTo("gateway.broker.url: required when gateway.broker.embedded is false");
    }

    @Test
    void acceptsNetworkUrls() {
        assertThat(BrokerDurability.requireNetworkUrl("ssl://broker.example:61617")
                        .getPort())
                .isEqualTo(61617);
        assertThat(BrokerDurability.requireNetworkUrl("failover:(tcp://a:61616,tcp://b:61616)")
                        .getScheme())
                .isEqualTo("failover");
    }
}
