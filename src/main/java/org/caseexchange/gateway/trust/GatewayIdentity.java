package org.caseexchange.gateway.trust;

import static org.caseexchange.gateway.trust.internal.CertificateRequirements.requireKey;
import static org.caseexchange.gateway.trust.internal.CertificateRequirements.requireKeyUsage;
import static org.caseexchange.gateway.trust.internal.CertificateRequirements.requireMessageSigning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidParameterException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.caseexchange.gateway.trust.GatewayIdentityProperties.AuditKey;
import org.caseexchange.gateway.trust.GatewayIdentityProperties.KeyStoreType;
import org.caseexchange.gateway.trust.GatewayIdentityProperties.SuiteKeys;
import org.caseexchange.gateway.trust.internal.CertificateRequirements.KeyUsage;

/**
 * This gateway's agency and its private keys, loaded once: the messaging and TLS keys from one PKCS#12
 * keystore, the audit key from its own keystore or token. Each configured alias must be a private-key
 * entry whose certificate fits its role. Private keys leave this
 * class only towards {@code envelope} (messaging keys) and {@code audit} (the checkpoint key); an
 * architecture test keeps it so.
 */
public final class GatewayIdentity {

    /** A private key, its certificate, and the provider that holds the key when that is a token. */
    private record KeyEntry(String alias, PrivateKey privateKey, X509Certificate certificate, Provider provider) {

        KeyEntry(String alias, PrivateKey privateKey, X509Certificate certificate) {
            this(alias, privateKey, certificate, null);
        }

        @Override
        public String toString() {
            return "KeyEntry[" + alias + "]";
        }
    }

    private record SuiteEntries(KeyEntry signing, List<KeyEntry> encryption) {}

    private static final String KEY = "gateway.identity";

    private final String agencyCode;
    private final String country;
    private final Map<AlgorithmSuite, SuiteEntries> suites;
    private final KeyEntry audit;
    private final KeyEntry tls;

    public GatewayIdentity(GatewayIdentityProperties properties) {
        this.agencyCode = properties.agencyCode();
        this.country = properties.country();
        char[] password = readPassword(KEY + ".keystore-password-file", properties.keystorePasswordFile());
        try {
            KeyStore keyStore = loadKeyStore(KEY + ".keystore", properties.keystore(), password);
            Set<String> usedAliases = new HashSet<>();
            Map<AlgorithmSuite, SuiteEntries> loaded = new EnumMap<>(AlgorithmSuite.class);
            for (var suite : properties.suites().entrySet()) {
                loaded.put(
                        suite.getKey(), loadSuite(keyStore, password, suite.getKey(), suite.getValue(), usedAliases));
            }
            this.suites = Map.copyOf(loaded);
            String tlsKey = KEY + ".tls-key-alias";
            this.tls =
                    properties.tlsKeyAlias() == null || properties.tlsKeyAlias().isBlank()
                            ? null
                            : entry(keyStore, password, tlsKey, properties.tlsKeyAlias(), usedAliases);
            if (tls != null) {
                requireKeyUsage(tlsKey, tls.certificate(), KeyUsage.DIGITAL_SIGNATURE);
            }
        } finally {
            Arrays.fill(password, '\0');
        }
        this.audit = loadAuditKey(properties, messagingEntries());
    }

    public String agencyCode() {
        return agencyCode;
    }

    /** ISO 3166-1 alpha-3 code of our country. */
    public String country() {
        return country;
    }

    public Set<AlgorithmSuite> suites() {
        return suites.keySet();
    }

    public X509Certificate signingCertificate(AlgorithmSuite suite) {
        return entries(suite).signing().certificate();
    }

    /** Current encryption certificate first, then those still accepted during a rollover. */
    public List<X509Certificate> encryptionCertificates(AlgorithmSuite suite) {
        return entries(suite).encryption().stream().map(KeyEntry::certificate).toList();
    }

    public X509Certificate auditCertificate() {
        return audit.certificate();
    }

    /** Every certificate of ours, each with the alias that names its role, for expiry monitoring. */
    public Map<String, X509Certificate> certificatesByAlias() {
        Map<String, X509Certificate> all = new TreeMap<>();
        for (SuiteEntries entries : suites.values()) {
            all.put(entries.signing().alias(), entries.signing().certificate());
            entries.encryption().forEach(e -> all.put(e.alias(), e.certificate()));
        }
        all.put(audit.alias(), audit.certificate());
        if (tls != null) {
            all.put(tls.alias(), tls.certificate());
        }
        return all;
    }

