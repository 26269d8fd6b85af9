package org.caseexchange.gateway.rules;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code gateway.rules} (docs/rules.md).
 *
 * @param annexFolder the operator's annex files; each replaces the shipped annex of the same id
 * @param ruleFile the operator's rule file, replacing the shipped example
 * @param partnerRisk the standing human-rights risk assessment of each partner, by agency code; every
 *     configured partner must have one (a missing assessment stops the start, never defaults to NONE)
 */
@Validated
@ConfigurationProperties("gateway.rules")
public record RulesProperties(Path annexFolder, Path ruleFile, Map<String, HumanRightsRisk> partnerRisk) {

    public RulesProperties {
        partnerRisk = partnerRisk == null ? Map.of() : Map.copyOf(partnerRisk);
    }

    /** The partner's assessment; UNMITIGABLE (nothing is shared) for a partner without one, failing closed. */
    public HumanRightsRisk riskOf(String partner) {
        return partnerRisk.getOrDefault(partner, HumanRightsRisk.UNMITIGABLE);
    }

    Optional<Path> annexFolderIfAny() {
        return Optional.ofNullable(annexFolder);
    }

    Optional<Path> ruleFileIfAny() {
        return Optional.ofNullable(ruleFile);
    }
}
