package org.caseexchange.gateway.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.caseexchange.gateway.support.ExamplePki;
import org.caseexchange.gateway.trust.GatewayIdentity;
import org.caseexchange.gateway.trust.GatewayIdentityProperties;

/**
 * A JVM of its own that loads the gateway's identity from {@code key=value} settings, as a start does,
 * and prints one checkpoint signed with its audit key; a refused setting is printed and exits 2. A
 * PKCS#11 library reads its environment once per process, which is why this is a process.
 */
public final class SignOneCheckpoint {

    private SignOneCheckpoint() {}

    public static void main(String[] arguments) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            settings.put(argument.substring(0, equals), argument.substring(equals + 1));
        }
        try {
            GatewayIdentity identity =
                    new GatewayIdentity(ExamplePki.bind(settings, GatewayIdentityProperties.class, "gateway.identity"));
            System.out.print(new CheckpointSigner(identity)
                    .sign(42, "5d".repeat(32), Instant.now())
                    .fileText());
        } catch (InvalidConfigurationException e) {
            System.out.println(e.getMessage());
            System.exit(2);
        }
    }
}
