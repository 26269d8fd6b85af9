package org.caseexchange.gateway.envelope;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Keys and curves in the form the envelope's provider computes with fastest. BouncyCastle keeps the
 * precomputed multiples of a curve's generator on the generator's object: given the JDK's key objects
 * (the keystore's, a certificate's curve parameters), it converts them on every use into a new
 * generator and computes those multiples again. Measured on the example keys: ECDSA P-256 signing
 * with the keystore's key object about 4 200 per second, with the provider's own about 12 000; an
 * ephemeral key pair on the certificate's parameters about 4 600, on the named curve about 15 000.
 */
final class ProviderKeys {

    private final Provider provider;
    /** Weak, so that a key the gateway's identity no longer holds (a rotation) is not kept here. */
    private final Map<PrivateKey, PrivateKey> translated = Collections.synchronizedMap(new WeakHashMap<>());

    ProviderKeys(Provider provider) {
        this.provider = provider;
    }

    /** The same private key as the provider's own key object, translated once. */
    PrivateKey own(PrivateKey key) throws GeneralSecurityException {
        PrivateKey known = translated.get(key);
        if (known != null) {
            return known;
        }
        PrivateKey own = (PrivateKey)
                KeyFactory.getInstance(key.getAlgorithm(), provider).translateKey(key);
        translated.put(key, own);
        return own;
    }

    /** The curve of a partner's key by name when it has one, so ephemeral keys are made on the provider's one instance of it. */
    static AlgorithmParameterSpec curveOf(ECPublicKey key) {
        ASN1Encodable parameters = SubjectPublicKeyInfo.getInstance(key.getEncoded())
                .getAlgorithm()
                .getParameters();
        return parameters instanceof ASN1ObjectIdentifier name ? new ECGenParameterSpec(name.getId()) : key.getParams();
    }
}
