package org.caseexchange.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.util.Map;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.caseexchange.gateway.support.ExampleGateways;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.junit.jupiter.api.Test;

/** A partner nobody assessed is never treated as one of no risk: the start is refused, and the assessor fails closed. */
class HumanRightsAssessmentsTest {

    static final PartnerDirectory CANADA =
            ExampleGateways.canada(Clock.systemUTC()).directory();

    @Test
    void aPartnerWithoutAnAssessmentStopsTheStartAndIsNamed() {
        InvalidConfigurationException refused = assertThrows(
                InvalidConfigurationException.class,
                () -> new RulesConfiguration()
                        .humanRightsAssessments(new RulesProperties(null, null, Map.of()), CANADA));

        assertThat(refused.key()).isEqualTo("gateway.rules.partner-risk.USA-USCIS");
        assertThat(refused).hasMessageContaining("partner USA-USCIS has no human-rights risk assessment");
    }

    @Test
    void anAssessmentIsReadForEveryConfiguredPartner() {
        assertThat(new RulesConfiguration()
                        .humanRightsAssessments(
                                new RulesProperties(null, null, Map.of("USA-USCIS", HumanRightsRisk.MITIGABLE)), CANADA)
                        .byPartner())
                .containsEntry("USA-USCIS", HumanRightsRisk.MITIGABLE);
    }

    @Test
    void withoutAnAssessmentNothingIsShared() {
        assertThat(new RulesProperties(null, null, Map.of()).riskOf("USA-USCIS"))
                .isEqualTo(HumanRightsRisk.UNMITIGABLE);
    }
}