    /**
     * Key managers that present our TLS certificate and nothing else, when one is configured: the key
     * stays inside them, so a TLS transport can use it without any caller holding it.
     */
    public Optional<KeyManager[]> tlsKeyManagers() {
        if (tls == null) {
            return Optional.empty();
        }
        try {
            char[] transientPassword = new char[0];
            KeyStore only = KeyStore.getInstance("PKCS12");
            only.load(null, null);
            only.setKeyEntry(tls.alias(), tls.privateKey(), transientPassword, new Certificate[] {tls.certificate()});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(only, transientPassword);
            return Optional.of(factory.getKeyManagers());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the TLS key managers", e);
        }
    }

    /** For {@code envelope} only. */
    public PrivateKey signingKey(AlgorithmSuite suite) {
        return entries(suite).signing().privateKey();
    }

    /** For {@code envelope} only: the private key of one of our encryption certificates, if it is ours. */
    public Optional<PrivateKey> encryptionKey(AlgorithmSuite suite, X509Certificate certificate) {
        return entries(suite).encryption().stream()
                .filter(e -> e.certificate().equals(certificate))
                .map(KeyEntry::privateKey)
                .findFirst();
    }

    /**
     * For {@code audit} only: a signature initialised with the audit key, wherever that key is kept (on a
     * PKCS#11 token, the token signs and the key never leaves it).
     */
    public Signature auditSignature(String algorithm) throws GeneralSecurityException {
        Signature signature = audit.provider() == null
                ? Signature.getInstance(algorithm)
                : Signature.getInstance(algorithm, audit.provider());
        signature.initSign(audit.privateKey());
        return signature;
    }

    @Override
    public String toString() {
        return "GatewayIdentity[" + agencyCode + ", suites=" + suites.keySet() + "]";
    }

    private List<KeyEntry> messagingEntries() {
        List<KeyEntry> all = new ArrayList<>();
        for (SuiteEntries entries : suites.values()) {
            all.add(entries.signing());
            all.addAll(entries.encryption());
        }
        if (tls != null) {
            all.add(tls);
        }
        return all;
    }

    private SuiteEntries entries(AlgorithmSuite suite) {
        SuiteEntries entries = suites.get(suite);
        if (entries == null) {
            throw new IllegalArgumentException("no keys configured for suite " + suite);
        }
        return entries;
    }

    private static SuiteEntries loadSuite(
            KeyStore keyStore, char[] password, AlgorithmSuite suite, SuiteKeys keys, Set<String> usedAliases) {
        String key = KEY + ".suites." + suite;
        String signingKey = key + ".signing-key-alias";
        KeyEntry signing = entry(keyStore, password, signingKey, keys.signingKeyAlias(), usedAliases);
        requireKey(signingKey, signing.certificate(), suite);
        requireMessageSigning(signingKey, signing.certificate());
        List<KeyEntry> encryption = new ArrayList<>();
        for (int i = 0; i < keys.encryptionKeyAliases().size(); i++) {
            String encryptionKey = key + ".encryption-key-aliases[" + i + "]";
            KeyEntry entry = entry(
                    keyStore,
                    password,
                    encryptionKey,
                    keys.encryptionKeyAliases().get(i),
                    usedAliases);
            requireKey(encryptionKey, entry.certificate(), suite);
            requireKeyUsage(encryptionKey, entry.certificate(), KeyUsage.named(suite.encryptionKeyUsage()));
            encryption.add(entry);
        }
        return new SuiteEntries(signing, List.copyOf(encryption));
    }

    private static KeyEntry entry(
            KeyStore keyStore, char[] password, String key, String alias, Set<String> usedAliases) {
        if (!usedAliases.add(alias)) {
            throw new InvalidConfigurationException(key, "key alias '" + alias + "' is already used for another role");
        }
        try {
            if (!keyStore.isKeyEntry(alias)) {
                throw new InvalidConfigurationException(key, "no private-key entry '" + alias + "' in the keystore");
            }
            PrivateKey privateKey = (PrivateKey) keyStore.getKey(alias, password);
            X509Certificate certificate = (X509Certificate) keyStore.getCertificate(alias);
            return new KeyEntry(alias, privateKey, certificate);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new InvalidConfigurationException(
                    key, "keystore entry '" + alias + "' is not a usable private key", e);
        }
    }

