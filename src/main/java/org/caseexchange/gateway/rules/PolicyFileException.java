package org.caseexchange.gateway.rules;

import org.caseexchange.gateway.InvalidConfigurationException;

/**
 * An annex or rule file the gateway will not start with. The message names the file, the annex or
 * rule, and what is wrong, so an operator fixes it without reading code.
 */
class PolicyFileException extends InvalidConfigurationException {

    public PolicyFileException(String file, String problem) {
        super(file, problem);
    }
}
