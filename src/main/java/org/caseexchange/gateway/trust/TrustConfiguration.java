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

    @Bean
    Expiries expiries(GatewayIdentity identity, PartnerDirectory partners, ExpiryWarningProperties warning) {
        return new Expiries(identity, partners, warning);
    }

    @Bean(destroyMethod = "close")
    ExpiryWatch expiryWatch(Expiries expiries, java.time.Clock clock) {
        return new ExpiryWatch(expiries, clock);
    }

    /**
     * {@code /actuator/info} {@code agency} and {@code partners}: who this gateway is, and each partner
     * with its country, algorithm suite and the annexes configured with it. No key, no certificate.
     */
    @Bean
    org.springframework.boot.actuate.info.InfoContributor partnersInfo(
            GatewayIdentity identity, PartnerDirectory partners) {
        return info -> {
            java.util.Map<String, Object> configured = new java.util.TreeMap<>();
            for (Partner partner : partners.all()) {
                configured.put(
                        partner.agencyCode(),
                        java.util.Map.of(
                                "country", partner.country(),
                                "suite", partner.suite().name(),
                                "annexes", new java.util.TreeSet<>(partner.annexes())));
            }
            info.withDetail("agency", identity.agencyCode()).withDetail("partners", configured);
        };
    }
}
