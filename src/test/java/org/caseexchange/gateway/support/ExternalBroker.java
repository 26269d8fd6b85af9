package org.caseexchange.gateway.support;

import java.nio.file.Path;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.region.policy.IndividualDeadLetterStrategy;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;

/**
 * A broker outside the gateway, as production runs one: persistent, its journal synced on every write,
 * a dead-letter queue per queue, OpenWire on loopback. Started again on the same folder, it keeps its
 * messages.
 */
public final class ExternalBroker {

    private ExternalBroker() {}

    public static BrokerService start(Path data, int port) throws Exception {
        BrokerService broker = new BrokerService();
        broker.setBrokerName("external-" + port);
        broker.setDataDirectoryFile(data.toFile());
        KahaDBPersistenceAdapter kahaDb = new KahaDBPersistenceAdapter();
        kahaDb.setDirectory(data.resolve("kahadb").toFile());
        kahaDb.setJournalDiskSyncStrategy("ALWAYS");
        broker.setPersistenceAdapter(kahaDb);
        IndividualDeadLetterStrategy deadLetters = new IndividualDeadLetterStrategy();
        deadLetters.setQueuePrefix("DLQ.");
        PolicyEntry everyQueue = new PolicyEntry();
        everyQueue.setDeadLetterStrategy(deadLetters);
        PolicyMap policies = new PolicyMap();
        policies.setDefaultEntry(everyQueue);
        broker.setDestinationPolicy(policies);
        broker.setUseJmx(false);
        broker.setUseShutdownHook(false);
        broker.addConnector("tcp://127.0.0.1:" + port);
        broker.start();
        broker.waitUntilStarted();
        return broker;
    }
}
