package org.caseexchange.gateway.support;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Settings for a gateway of CAN-IRCC talking to USA-USCIS over the EC suite, with a given example PKI. */
public final class ExamplePki {

    public static final Path SHIPPED = Path.of("certs-example");

    private ExamplePki() {}

    public static Map<String, String> settings(Path pki) {
        Map<String, String> settings = new LinkedHashMap<>();
        String can = pki.resolve("CAN-IRCC") + "/";
        String usa = pki.resolve("USA-USCIS") + "/";
        settings.put("gateway.identity.agency-code", "CAN-IRCC");
        settings.put("gateway.identity.country", "CAN");
        settings.put("gateway.identity.keystore", can + "gateway-keystore.p12");
        settings.put("gateway.identity.keystore-password-file", can + "keystore.password");
        settings.put("gateway.identity.audit-key.keystore", can + "audit-keystore.p12");
        settings.put("gateway.identity.audit-key.password-file", can + "audit-keystore.password");
        settings.put("gateway.identity.audit-key.alias", "audit");
        settings.put("gateway.identity.suites.EC.signing-key-alias", "signing-ec");
        settings.put("gateway.identity.suites.EC.encryption-key-aliases[0]", "encryption-ec");
        settings.put("gateway.identity.suites.RSA.signing-key-alias", "signing-rsa");
        settings.put("gateway.identity.suites.RSA.encryption-key-aliases[0]", "encryption-rsa");
        settings.putAll(partner(0, "USA-USCIS", usa));
        return settings;
    }

    /** The settings record under {@code prefix}, bound from {@link #settings(Path)} as Spring Boot would. */
    public static <T> T bind(Path pki, Class<T> type, String prefix) {
        return bind(settings(pki), type, prefix);
    }

    /** The settings record under {@code prefix}, bound from the given settings as Spring Boot would. */
    public static <T> T bind(Map<String, String> settings, Class<T> type, String prefix) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bind(prefix, type)
                .get();
    }

    public static Map<String, String> partner(int index, String agencyCode, String pkiFolder) {
        String p = "gateway.partners[" + index + "].";
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(p + "agency-code", agencyCode);
        settings.put(p + "country", agencyCode.substring(0, 3));
        settings.put(p + "suite", "EC");
        settings.put(p + "trust-anchors[0]", pkiFolder + "ca/root-ca.pem");
        settings.put(p + "crls[0]", pkiFolder + "ca/root-ca.crl.pem");
        settings.put(p + "signing-certificates[0]", pkiFolder + "certs/signing-ec.pem");
        settings.put(p + "encryption-certificates[0]", pkiFolder + "certs/encryption-ec.pem");
        for (String destination :
                new String[] {"requests-in", "responses-out", "queries-out", "answers-in", "disclosures-in"}) {
            settings.put(p + "destinations." + destination, agencyCode + "." + destination + "." + index);
        }
        settings.put(p + "annexes[0]", "SMU-CASE-BY-CASE");
        return settings;
    }
}
