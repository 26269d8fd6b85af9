package org.caseexchange.gateway.exchange;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.caseexchange.gateway.audit.AuditIntegrity;
import org.caseexchange.gateway.messaging.PartnerLinks;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instantiates each flow's route template (routes/*.camel.yaml) once per configured partner, on that
 * partner's own queue and on the broker that holds it (ours, or the partner's over a remote link), and starts the consumers only when the audit log checked out at start-up: a
 * gateway that cannot vouch for its log processes nothing (docs/audit.md, "Start-up check").
 */
class PartnerRoutes implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PartnerRoutes.class);

    static final String QUERY_TEMPLATE = "answerPartnerQuery";
    static final String DISCLOSURE_TEMPLATE = "receivePartnerDisclosure";
    static final String ANSWER_TEMPLATE = "receivePartnerAnswer";
    static final String OUTBOX_ROUTE = "sendOutbox";

    private final PartnerDirectory directory;
    private final PartnerLinks links;
    private final AuditIntegrity integrity;
    private final List<String> routeIds = new ArrayList<>();

    PartnerRoutes(PartnerDirectory directory, PartnerLinks links, AuditIntegrity integrity) {
        this.directory = directory;
        this.links = links;
        this.integrity = integrity;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {}

    @Override
    public void afterApplicationStart(CamelContext camel) {
        try {
            for (Partner partner : directory.all()) {
                add(camel, QUERY_TEMPLATE, partner, partner.destinations().requestsIn());
                add(camel, DISCLOSURE_TEMPLATE, partner, partner.destinations().disclosuresIn());
                add(camel, ANSWER_TEMPLATE, partner, partner.destinations().answersIn());
            }
            if (!integrity.processingAllowed()) {
                log.error(
                        "partner queues are not consumed: the audit log did not check out (health 'auditLog' says why)");
                return;
            }
            for (String routeId : routeIds) {
                camel.getRouteController().startRoute(routeId);
            }
            camel.getRouteController().startRoute(OUTBOX_ROUTE);
            log.info("consuming partner queues: {}", routeIds);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the partner routes", e);
        }
    }

    private void add(CamelContext camel, String template, Partner partner, String queue) {
        String routeId = template + "-" + partner.agencyCode();
        TemplatedRouteBuilder.builder(camel, template)
                .routeId(routeId)
                .parameter("partner", partner.agencyCode())
                .parameter("queue", queue)
                .parameter("broker", links.componentFor(partner.agencyCode()))
                .add();
        routeIds.add(routeId);
    }
}
