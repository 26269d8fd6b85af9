package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.demo.DemoCases;
import org.caseexchange.gateway.demo.DemoQueries;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.PartnerAgency;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/**
 * What an operator and a review body chart and read on the operators' port: the gateway's metrics by
 * direction, partner, annex, outcome and reason, its backlogs, queues, certificates, checkpoints and
 * quotas, Camel's route metrics beside them, and {@code /actuator/info} with the build, the rules and
 * the partners. No label or value carries what a query said about a person.
 */
class OperationsMetricsTest extends EmbeddedGatewayTest {

    @Autowired
    BrokerService broker;

    @Autowired
    ProtocolCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    @Test
    void theMetricsAnOperatorChartsAreScrapedWithoutAnyPersonalData() throws Exception {
        PersonRecord person = new DemoCases(jdbc)
                .pick(DemoCases.Kind.ON_FILE, 2, LocalDate.now(ZoneOffset.UTC))
                .orElseThrow();
        CaseQuery query = PartnerAgency.identityQuery(DemoQueries.subjectOf(person));
        try (PartnerAgency usa = new PartnerAgency(broker, codec)) {
            usa.send(PartnerAgency.REQUESTS, usa.seal(query));
            usa.answerTo(query.getHeader().getMessageId(), Duration.ofSeconds(30));
        }

        String scrape = operators().get().uri("/actuator/prometheus").retrieve().body(String.class);

        assertThat(scrape)
                .contains("gateway_exchanges_total{")
                .containsPattern("gateway_exchanges_total\\{[^}]*annex=\"ANNEX-1-IDENTITY-CHECKS\"[^}]*"
                        + "direction=\"INBOUND_QUERY\"[^}]*outcome=\"ALLOW\"[^}]*partner=\"USA-USCIS\"")
                .contains("gateway_reviews_pending")
                .contains("gateway_reviews_oldest_age_seconds")
                .contains("gateway_outbox_depth")
                .contains("gateway_broker_queue_depth{")
                .contains("queue=\"DLQ.USA-USCIS.requests\"")
                .containsPattern(
                        "gateway_certificate_days_left_days\\{[^}]*certificate=\"partner.USA-USCIS.signing-certificates\\[0\\]\"")
                .contains("gateway_audit_checkpoint_age_seconds")
                .contains("gateway_audit_log_size")
                .containsPattern("gateway_annex_quota_used\\{[^}]*annex=\"ANNEX-1-IDENTITY-CHECKS\"")
                .contains("gateway_evidence_destroyed_total")
                .contains("gateway_instance_job_last_run_here")
                .as("Camel's route metrics beside the gateway's")
                .containsPattern("camel_exchanges[a-z_]*\\{[^}]*routeId=\"answerPartnerQuery-USA-USCIS\"");
        String family = person.names().get(0).familyName();
        assertThat(scrape)
                .as("no metric names the person asked about")
                .doesNotContain(family)
                .doesNotContain(query.getSubject().getDateOfBirth())
                .doesNotContain(query.getHeader().getMessageId());
    }

    @Test
    void infoSaysWhichBuildRulesAnnexesAndPartnersAreInForce() {
        @SuppressWarnings("unchecked")
        Map<String, Object> info =
                operators().get().uri("/actuator/info").retrieve().body(Map.class);

        assertThat(info.get("build").toString()).contains("version=").contains("time=");
        assertThat(info.get("rules").toString())
                .contains("ruleSet")
                .contains("sha256")
                .contains("ANNEX-1-IDENTITY-CHECKS")
                .contains("version=");
        assertThat(info.get("partners").toString()).contains("USA-USCIS").contains("suite=EC");
        assertThat(info).containsEntry("agency", "CAN-IRCC").containsKey("instance");
    }

    private RestClient operators() {
        return RestClient.create("http://127.0.0.1:" + environment.getProperty("local.management.port"));
    }
}
