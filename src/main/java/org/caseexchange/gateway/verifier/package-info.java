/**
 * The offline verifier of audit exports (docs/audit.md, "Exports and the offline verifier"): a
 * command-line entry point of the same distribution that needs no database, no configuration and no
 * key, only the export and the public certificates an auditor trusts. It shares the entry hash, the
 * chain check and the CMS verification with the gateway, and nothing that writes.
 */
package org.caseexchange.gateway.verifier;
