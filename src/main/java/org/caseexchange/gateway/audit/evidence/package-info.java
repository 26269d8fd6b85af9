/**
 * What the log keeps beside its entries: the exact bytes of every message in and out, encrypted with
 * the archive key for the annex's retention and destroyed as an audited event after it; what partners
 * gave us (their answers, their disclosures) under their caveats; our queries waiting for a second
 * officer; the trust material each message was checked against; and the keyed person index an auditor
 * searches by, which stores no identifier in clear.
 */
package org.caseexchange.gateway.audit.evidence;
