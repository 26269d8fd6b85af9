package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.PartnerAgency;
import org.caseexchange.gateway.support.PartnerTraffic;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The gateway shut down the ordinary way (as on SIGTERM) in the middle of 300 queries, then started
 * again on the same data: what was in flight finished or rolled back, nothing was lost, and every query
 * is answered once.
 */
class GracefulShutdownTest {

    static final int QUERIES = 300;
    static final int ANSWERED_BEFORE_SHUTDOWN = 40;
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void aShutdownInTheMiddleLosesNothingAndDecidesNothingTwice() throws Exception {
        Map<String, Object> settings = Map.of(
                "gateway.data-dir",
                EmbeddedGatewayTest.newDataDirectory(),
                "gateway.casedata.synthetic.seed",
                PartnerTraffic.SYNTHETIC_SEED);
        Map<String, Set<String>> answerDigests = new HashMap<>();
        Set<String> asked;

        ConfigurableApplicationContext first = EmbeddedGatewayTest.startGateway(settings);
        try {
            PartnerAgency usa =
                    new PartnerAgency(first.getBean(BrokerService.class), first.getBean(ProtocolCodec.class));
            try {
                List<CaseQuery> queries = PartnerTraffic.queries(QUERIES, new Random(QUERIES));
                for (CaseQuery query : queries) {
                    usa.send(PartnerAgency.REQUESTS, usa.seal(query));
                }
                asked = queries.stream()
                        .map(query -> query.getHeader().getMessageId())
                        .collect(Collectors.toSet());
            } finally {
                usa.close();
            }
            PartnerTraffic.collectAnswers(
                    first.getBean(BrokerService.class), "USA-USCIS", answerDigests, ANSWERED_BEFORE_SHUTDOWN, TIMEOUT);
        } finally {
            first.close();
        }
        assertThat(answerDigests.size())
                .as("queries answered before the shutdown")
                .isLessThan(QUERIES);

        try (ConfigurableApplicationContext second = EmbeddedGatewayTest.startGateway(settings)) {
            PartnerTraffic.collectAnswers(
                    second.getBean(BrokerService.class), "USA-USCIS", answerDigests, QUERIES, TIMEOUT);
            assertThat(answerDigests.keySet()).as("queries answered").containsExactlyInAnyOrderElementsOf(asked);
            assertThat(answerDigests.values())
                    .as("distinct answers per query")
                    .allSatisfy(digests -> assertThat(digests).hasSize(1));
            DeliveryCheck.assertAnsweredOnceAndIntact(second.getBean(JdbcTemplate.class), answerDigests);
        }
    }
}
