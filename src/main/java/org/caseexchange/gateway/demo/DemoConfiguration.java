package org.caseexchange.gateway.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.caseexchange.gateway.exchange.outbound.OurQueries;
import org.caseexchange.gateway.messaging.BrokerProperties;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs the demo partner once the gateway is ready, in a thread of its own, when {@code gateway.demo.enabled}:
 * once per data folder, so that restarting the demo on the same data adds nothing.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DemoProperties.class)
@ConditionalOnProperty(name = "gateway.demo.enabled", havingValue = "true")
class DemoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DemoConfiguration.class);
    /** Our officer's lines of the demo, beside the demo partner's. */
    private static final Logger officerConsole = LoggerFactory.getLogger("demo-officer");
    /** The key in the EXAMPLE agency keystores whose certificate expired in 2021 (certs-example/generate.sh). */
    private static final String EXPIRED_SIGNING_KEY = "signing-ec-expired";

    /** What the demo partner saw, once it is done. */
    public static final class DemoRun {
        private final CompletableFuture<List<DemoPartner.Line>> lines = new CompletableFuture<>();

        public CompletableFuture<List<DemoPartner.Line>> lines() {
            return lines;
        }
    }

    @Bean
    DemoRun demoRun() {
        return new DemoRun();
    }

    /** The demo's console accounts, once the gateway is ready: where their passwords are is logged. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> demoAccountsCreator(
            org.caseexchange.gateway.web.account.Accounts accounts,
            org.springframework.core.env.Environment environment,
            Clock clock) {
        return event -> {
            java.nio.file.Path file = DemoAccounts.create(
                    accounts, java.nio.file.Path.of(environment.getRequiredProperty("gateway.data-dir")), clock);
            log.info(
                    "console: http://{}:{}/ - sign in with a demo account from {}",
                    environment.getProperty("server.address", "127.0.0.1"),
                    environment.getProperty("local.server.port", environment.getProperty("server.port", "8080")),
                    file);
        };
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> demoPartnerStarter(
            DemoRun run,
            DemoProperties properties,
            GatewayIdentity identity,
            PartnerDirectory directory,
            ProtocolCodec codec,
            JdbcTemplate jdbc,
            ObjectProvider<BrokerService> embeddedBroker,
            BrokerProperties broker,
            ObjectProvider<OurQueries> queries,
            Clock clock) {
        return event -> {
            Partner played = directory
                    .find(properties.agencyCode())
                    .orElseThrow(() -> new InvalidConfigurationException(
                            "gateway.demo.agency-code", "is not one of gateway.partners"));
            PartnerSide side = PartnerSide.of(
                    properties.agencyCode(),
                    properties.agencyFolder(),
                    identity.agencyCode(),
                    identity.country(),
                    properties.gatewayFolder(),
                    clock);
            PartnerSide expiredSigner = PartnerSide.of(
                    properties.agencyCode(),
                    properties.agencyFolder(),
                    identity.agencyCode(),
                    identity.country(),
                    properties.gatewayFolder(),
                    clock,
                    EXPIRED_SIGNING_KEY);
            long earlier = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM exchange WHERE partner_code = ?", Long.class, properties.agencyCode());
            if (earlier > 0) {
                // Once per data folder: a restart on the same data adds no exchanges and no reviews.
                log.info(
                        "the demo partner already ran on this data folder ({} exchanges with {}); start on an empty data folder to run it"
                                + " again",
                        earlier,
                        properties.agencyCode());
                run.lines.complete(List.of());
                return;
            }
            String amqp =
                    properties.amqpUrl() != null ? properties.amqpUrl() : embeddedAmqp(embeddedBroker.getIfAvailable());
            DemoPartner partner = new DemoPartner(
                    side,
                    expiredSigner,
                    codec,
                    new DemoCases(jdbc),
                    amqp,
                    login(broker, properties.agencyCode()),
                    identity.agencyCode(),
                    played.destinations().requestsIn(),
                    played.destinations().responsesOut(),
                    clock);
            Thread thread = new Thread(
                    () -> {
                        try {
                            List<DemoPartner.Line> lines = new ArrayList<>(partner.run());
                            // The other direction: our officer asks, the demo partner answers.
                            DemoOfficer officer = new DemoOfficer(
                                    queries.getObject(), new DemoCases(jdbc), jdbc, properties.agencyCode());
                            List<DemoPartner.Line> ours = new ArrayList<>();
                            Optional<UUID> sent = officer.ask(LocalDate.now(clock.withZone(ZoneOffset.UTC)), ours);
                            ours.forEach(line -> officerConsole.info("{}", line));
                            lines.addAll(ours);
                            if (sent.isPresent()) {
                                lines.addAll(partner.answerQueries(
                                        1,
                                        played.destinations().queriesOut(),
                                        played.destinations().answersIn(),
                                        played.destinations().responsesOut()));
                                DemoPartner.Line kept = officer.answerKept(sent.get());
                                officerConsole.info("{}", kept);
                                lines.add(kept);
                            }
                            run.lines.complete(lines);
                        } catch (Exception e) {
                            log.error(
                                    "the demo partner stopped: {}", e.getClass().getName());
                            run.lines.completeExceptionally(e);
                        }
                    },
                    "demo-partner");
            thread.setDaemon(true);
            thread.start();
        };
    }

    /** The partner's own broker login, which it knows because it was agreed with it. */
    private static String[] login(BrokerProperties broker, String agency) {
        java.nio.file.Path file = broker.partnerPasswordFiles().get(agency);
        if (file == null) {
            throw new InvalidConfigurationException(
                    "gateway.broker.partner-password-files." + agency, "required for the demo partner");
        }
        try {
            return new String[] {agency, java.nio.file.Files.readString(file).strip()};
        } catch (java.io.IOException e) {
            throw new InvalidConfigurationException(
                    "gateway.broker.partner-password-files." + agency, "cannot read " + file, e);
        }
    }

    private static String embeddedAmqp(BrokerService broker) {
        if (broker == null || broker.getTransportConnectorByName("amqp") == null) {
            throw new InvalidConfigurationException(
                    "gateway.demo.amqp-url", "required without the embedded broker's AMQP transport");
        }
        try {
            return "amqp://127.0.0.1:"
                    + broker.getTransportConnectorByName("amqp").getConnectUri().getPort();
        } catch (Exception e) {
            throw new IllegalStateException("the embedded broker's AMQP transport has no address", e);
        }
    }
}
