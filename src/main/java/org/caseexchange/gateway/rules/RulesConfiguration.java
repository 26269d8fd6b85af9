package org.caseexchange.gateway.rules;

import java.time.Clock;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.caseexchange.gateway.casedata.Enrichment;
import org.caseexchange.gateway.casedata.PersonMatcher;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RulesConfiguration.class);

    @Bean
    AnnexCatalogue annexCatalogue(RulesProperties properties, PartnerDirectory directory) {
        AnnexCatalogue catalogue = AnnexCatalogue.load(properties.annexFolderIfAny());
        for (int i = 0; i < directory.all().size(); i++) {
            Partner partner = directory.all().get(i);
            for (String annex : partner.annexes().stream().sorted().toList()) {
                if (catalogue
                        .find(annex)
                        .filter(a -> a.partners().contains(partner.agencyCode()))
                        .isEmpty()) {
                    throw new InvalidConfigurationException(
                            "gateway.partners[" + i + "].annexes",
                            annex + " is not an annex file that names " + partner.agencyCode());
                }
            }
        }
        return catalogue;
    }

    /**
     * Every partner has a standing human-rights risk assessment, and every assessment names a
     * configured partner: a partner left out would otherwise be someone nobody assessed.
     */
    @Bean
    HumanRightsAssessments humanRightsAssessments(RulesProperties properties, PartnerDirectory directory) {
        for (Partner partner : directory.all()) {
            if (!properties.partnerRisk().containsKey(partner.agencyCode())) {
                throw new InvalidConfigurationException(
                        "gateway.rules.partner-risk." + partner.agencyCode(),
                        "partner " + partner.agencyCode()
                                + " has no human-rights risk assessment: set NONE, MITIGABLE or UNMITIGABLE");
            }
        }
        for (String agency : properties.partnerRisk().keySet()) {
            if (directory.find(agency).isEmpty()) {
                throw new InvalidConfigurationException(
                        "gateway.rules.partner-risk." + agency, agency + " is not a configured partner");
            }
        }
        return new HumanRightsAssessments(properties.partnerRisk());
    }

    /** The checked assessments; the assessor depends on it, so that nothing is decided before the check. */
    record HumanRightsAssessments(java.util.Map<String, HumanRightsRisk> byPartner) {}

    @Bean
    RuleSet ruleSet(RulesProperties properties) {
        RuleSet rules = RuleSet.load(properties.ruleFileIfAny());
        LOG.info(
                "rule set {} loaded: {} rules ({})",
                rules.citation(),
                rules.rules().size(),
                rules.label());
        return rules;
    }

    @Bean
    DecisionEngine decisionEngine(RuleSet rules, AnnexCatalogue annexes) {
        return new DecisionEngine(rules, annexes);
    }

    /**
     * {@code /actuator/info} {@code rules}: the rule set in force (version and SHA-256) and each annex
     * with its version, digest, status and dates, so that an operator or a review body sees which
     * texts decide without reading the files.
     */
    @Bean
    org.springframework.boot.actuate.info.InfoContributor rulesInfo(RuleSet rules, AnnexCatalogue annexes) {
        return info -> {
            java.util.Map<String, Object> annexInfo = new java.util.TreeMap<>();
            for (Annex annex : annexes.all()) {
                java.util.Map<String, Object> one = new java.util.LinkedHashMap<>();
                one.put("version", annex.version());
                one.put("sha256", annex.sha256());
                one.put("status", annex.status().name());
                one.put("inForceFrom", String.valueOf(annex.inForce().from()));
                one.put("inForceUntil", String.valueOf(annex.inForce().until()));
                annexInfo.put(annex.id(), one);
            }
            info.withDetail(
                    "rules",
                    java.util.Map.of(
                            "ruleSet",
                            java.util.Map.of("version", rules.version(), "sha256", rules.sha256()),
                            "annexes",
                            annexInfo));
        };
    }

    /**
     * {@code gateway.annex.quota.used}: what each partner has used of each annex configured with it,
     * today and this year, in each direction ({@code theirs}: its queries to us; {@code ours}).
     */
    @Bean
    io.micrometer.core.instrument.binder.MeterBinder quotaMeters(
            QuotaLedger quotas, PartnerDirectory partners, AnnexCatalogue annexes, java.time.Clock clock) {
        return meters -> {
            for (Partner partner : partners.all()) {
                for (Annex annex : annexes.all()) {
                    if (!annex.partners().contains(partner.agencyCode()) || !partner.isConfiguredWith(annex.id())) {
                        continue;
                    }
                    for (boolean yearly : new boolean[] {false, true}) {
                        for (boolean ours : new boolean[] {false, true}) {
                            io.micrometer.core.instrument.Gauge.builder(
                                            "gateway.annex.quota.used",
                                            quotas,
                                            ledger -> ledger.used(
                                                    partner.agencyCode(),
                                                    annex.id(),
                                                    java.time.LocalDate.ofInstant(
                                                            clock.instant(), java.time.ZoneOffset.UTC),
                                                    yearly,
                                                    ours))
                                    .description("queries counted against an annex's volume")
                                    .tag("partner", partner.agencyCode())
                                    .tag("annex", annex.id())
                                    .tag("period", yearly ? "year" : "day")
                                    .tag("direction", ours ? "ours" : "theirs")
                                    .register(meters);
                        }
                    }
                }
            }
        };
    }

    @Bean
    QuotaLedger quotaLedger(JdbcTemplate jdbc) {
        return new QuotaLedger(jdbc);
    }

    @Bean
    QueryAssessor queryAssessor(
            DecisionEngine engine,
            PersonMatcher matcher,
            QuotaLedger quotas,
            Enrichment enrichment,
            RulesProperties properties,
            HumanRightsAssessments checked,
            GatewayIdentity identity,
            Clock clock) {
        return new QueryAssessor(engine, matcher, quotas, enrichment, properties, identity.country(), clock);
    }
}
