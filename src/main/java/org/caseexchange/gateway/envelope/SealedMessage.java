package org.caseexchange.gateway.envelope;

/**
 * A message sealed for a partner.
 *
 * @param sealed the bytes to send
 * @param signedData the SignedData inside, as encrypted: kept as evidence of exactly what we signed,
 *     since the sealed bytes can only be opened with the partner's key
 */
public record SealedMessage(byte[] sealed, byte[] signedData) {

    public SealedMessage {
        sealed = sealed.clone();
        signedData = signedData.clone();
    }

    @Override
    public byte[] sealed() {
        return sealed.clone();
    }

    @Override
    public byte[] signedData() {
        return signedData.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedMessage that
                && java.util.Arrays.equals(sealed, that.sealed)
                && java.util.Arrays.equals(signedData, that.signedData);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(sealed);
    }

    @Override
    public String toString() {
        return "SealedMessage[" + sealed.length + " bytes]";
    }
}
