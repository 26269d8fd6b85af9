/**
 * Who we trust and who we are. Loads the partner directory (each partner's agency code, trust anchors,
 * CRLs, signing and encryption certificates, destinations and annexes) and the gateway's own identity
 * (its keystore and key aliases), checks both at start-up, and reports certificate and CRL expiry as
 * health. Key material is loaded here and handed only to {@code envelope}; no other package reads keys.
 */
package org.caseexchange.gateway.trust;
