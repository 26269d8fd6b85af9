package org.caseexchange.gateway.messaging;

/**
 * The gateway's own login to the broker. For the embedded broker it is made up at each start and never
 * written anywhere, so no file holds a password that opens every queue.
 */
public record BrokerCredentials(String user, String password) {

    public static final String GATEWAY_USER = "gateway";

    @Override
    public String toString() {
        return "BrokerCredentials[" + user + "]";
    }
}
