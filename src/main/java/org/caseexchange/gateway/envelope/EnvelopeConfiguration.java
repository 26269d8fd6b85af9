package org.caseexchange.gateway.envelope;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EnvelopeConfiguration {

    @Bean
    SecureEnvelope secureEnvelope(
            GatewayIdentity identity,
            PartnerDirectory directory,
            EnvelopeProperties properties,
            Clock clock,
            MeterRegistry meters) {
        return new CmsSecureEnvelope(identity, directory, properties, clock, meters);
    }
}
