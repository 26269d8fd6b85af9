/**
 * The secure envelope: CMS (RFC 5652) sign-then-encrypt on two fixed profiles, {@code EC} and
 * {@code RSA} (docs/protocol.md section 1). One interface with two verbs,
 * {@link org.caseexchange.gateway.envelope.SecureEnvelope#seal} for a partner and
 * {@link org.caseexchange.gateway.envelope.SecureEnvelope#open} from an expected partner; callers never
 * name an algorithm or touch a key. Opening fails closed with a reason code at the first defect:
 * unencrypted, not for us, an unexpected algorithm, a bad signature, a signer that is not the partner
 * or whose certificate path does not hold. The only package that uses BouncyCastle.
 */
package org.caseexchange.gateway.envelope;
