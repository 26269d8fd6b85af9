/**
 * The audit log: an append-only, hash-chained record of every step of every exchange and every
 * officer, auditor and operator action, written in the caller's database transaction so that nothing
 * happens without its entry; and the chain verifier, which needs nothing but the entries. What is
 * chained and how to verify it is docs/audit.md.
 */
package org.caseexchange.gateway.audit;
