package org.caseexchange.gateway;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a configuration refusal into Spring Boot's short "APPLICATION FAILED TO START" report. */
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        return new FailureAnalysis(
                "Invalid gateway configuration: " + cause.getMessage(),
                "Correct the setting '" + cause.key() + "' (application.yml, an external config file,"
                        + " or an environment variable) and start the gateway again.",
                cause);
    }
}
