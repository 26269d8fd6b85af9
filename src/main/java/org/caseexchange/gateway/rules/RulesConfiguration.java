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
