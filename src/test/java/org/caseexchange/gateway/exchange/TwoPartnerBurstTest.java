package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.activemq.broker.BrokerService;
import org.apache.camel.CamelContext;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.ExampleGateways;
import org.caseexchange.gateway.support.PartnerTraffic;
import org.caseexchange.gateway.support.Slow;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two partner agencies (the second-partner test profile) each queue 2,500 queries while the gateway's
 * consumers are stopped; then the gateway starts on all 5,000 at once. Every query is answered once, on
 * its own partner's queue, with the bytes the gateway stored.
 */
@Slow
class TwoPartnerBurstTest {

    static final int PER_PARTNER = 2_500;
    static final List<String> PARTNERS = List.of("USA-USCIS", "USA-CBP");
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Test
    void fiveThousandQueriesQueuedAtOnceByTwoPartnersAreEachAnsweredOnce() throws Exception {
        try (ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(Map.of(
                "spring.profiles.active",
                "second-partner",
                "gateway.casedata.synthetic.seed",
                PartnerTraffic.SYNTHETIC_SEED))) {
            CamelContext camel = gateway.getBean(CamelContext.class);
            BrokerService broker = gateway.getBean(BrokerService.class);
            ProtocolCodec codec = gateway.getBean(ProtocolCodec.class);
            Map<String, ExampleGateways.Side> sides = Map.of(
                    "USA-USCIS",
                    ExampleGateways.unitedStates(Clock.systemUTC()),
                    "USA-CBP",
                    ExampleGateways.customsAndBorderProtection(Clock.systemUTC()));
            for (String partner : PARTNERS) {
                camel.getRouteController().stopRoute("answerPartnerQuery-" + partner);
            }

            Map<String, Set<String>> asked = new HashMap<>();
            for (String partner : PARTNERS) {
                ExampleGateways.Side side = sides.get(partner);
                List<CaseQuery> queries = PartnerTraffic.queries(partner, PER_PARTNER, new Random(partner.hashCode()));
                try (Connection connection =
                        PartnerTraffic.login(broker, partner).createConnection()) {
                    Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                    MessageProducer producer = session.createProducer(session.createQueue(partner + ".requests"));
                    for (CaseQuery query : queries) {
                        BytesMessage message = session.createBytesMessage();
                        message.writeBytes(side.envelope()
                                .seal(codec.encode(query), side.partner())
                                .sealed());
                        producer.send(message);
                    }
                    session.commit();
                }
                asked.put(
                        partner,
                        queries.stream()
                                .map(query -> query.getHeader().getMessageId())
                                .collect(Collectors.toSet()));
            }

            long started = System.nanoTime();
            for (String partner : PARTNERS) {
                camel.getRouteController().startRoute("answerPartnerQuery-" + partner);
            }
            Map<String, Map<String, Set<String>>> answered = new HashMap<>();
            for (String partner : PARTNERS) {
                Map<String, Set<String>> digests = new HashMap<>();
                PartnerTraffic.collectAnswers(broker, partner, digests, PER_PARTNER, TIMEOUT);
                answered.put(partner, digests);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    "burst: %d queries from %d partners answered in %.1f s (%.0f/s)%n",
                    PER_PARTNER * PARTNERS.size(), PARTNERS.size(), seconds, PER_PARTNER * PARTNERS.size() / seconds);

            Map<String, Set<String>> all = new HashMap<>();
            for (String partner : PARTNERS) {
                assertThat(answered.get(partner).keySet())
                        .as("%s's queries answered on its own queue", partner)
                        .containsExactlyInAnyOrderElementsOf(asked.get(partner));
                all.putAll(answered.get(partner));
            }
            assertThat(all.values())
                    .as("distinct answers per query")
                    .allSatisfy(digests -> assertThat(digests).hasSize(1));
            JdbcTemplate jdbc = gateway.getBean(JdbcTemplate.class);
            DeliveryCheck.assertAnsweredOnceAndIntact(jdbc, all);
            for (String partner : PARTNERS) {
                assertThat(jdbc.queryForObject(
                                "SELECT COUNT(*) FROM exchange WHERE partner_code = ?", Integer.class, partner))
                        .as("%s's exchanges", partner)
                        .isEqualTo(PER_PARTNER);
            }
        }
    }
}
