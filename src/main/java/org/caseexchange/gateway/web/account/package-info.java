/**
 * Local console accounts: Argon2id hashes in the database, the jar's {@code accounts} command that
 * creates them, sign-in events in the audit log, and the back-off and lock-out after failed sign-ins.
 */
package org.caseexchange.gateway.web.account;
