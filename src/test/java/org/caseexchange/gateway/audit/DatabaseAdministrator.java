package org.caseexchange.gateway.audit;

import java.util.List;
import org.caseexchange.gateway.support.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Someone with the schema owner's rights who gets past the append-only guard (disables its triggers)
 * to change the log behind the gateway's back: what checkpoints exist to reveal.
 */
record DatabaseAdministrator(TestDatabase database, JdbcTemplate owner) {

    static DatabaseAdministrator of(TestDatabase database) {
        return new DatabaseAdministrator(database, new JdbcTemplate(database.owner()));
    }

    void change(String... statements) {
        owner.execute("ALTER TABLE audit_entry DISABLE TRIGGER USER");
        owner.execute("ALTER TABLE audit_head DISABLE TRIGGER USER");
        for (String statement : statements) {
            owner.execute(statement);
        }
        owner.execute("ALTER TABLE audit_head ENABLE TRIGGER USER");
        owner.execute("ALTER TABLE audit_entry ENABLE TRIGGER USER");
    }

    /** Removes every entry after {@code seq} and moves the head back, as a restored backup would. */
    void truncateAfter(long seq) {
        String hash = seq == 0
                ? EntryHash.GENESIS
                : owner.queryForObject("SELECT entry_hash FROM audit_entry WHERE seq = ?", String.class, seq);
        change(
                "DELETE FROM audit_entry WHERE seq > " + seq,
                "UPDATE audit_head SET seq = " + seq + ", entry_hash = '" + hash + "' WHERE id = 1");
    }

    /** Recomputes every hash from {@code seq} on, so that the changed chain links perfectly; needs no key. */
    void recomputeChainFrom(long seq) {
        List<AuditEntry> entries =
                owner.query("SELECT * FROM audit_entry WHERE seq >= ? ORDER BY seq", AuditLog.ENTRY, seq);
        String previous = seq == 1
                ? EntryHash.GENESIS
                : owner.queryForObject("SELECT entry_hash FROM audit_entry WHERE seq = ?", String.class, seq - 1);
        StringBuilder updates = new StringBuilder();
        for (AuditEntry entry : entries) {
            AuditEntry relinked = new AuditEntry(
                    entry.seq(),
                    entry.recordedAt(),
                    entry.event(),
                    entry.exchangeId(),
                    entry.partner(),
                    entry.actor(),
                    entry.reasonCode(),
                    entry.digests(),
                    entry.decision(),
                    entry.evidence(),
                    previous,
                    null);
            String hash = EntryHash.compute(relinked);
            updates.append("UPDATE audit_entry SET previous_hash = '")
                    .append(previous)
                    .append("', entry_hash = '")
                    .append(hash)
                    .append("' WHERE seq = ")
                    .append(entry.seq())
                    .append(';');
            previous = hash;
        }
        updates.append("UPDATE audit_head SET entry_hash = '").append(previous).append("' WHERE id = 1");
        change(updates.toString().split(";"));
    }
}
