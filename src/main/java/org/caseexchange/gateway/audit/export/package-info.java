/**
 * Exports for review bodies: one exchange, a date range or one person, as a ZIP of log entries,
 * signed checkpoints at both ends, evidence, reviews and what partners gave us, each file's SHA-256 in
 * the manifest, for the offline verifier ({@code verifier}) to check (docs/audit.md, "Exports").
 */
package org.caseexchange.gateway.audit.export;
