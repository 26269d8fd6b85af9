package org.caseexchange.gateway.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One entry of the log exactly as stored and hashed. Text fields hold the stored form (the reason
 * code's name, the canonical digests and decision), so the verifier needs no knowledge of the
 * gateway's enums and recomputes the hash from what it reads.
 *
 * @param digests {@code role=sha256} pairs sorted by role and joined with {@code ;}, or null
 * @param decision {@link DecisionSummary#canonical()}, or null
 * @param hash this entry's hash, {@link EntryHash#compute} over the fields {@link EntryHash#coveredFields} lists
 */
public record AuditEntry(
        long seq,
        Instant recordedAt,
        String event,
        UUID exchangeId,
        String partner,
        String actor,
        String reasonCode,
        String digests,
        String decision,
        String evidence,
        String previousHash,
        String hash) {

    static AuditEntry chained(long seq, Instant recordedAt, AuditEvent event, String previousHash) {
        AuditEntry unsealed = new AuditEntry(
                seq,
                recordedAt,
                event.type().name(),
                event.exchangeId(),
                event.partner(),
                event.actor(),
                event.reason() == null ? null : event.reason().name(),
                canonical(event.digests()),
                event.decision() == null ? null : event.decision().canonical(),
                event.evidence(),
                previousHash,
                null);
        return unsealed.withHash(EntryHash.compute(unsealed));
    }

    AuditEntry withHash(String computed) {
        return new AuditEntry(
                seq,
                recordedAt,
                event,
                exchangeId,
                partner,
                actor,
                reasonCode,
                digests,
                decision,
                evidence,
                previousHash,
                computed);
    }

    /** The digest recorded for one role, if any. */
    public Optional<String> digest(String role) {
        if (digests == null) {
            return Optional.empty();
        }
        String prefix = role + "=";
        return Arrays.stream(digests.split(";"))
                .filter(pair -> pair.startsWith(prefix))
                .map(pair -> pair.substring(prefix.length()))
                .findFirst();
    }

    static String canonical(SortedMap<String, String> digests) {
        return digests.isEmpty()
                ? null
                : digests.entrySet().stream().map(Map.Entry::toString).collect(Collectors.joining(";"));
    }
}
