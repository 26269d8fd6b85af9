package org.caseexchange.gateway;

/**
 * Start-up refusal caused by the operator's configuration. The message always begins with the
 * configuration key at fault (for example {@code gateway.partners[0].trust-anchors[1]}) so an operator
 * can fix it without reading a stack trace.
 */
public class InvalidConfigurationException extends RuntimeException {

    private final String key;

    public InvalidConfigurationException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    public InvalidConfigurationException(String key, String problem, Throwable cause) {
        super(key + ": " + problem, cause);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
