package org.caseexchange.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way of altering a chain is reported at its exact entry, with what was expected and found. */
class ChainVerifierTest {

    private static final int TAMPERED = 5;

    static List<AuditEntry> chain(int length) {
        List<AuditEntry> entries = new ArrayList<>();
        String previous = EntryHash.GENESIS;
        Instant time = Instant.parse("2026-11-23T09:15:00.123456Z");
        for (int seq = 1; seq <= length; seq++) {
            AuditEvent event = AuditEvent.of(
                            AuditEventType.values()[seq % AuditEventType.values().length],
                            UUID.nameUUIDFromBytes(new byte[] {(byte) (seq / 3)}),
                            "USA-USCIS")
                    .because(seq % 4 == 0 ? ReasonCode.STALE_MESSAGE : null)
                    .withDigest("payload", "ab".repeat(32))
                    .withDecision(new DecisionSummary(
                            "PARTIAL",
                            List.of("R-010", "R-020"),
                            "7@" + "cd".repeat(32),
                            "ANNEX-1@2@" + "ef".repeat(32)))
                    .withEvidence("evidence/" + seq);
            AuditEntry entry = AuditEntry.chained(seq, time.plusSeconds(seq), event, previous);
            entries.add(entry);
            previous = entry.hash();
        }
        return entries;
    }

    @Test
    void anUntouchedChainVerifies() {
        ChainVerifier.Report report = ChainVerifier.verify(chain(20));

        assertThat(report.intact()).isTrue();
        assertThat(report.entriesChecked()).isEqualTo(20);
        assertThat(report.lastSeq()).isEqualTo(20);
    }