    /**
     * The audit key, from its own PKCS#12 file or a PKCS#11 token, with a password of its own. The messaging
     * keystore or its password file configured for it, or a messaging key used as the audit key, stops the
     * start: whoever holds the messaging keys must not be able to sign a checkpoint.
     */
    private static KeyEntry loadAuditKey(GatewayIdentityProperties properties, List<KeyEntry> messaging) {
        AuditKey settings = properties.auditKey();
        String key = KEY + ".audit-key";
        if (sameFile(settings.passwordFile(), properties.keystorePasswordFile())) {
            throw new InvalidConfigurationException(
                    key + ".password-file",
                    "is the messaging keystore's password file; the audit key needs a password of its own");
        }
        char[] password = readPassword(key + ".password-file", settings.passwordFile());
        try {
            KeyStore keyStore;
            Provider provider = null;
            if (settings.type() == KeyStoreType.PKCS11) {
                provider = pkcs11Provider(key + ".pkcs11-config", settings.pkcs11Config());
                keyStore = loadToken(key, provider, password);
            } else {
                if (settings.keystore() == null) {
                    throw new InvalidConfigurationException(key + ".keystore", "required when the type is PKCS12");
                }
                if (sameFile(settings.keystore(), properties.keystore())) {
                    throw new InvalidConfigurationException(
                            key + ".keystore",
                            "is the messaging keystore; the audit key must live in a keystore of its own");
                }
                keyStore = loadKeyStore(key + ".keystore", settings.keystore(), password);
            }
            KeyEntry entry = entry(keyStore, password, key + ".alias", settings.alias(), new HashSet<>());
            requireKeyUsage(key + ".alias", entry.certificate(), KeyUsage.DIGITAL_SIGNATURE);
            for (KeyEntry other : messaging) {
                if (other.certificate()
                        .getPublicKey()
                        .equals(entry.certificate().getPublicKey())) {
                    throw new InvalidConfigurationException(
                            key + ".alias",
                            "the audit key is also the messaging key '" + other.alias()
                                    + "'; it must sign checkpoints only");
                }
            }
            return new KeyEntry(entry.alias(), entry.privateKey(), entry.certificate(), provider);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static Provider pkcs11Provider(String key, Path config) {
        if (config == null || !Files.isRegularFile(config)) {
            throw new InvalidConfigurationException(
                    key,
                    config == null ? "required when the type is PKCS11" : "file not found: " + config.toAbsolutePath());
        }
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new InvalidConfigurationException(key, "this Java runtime has no SunPKCS11 provider");
        }
        try {
            return base.configure(config.toString());
        } catch (InvalidParameterException | ProviderException e) {
            throw new InvalidConfigurationException(
                    key, "cannot open the PKCS#11 token it names (library, slot or label)", e);
        }
    }

    private static KeyStore loadToken(String key, Provider provider, char[] pin) {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, pin);
            return keyStore;
        } catch (IOException | GeneralSecurityException | ProviderException e) {
            throw new InvalidConfigurationException(
                    key + ".password-file", "cannot log in to the PKCS#11 token (wrong PIN?)", e);
        }
    }

    private static boolean sameFile(Path a, Path b) {
        if (a == null || b == null) {
            return false;
        }
        try {
            return Files.exists(a) && Files.exists(b)
                    ? Files.isSameFile(a, b)
                    : a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        } catch (IOException e) {
            return false;
        }
    }

    private static KeyStore loadKeyStore(String key, Path file, char[] password) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigurationException(key, "file not found: " + file.toAbsolutePath());
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            return keyStore;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidConfigurationException(
                    key, "cannot open the PKCS#12 keystore (wrong password file, or not PKCS#12)", e);
        }
    }

    private static char[] readPassword(String key, Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            Arrays.fill(bytes, (byte) 0);
            if (text.isEmpty()) {
                throw new InvalidConfigurationException(key, "password file is empty");
            }
            return text.toCharArray();
        } catch (IOException e) {
            throw new InvalidConfigurationException(key, "cannot read " + file.toAbsolutePath(), e);
        }
    }
}
