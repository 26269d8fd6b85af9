package org.caseexchange.gateway.trust;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TrustConfiguration {

    @Bean
    GatewayIdentity gatewayIdentity(GatewayIdentityProperties properties) {
        return new GatewayIdentity(properties);
    }

    @Bean
    PartnerDirectory partnerDirectory(PartnerDirectoryProperties properties, GatewayIdentity identity) {
        return new PartnerDirectory(properties, identity);
    }
}