    static Stream<String> coveredFields() {
        return EntryHash.coveredFields(chain(1).get(0)).stream().map(EntryHash.Field::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("coveredFields")
    void oneChangedCharacterInAnyCoveredFieldShowsAtItsEntry(String field) {
        List<AuditEntry> entries = chain(10);
        AuditEntry original = entries.get(TAMPERED - 1);
        entries.set(TAMPERED - 1, changed(original, field));

        ChainVerifier.Report report = ChainVerifier.verify(entries);

        assertThat(report.problems())
                .isNotEmpty()
                .allSatisfy(problem -> assertThat(problem.seq()).isEqualTo(TAMPERED));
        assertThat(report.problems()).anySatisfy(problem -> {
            assertThat(problem.what())
                    .isEqualTo("a covered field was changed: the stored hash is not the hash of the entry");
            assertThat(problem.found()).isEqualTo(original.hash());
            assertThat(problem.expected()).isEqualTo(EntryHash.compute(changed(original, field)));
        });
    }

    @Test
    void everyFieldButTheHashIsCovered() {
        List<String> recordComponents = Stream.of(AuditEntry.class.getRecordComponents())
                .map(c -> c.getName())
                .toList();

        assertThat(coveredFields().toList())
                .containsExactlyElementsOf(recordComponents.subList(0, recordComponents.size() - 1));
    }

    @Test
    void aDeletedEntryShowsAtTheEntryAfterIt() {
        List<AuditEntry> entries = chain(10);
        String deletedHash = entries.remove(TAMPERED - 1).hash();

        ChainVerifier.Report report = ChainVerifier.verify(entries);

        assertThat(report.problems()).extracting(ChainVerifier.Problem::seq).containsOnly((long) TAMPERED + 1);
        assertThat(report.problems())
                .extracting(ChainVerifier.Problem::what)
                .containsExactly("entries missing before this one", "does not link to the entry before it");
        assertThat(report.problems().get(1).found()).isEqualTo(deletedHash);
    }

    @Test
    void anInsertedEntryWithAValidHashOfItsOwnShowsWhereTheChainNoLongerLinks() {
        List<AuditEntry> entries = chain(10);
        AuditEntry forged = AuditEntry.chained(
                TAMPERED,
                Instant.parse("2026-11-23T10:00:00Z"),
                AuditEvent.of(AuditEventType.REPLY_SENT, UUID.randomUUID(), "USA-USCIS"),
                entries.get(TAMPERED - 2).hash());
        entries.add(TAMPERED - 1, forged);

        ChainVerifier.Report report = ChainVerifier.verify(entries);

        assertThat(report.problems()).extracting(ChainVerifier.Problem::seq).containsOnly((long) TAMPERED);
        assertThat(report.problems())
                .extracting(ChainVerifier.Problem::what)
                .containsExactly("entry out of order or repeated", "does not link to the entry before it");
    }

    @Test
    void twoSwappedEntriesShowAtBoth() {
        List<AuditEntry> entries = chain(10);
        AuditEntry fifth = entries.get(4);
        entries.set(4, entries.get(5));
        entries.set(5, fifth);

        ChainVerifier.Report report = ChainVerifier.verify(entries);

        assertThat(report.problems()).extracting(ChainVerifier.Problem::seq).contains(6L, 5L);
        assertThat(report.problems())
                .extracting(ChainVerifier.Problem::seq)
                .allMatch(seq -> seq == 5 || seq == 6 || seq == 7);
    }

    @Test
    void aTruncatedTailShowsAgainstTheHeadRecordedElsewhere() {
        List<AuditEntry> entries = chain(10);
        AuditEntry head = entries.get(9);
        ChainVerifier verifier = new ChainVerifier();
        verifier.expect(head.seq(), head.hash(), "checkpoint");

        entries.subList(7, 10).clear();
        entries.forEach(verifier::accept);
        ChainVerifier.Report report = verifier.report();

        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.seq()).isEqualTo(10);
            assertThat(problem.what()).startsWith("entries missing at the end of the log");
            assertThat(problem.expected()).isEqualTo(head.hash());
            assertThat(problem.found()).isEqualTo("the last entry is seq 7");
        });
    }

    @Test
    void aChainRecomputedAfterAChangeLinksPerfectlyAndOnlyAnExternalHeadRevealsIt() {
        List<AuditEntry> original = chain(10);
        List<AuditEntry> rewritten = new ArrayList<>();
        String previous = EntryHash.GENESIS;
        for (AuditEntry entry : original) {
            AuditEntry copy = entry.seq() == TAMPERED ? changed(entry, "partner") : entry;
            copy = new AuditEntry(
                    copy.seq(),
                    copy.recordedAt(),
                    copy.event(),
                    copy.exchangeId(),
                    copy.partner(),
                    copy.actor(),
                    copy.reasonCode(),
                    copy.digests(),
                    copy.decision(),
                    copy.evidence(),
                    previous,
                    null);
            copy = copy.withHash(EntryHash.compute(copy));
            rewritten.add(copy);
            previous = copy.hash();
        }

        assertThat(ChainVerifier.verify(rewritten).intact()).isTrue();

        ChainVerifier verifier = new ChainVerifier();
        verifier.expect(10, original.get(9).hash(), "checkpoint");
        rewritten.forEach(verifier::accept);
        assertThat(verifier.report().problems()).singleElement().satisfies(problem -> {
            assertThat(problem.seq()).isEqualTo(10);
            assertThat(problem.what()).isEqualTo("not the entry the checkpoint recorded");
        });
    }

    @Test
    void theEncodingTellsAnAbsentFieldFromAnEmptyOne() {
        AuditEntry entry = chain(1).get(0);
        AuditEntry absent = new AuditEntry(
                entry.seq(),
                entry.recordedAt(),
                entry.event(),
                entry.exchangeId(),
                entry.partner(),
                entry.actor(),
                null,
                entry.digests(),
                entry.decision(),
                entry.evidence(),
                entry.previousHash(),
                null);
        AuditEntry empty = new AuditEntry(
                entry.seq(),
                entry.recordedAt(),
                entry.event(),
                entry.exchangeId(),
                entry.partner(),
                entry.actor(),
                "",
                entry.digests(),
                entry.decision(),
                entry.evidence(),
                entry.previousHash(),
                null);

        assertThat(EntryHash.compute(absent)).isNotEqualTo(EntryHash.compute(empty));
    }

    /** The entry with one character of one field changed, keeping its stored hash. */
    static AuditEntry changed(AuditEntry e, String field) {
        return switch (field) {
            case "seq" ->
                new AuditEntry(
                        Long.parseLong(flip(Long.toString(e.seq()))),
                        e.recordedAt(),
                        e.event(),
                        e.exchangeId(),
                        e.partner(),
                        e.actor(),
                        e.reasonCode(),
                        e.digests(),
                        e.decision(),
                        e.evidence(),
                        e.previousHash(),
                        e.hash());
            case "recordedAt" ->
                new AuditEntry(
                        e.seq(),
                        e.recordedAt().plusNanos(1000),
                        e.event(),
                        e.exchangeId(),
                        e.partner(),
                        e.actor(),
                        e.reasonCode(),
                        e.digests(),
                        e.decision(),
                        e.evidence(),
                        e.previousHash(),
                        e.hash());
            case "event" ->
                new AuditEntry(
                        e.seq(),
                        e.recordedAt(),
                        flip(e.event()),
                        e.exchangeId(),
                        e.partner(),
                        e.actor(),
                        e.reasonCode(),
                        e.digests(),
                        e.decision(),
                        e.evidence(),
                        e.previousHash(),
                        e.hash());
            case "exchangeId" ->
                new AuditEntry(
                        e.seq(),
                        e.recordedAt(),
                        e.event(),
                        UUID.fromString(flip(e.exchangeId().toString())),
                        e.partner(),
                        e.actor(),
                        e.reasonCode(),
                        e.digests(),
                        e.decision(),
                        e.evidence(),
                        e.previousHash(),
                        e.hash());
            case "partner" ->
                new AuditEntry(
                        e.seq(),
                        e.recordedAt(),
                        e.event(),
                        e.exchangeId(),
                        flip(e.partner()),
                        e.actor(),
                        e.reasonCode(),
                        e.digests(),
                        e.decision(),
                        e.evidence(),
                        e.previousHash(),
                        e.hash());
            case "actor" ->
                new AuditEntry(
                        e.seq(),
                        e.recordedAt(),
                        e.event(),
                        e.exchangeId(),
                        e.partner(),
                        flip(e.actor()),
                        e.reasonCode(),
                        e.digests(),
                        e.decision(),
                        e.evidence(),
                        e.previousHash(),
                        e.hash());
            case "reasonCode" ->
                new AuditEntry(
                        e.seq(),
                        e.recordedAt(),
                        e.event(),
                        e.exchangeId(),
                        e.partner(),
                        e.actor(),
                        e.reasonCode() == null ? "X" : flip(e.reasonCode()),
                        e.digests(),
                        e.decision(),
                        e.evidence(),
                        e.previousHash(),
                        e.hash());
            case "digests" ->
                new AuditEntry(
                        e.seq(),
                        e.recordedAt(),
                        e.event(),
                        e.exchangeId(),
                        e.partner(),
                        e.actor(),
                        e.reasonCode(),
                        flip(e.digests()),
                        e.decision(),
                        e.evidence(),
                        e.previousHash(),
                        e.hash());
            case "decision" ->
                new AuditEntry(
                        e.seq(),
                        e.recordedAt(),
                        e.event(),
                        e.exchangeId(),
                        e.partner(),
                        e.actor(),
                        e.reasonCode(),
                        e.digests(),
                        flip(e.decision()),
                        e.evidence(),
                        e.previousHash(),
                        e.hash());
            case "evidence" ->
                new AuditEntry(
                        e.seq(),
                        e.recordedAt(),
                        e.event(),
                        e.exchangeId(),
                        e.partner(),
                        e.actor(),
                        e.reasonCode(),
                        e.digests(),
                        e.decision(),
                        flip(e.evidence()),
                        e.previousHash(),
                        e.hash());
            case "previousHash" ->
                new AuditEntry(
                        e.seq(),
                        e.recordedAt(),
                        e.event(),
                        e.exchangeId(),
                        e.partner(),
                        e.actor(),
                        e.reasonCode(),
                        e.digests(),
                        e.decision(),
                        e.evidence(),
                        flip(e.previousHash()),
                        e.hash());
            default -> throw new IllegalArgumentException(field);
        };
    }

    /** Changes the last character, keeping the value's shape (a hex digit stays a hex digit). */
    private static String flip(String value) {
        char last = value.charAt(value.length() - 1);
        char other = last == 'a' ? 'b' : (Character.isDigit(last) ? (last == '9' ? '8' : (char) (last + 1)) : 'a');
        return value.substring(0, value.length() - 1) + other;
    }
}
