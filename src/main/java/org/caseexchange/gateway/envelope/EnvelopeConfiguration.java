package org.caseexchange.gateway.envelope;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EnvelopeConfiguration {

    @Bean
    SecureEnvelope secureEnvelope(
            GatewayIdentity identity, EnvelopeProperties properties, Clock clock, MeterRegistry meters) {
        return new CmsSecureEnvelope(identity, properties, clock, meters);
    }
}
