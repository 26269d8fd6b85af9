package org.caseexchange.gateway.envelope;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority for tests: the example PKI's CA of one agency (its key is part of the
 * example), or a new one made up on the spot. Issues the certificates and CRLs the hostile corpus
 * needs, with dates relative to now, so that the fixtures never go stale.
 */
final class TestAgency {

    static final int DIGITAL_SIGNATURE = KeyUsage.digitalSignature | KeyUsage.nonRepudiation;
    static final int KEY_AGREEMENT = KeyUsage.keyAgreement;
    static final int KEY_ENCIPHERMENT = KeyUsage.keyEncipherment;

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final X509Certificate root;
    private final PrivateKey rootKey;
    private final KeyStore keyStore;
    private final char[] password;

    private TestAgency(X509Certificate root, PrivateKey rootKey, KeyStore keyStore, char[] password) {
        this.root = root;
        this.rootKey = rootKey;
        this.keyStore = keyStore;
        this.password = password;
    }

    /** The CA and the gateway keystore of an agency of the example PKI under {@code certs-example/}. */
    static TestAgency example(String agencyCode) {
        Path folder = Path.of("certs-example", agencyCode);
        try {
            char[] password = Files.readString(folder.resolve("keystore.password"))
                    .strip()
                    .toCharArray();
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(folder.resolve("gateway-keystore.p12"))) {
                keyStore.load(in, password);
            }
            return new TestAgency(
                    readCertificate(folder.resolve("ca/root-ca.pem")),
                    readKey(folder.resolve("ca/private/root-ca.key")),
                    keyStore,
                    password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CA nobody configured, with any name, including exactly the name of a real partner's CA. */
    static TestAgency newAuthority(X500Name name) {
        try {
            KeyPair key = ecKeyPair("secp384r1");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(
                            name,
                            serial(),
                            Date.from(now.minusSeconds(3600)),
                            Date.from(now.plusSeconds(3650L * 86400)),
                            name,
                            key.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate root = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA384withECDSA").build(key.getPrivate())));
            return new TestAgency(root, key.getPrivate(), null, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    X509Certificate root() {
        return root;
    }

    PrivateKey key(String alias) {
        try {
            return (PrivateKey) keyStore.getKey(alias, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    X509Certificate certificate(String alias) {
        try {
            return (X509Certificate) keyStore.getCertificate(alias);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    KeyPair keyPair(String alias) {
        return new KeyPair(certificate(alias).getPublicKey(), key(alias));
    }

    /** The root's name with another organizationIdentifier and common name. */
    X500Name subject(String agencyCode, String commonName) {
        X500Name rootName = X500Name.getInstance(root.getSubjectX500Principal().getEncoded());
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
        for (var rdn : rootName.getRDNs()) {
            var type = rdn.getFirst().getType();
            if (type.equals(BCStyle.ORGANIZATION_IDENTIFIER)) {
                name.addRDN(type, agencyCode);
            } else if (type.equals(BCStyle.CN)) {
                name.addRDN(type, commonName);
            } else {
                name.addRDN(rdn.getFirst());
            }
        }
        return name.build();
    }

    /** A certificate with these key usages; one with digitalSignature is a message signing one (emailProtection too). */
    X509Certificate issue(PublicKey key, X500Name subject, Instant notBefore, Instant notAfter, int keyUsage) {
        return issue(
                key,
                subject,
                notBefore,
                notAfter,
                keyUsage,
                (keyUsage & KeyUsage.digitalSignature) != 0
                        ? new KeyPurposeId[] {KeyPurposeId.id_kp_emailProtection}
                        : new KeyPurposeId[0]);
    }

    /** A certificate with these key usages and exactly these extended key usages (none: no extension). */
    X509Certificate issue(
            PublicKey key,
            X500Name subject,
            Instant notBefore,
            Instant notAfter,
            int keyUsage,
            KeyPurposeId... purposes) {
        try {
            var builder = new JcaX509v3CertificateBuilder(
                            root, serial(), Date.from(notBefore), Date.from(notAfter), subject, key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage))
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(root))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key));
            if (purposes.length > 0) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(caSigner()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    X509CRL crl(Instant thisUpdate, Instant nextUpdate, X509Certificate... revoked) {
        try {
            var builder = new X509v2CRLBuilder(
                    X500Name.getInstance(root.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (X509Certificate certificate : revoked) {
                builder.addCRLEntry(certificate.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
            }
            return new JcaX509CRLConverter().getCRL(builder.build(caSigner()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ecKeyPair(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsaKeyPair(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private org.bouncycastle.operator.ContentSigner caSigner() throws Exception {
        String algorithm = rootKey.getAlgorithm().equals("RSA") ? "SHA384withRSA" : "SHA384withECDSA";
        return new JcaContentSignerBuilder(algorithm).setProvider(BC).build(rootKey);
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(pem);
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException tryNext) {
                // the example CA is RSA, a test CA may be EC
            }
        }
        throw new GeneralSecurityException("unreadable key " + file);
    }
}
