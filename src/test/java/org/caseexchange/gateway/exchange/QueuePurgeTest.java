package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.activemq.broker.BrokerService;
import org.apache.camel.CamelContext;
import org.caseexchange.gateway.audit.AuditEntry;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.demo.DemoCases;
import org.caseexchange.gateway.demo.DemoQueries;
import org.caseexchange.gateway.messaging.BrokerQueues;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.trust.Sha256;
import org.caseexchange.gateway.web.ConsoleUser;
import org.caseexchange.gateway.web.account.Role;
import org.caseexchange.gateway.web.desk.OperationsDesk;
import org.caseexchange.gateway.web.desk.Refused;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An operator empties a partner's queue after a flood without deleting the broker's store: every
 * message removed is an audit entry with its digest, committed first; the other queues keep theirs.
 */
class QueuePurgeTest extends EmbeddedGatewayTest {

    @Autowired
    OperationsDesk operations;

    @Autowired
    BrokerQueues queues;

    @Autowired
    BrokerService broker;

    @Autowired
    ProtocolCodec codec;

    @Autowired
    CamelContext camel;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcTemplate jdbc;

    final ConsoleUser operator = new ConsoleUser("otto", EnumSet.of(Role.OPERATOR));

    @Test
    void anOperatorPurgesAFloodedQueueAndEachMessageIsInTheLogWithItsDigest() throws Exception {
        camel.getRouteController().stopRoute("answerPartnerQuery-USA-USCIS");
        camel.getRouteController().stopRoute("receivePartnerDisclosure-USA-USCIS");
        Set<String> sent = new java.util.HashSet<>();
        List<String> messageIds = new ArrayList<>();
        try (PartnerAgency usa = new PartnerAgency(broker, codec)) {
            for (int i = 0; i < 25; i++) {
                CaseQuery query = query();
                messageIds.add(query.getHeader().getMessageId());
                byte[] sealed = usa.seal(query);
                usa.send(PartnerAgency.REQUESTS, sealed);
                sent.add(Sha256.hex(sealed));
            }
            usa.send("USA-USCIS.disclosures", "kept where it is".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        long entriesBefore = audit.headSeq();

        OperationsDesk.Purge purged = operations.purge(PartnerAgency.REQUESTS, operator);

        assertThat(purged.removed()).isEqualTo(25);
        assertThat(depth(PartnerAgency.REQUESTS)).isZero();
        assertThat(depth("USA-USCIS.disclosures"))
                .as("another queue keeps its messages")
                .isEqualTo(1);
        List<AuditEntry> entries = new ArrayList<>();
        audit.forEachEntry(entriesBefore, audit.headSeq(), entry -> {
            if (entry.event().equals("QUEUE_MESSAGE_PURGED")) {
                entries.add(entry);
            }
        });
        assertThat(entries).hasSize(25).allSatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("otto");
            assertThat(entry.partner()).isEqualTo("USA-USCIS");
        });
        assertThat(entries.stream()
                        .map(entry -> entry.digest("sealed").orElseThrow())
                        .collect(Collectors.toSet()))
                .as("the digest of each message purged, as the partner sent it")
                .isEqualTo(sent);
        assertThat(audit.verify().intact()).isTrue();

        camel.getRouteController().startRoute("answerPartnerQuery-USA-USCIS");
        camel.getRouteController().startRoute("receivePartnerDisclosure-USA-USCIS");
        assertThat(depth(PartnerAgency.REQUESTS)).isZero();
        assertThat(jdbc.queryForList("SELECT message_id FROM exchange WHERE partner_code = 'USA-USCIS'", String.class))
                .as("nothing purged is answered")
                .doesNotContainAnyElementsOf(messageIds);
    }

    @Test
    void onlyAnOperatorPurgesAndOnlyAQueueThatExists() {
        ConsoleUser auditor = new ConsoleUser("ada", EnumSet.of(Role.AUDITOR));
        assertThatThrownBy(() -> operations.purge(PartnerAgency.REQUESTS, auditor))
                .isInstanceOf(Refused.class)
                .hasMessageContaining("OPERATOR");
        assertThatThrownBy(() -> operations.purge("no.such.queue", operator))
                .isInstanceOf(Refused.class)
                .hasMessageContaining("no queue no.such.queue");
        assertThatThrownBy(() -> operations.purge("ActiveMQ.Advisory.Connection", operator))
                .isInstanceOf(Refused.class);
    }

    private long depth(String queue) {
        return queues.depths().stream()
                .filter(depth -> depth.queue().equals(queue))
                .mapToLong(BrokerQueues.Depth::messages)
                .sum();
    }

    private CaseQuery query() throws JMSException {
        return PartnerAgency.identityQuery(DemoQueries.subjectOf(new DemoCases(jdbc)
                .pick(DemoCases.Kind.ON_FILE, 0, java.time.LocalDate.now(java.time.ZoneOffset.UTC))
                .orElseThrow()));
    }
}
