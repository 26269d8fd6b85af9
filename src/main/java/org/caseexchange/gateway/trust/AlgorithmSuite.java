package org.caseexchange.gateway.trust;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.HashSet;
import java.util.Set;

/**
 * The cryptographic suite agreed with a partner. The suite fixes every algorithm of the envelope
 * profile (see docs/protocol.md); configuration names only the suite, never an algorithm.
 */
public enum AlgorithmSuite {
    /** ECDSA signatures and ECDH ephemeral-static key agreement on P-256 or P-384. */
    EC("EC", "keyAgreement"),
    /** RSA-PSS or PKCS#1 v1.5 SHA-256 signatures and RSA-OAEP key transport, 3072 bits or more. */
    RSA("RSA", "keyEncipherment");

    /** The smallest RSA modulus the profile accepts, for signing and for encryption. */
    public static final int MINIMUM_RSA_BITS = 3072;

    private static final Set<BigInteger> ALLOWED_CURVE_ORDERS = curveOrders("secp256r1", "secp384r1");

    private final String keyAlgorithm;
    private final String encryptionKeyUsage;

    AlgorithmSuite(String keyAlgorithm, String encryptionKeyUsage) {
        this.keyAlgorithm = keyAlgorithm;
        this.encryptionKeyUsage = encryptionKeyUsage;
    }

    /** The JCA key algorithm name that keys of this suite carry. */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The key usage an encryption certificate of this suite must assert (RFC 5280 name). */
    public String encryptionKeyUsage() {
        return encryptionKeyUsage;
    }

    /** Whether a key belongs to this suite and is strong enough: RSA of 3072 bits or more, EC on P-256 or P-384. */
    public boolean permits(PublicKey key) {
        if (this == RSA) {
            return key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= MINIMUM_RSA_BITS;
        }
        return key instanceof ECPublicKey ec
                && ALLOWED_CURVE_ORDERS.contains(ec.getParams().getOrder());
    }

    private static Set<BigInteger> curveOrders(String... curves) {
        try {
            Set<BigInteger> orders = new HashSet<>();
            for (String curve : curves) {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec(curve));
                orders.add(parameters.getParameterSpec(ECParameterSpec.class).getOrder());
            }
            return Set.copyOf(orders);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks a standard curve", e);
        }
    }
}
