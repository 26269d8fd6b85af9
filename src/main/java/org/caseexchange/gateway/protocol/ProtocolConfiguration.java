package org.caseexchange.gateway.protocol;

import org.caseexchange.gateway.trust.GatewayIdentity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ProtocolConfiguration {

    @Bean
    ProtocolCodec protocolCodec(ProtocolProperties properties) {
        return new ProtocolCodec(properties.limits());
    }

    @Bean
    HeaderCheck headerCheck(GatewayIdentity identity, ProtocolProperties properties) {
        return new HeaderCheck(identity.agencyCode(), properties.freshness());
    }
}
