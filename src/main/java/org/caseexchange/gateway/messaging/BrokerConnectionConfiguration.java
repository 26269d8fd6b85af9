package org.caseexchange.gateway.messaging;

import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.RedeliveryPolicy;
import org.apache.activemq.broker.BrokerService;
import org.apache.camel.component.jms.JmsComponent;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The JMS connection factory of the gateway, to the embedded broker (in-JVM transport) or to the
 * external one, and the Camel {@code jms} component built on it; and the links to partners' own brokers
 * ({@link PartnerLinks}), each with a connection and component of its own.
 */
@Configuration(proxyBeanMethods = false)
class BrokerConnectionConfiguration {

    @Bean(destroyMethod = "stop")
    JmsPoolConnectionFactory connectionFactory(
            BrokerProperties properties,
            ObjectProvider<BrokerService> embeddedBroker,
            ObjectProvider<BrokerCredentials> embeddedCredentials) {
        ActiveMQConnectionFactory activeMq;
        if (properties.embedded()) {
            // Resolving the broker bean here guarantees it has started before anyone connects.
            BrokerService broker = embeddedBroker.getObject();
            activeMq = new ActiveMQConnectionFactory(
                    "vm://" + broker.getBrokerName() + "?create=false&waitForStart=10000");
            BrokerCredentials credentials = embeddedCredentials.getObject();
            activeMq.setUserName(credentials.user());
            activeMq.setPassword(credentials.password());
        } else {
            activeMq = new ActiveMQConnectionFactory(BrokerDurability.requireNetworkUrl(properties.url()));
            if (properties.user() != null) {
                activeMq.setUserName(properties.user());
                activeMq.setPassword(readPassword(properties));
            }
        }
        return pooled(activeMq, properties.redelivery());
    }

    /** The gateway's client settings on a connection factory, to our broker or to a partner's. */
    static JmsPoolConnectionFactory pooled(ActiveMQConnectionFactory activeMq, BrokerProperties.Redelivery redelivery) {
        activeMq.setRedeliveryPolicy(redeliveryPolicy(redelivery));
        // No prefetch: the broker hands a query to a consumer only when that consumer asks for one. A
        // query then waits for the next free consumer, not behind those a busy one already holds; and a
        // consumer left behind by a failover (one the listener container gave up on, which the failover
        // transport nevertheless restored at the broker) cannot hold queries nobody will ever read.
        // With a prefetch of 1, BrokerRestartDeliveryTest found two queries held that way, in flight to
        // a fifth consumer of four, their answers never sent again.
        activeMq.getPrefetchPolicy().setQueuePrefetch(0);
        // Payloads are sealed bytes; Java-serialised ObjectMessages are never accepted.
        activeMq.setTrustedPackages(List.of());
        activeMq.setTrustAllPackages(false);
        // After a failover the client library may take a redelivered query for a duplicate and "poison
        // ack" it, which dead-letters it without the gateway seeing it (no audit entry, no answer). The
        // gateway recognises a query it has seen by its own records and sends the stored answer again,
        // so it is given every delivery.
        activeMq.setCheckForDuplicates(false);
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(activeMq);
        return pool;
    }

    @Bean(PartnerLinks.HOSTED)
    JmsComponent jmsComponent(ConnectionFactory connectionFactory) {
        return component(connectionFactory);
    }

    @Bean(destroyMethod = "stop")
    PartnerLinks partnerLinks(BrokerProperties properties, PartnerDirectory directory, GatewayIdentity identity) {
        return PartnerLinks.connect(properties, directory, identity);
    }

    /** Each remote link: UP when the partner's broker accepts our login, DOWN with the exception's class otherwise. */
    @Bean
    HealthIndicator partnerLinksHealthIndicator(PartnerLinks links) {
        return () -> {
            Health.Builder health = Health.up();
            for (String partner : links.remotePartners()) {
                try {
                    links.check(partner);
                    health.withDetail(partner, "UP");
                } catch (Exception e) {
                    health.down().withDetail(partner, "DOWN (" + e.getClass().getSimpleName() + ")");
                }
            }
            return health.build();
        };
    }

    static JmsComponent component(ConnectionFactory connectionFactory) {
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(connectionFactory);
        jms.getConfiguration().setDeliveryPersistent(true);
        // A transacted consume must use the listener's own transacted session, which Spring exposes to
        // the thread so that the answer's send joins it: consume and answer then commit as one broker
        // transaction. Left to its default, Camel creates a JmsTransactionManager whose session is a
        // second one: the send commits there, after the consume committed on its own, and a crash in
        // between loses the answer (the crash test found it; AnswerTransactionTest watches for it).
        jms.getConfiguration().setLazyCreateTransactionManager(false);
        return jms;
    }

    private static RedeliveryPolicy redeliveryPolicy(BrokerProperties.Redelivery redelivery) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setInitialRedeliveryDelay(redelivery.initialDelay().toMillis());
        policy.setRedeliveryDelay(redelivery.initialDelay().toMillis());
        policy.setUseExponentialBackOff(redelivery.multiplier() > 1.0);
        policy.setBackOffMultiplier(redelivery.multiplier());
        policy.setMaximumRedeliveryDelay(redelivery.maxDelay().toMillis());
        policy.setMaximumRedeliveries(RedeliveryPolicy.NO_MAXIMUM_REDELIVERIES);
        return policy;
    }

    private static String readPassword(BrokerProperties properties) {
        String key = "gateway.broker.password-file";
        if (properties.passwordFile() == null) {
            throw new InvalidConfigurationException(key, "required when gateway.broker.user is set");
        }
        try {
            return Files.readString(properties.passwordFile(), StandardCharsets.UTF_8)
                    .strip();
        } catch (IOException e) {
            throw new InvalidConfigurationException(
                    key, "cannot read " + properties.passwordFile().toAbsolutePath(), e);
        }
    }
}
