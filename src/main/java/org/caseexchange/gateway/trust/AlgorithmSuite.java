package org.caseexchange.gateway.trust;

/**
 * The cryptographic suite agreed with a partner. The suite fixes every algorithm of the envelope
 * profile (see docs/protocol.md); configuration names only the suite, never an algorithm.
 */
public enum AlgorithmSuite {
    /** ECDSA signatures and ECDH ephemeral-static key agreement on P-256 or P-384. */
    EC("EC", "keyAgreement"),
    /** RSA-PSS or PKCS#1 v1.5 SHA-256 signatures and RSA-OAEP key transport, 3072 bits or more. */
    RSA("RSA", "keyEncipherment");

    private final String keyAlgorithm;
    private final String encryptionKeyUsage;

    AlgorithmSuite(String keyAlgorithm, String encryptionKeyUsage) {
        this.keyAlgorithm = keyAlgorithm;
        this.encryptionKeyUsage = encryptionKeyUsage;
    }

    /** The JCA key algorithm name that keys of this suite carry. */
    String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The key usage an encryption certificate of this suite must assert. */
    String encryptionKeyUsage() {
        return encryptionKeyUsage;
    }
}
