package org.caseexchange.gateway.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Recomputes a chain of audit entries and says exactly where it breaks. Needs nothing but the
 * entries: the same class checks the live log at start-up and an export on an auditor's machine.
 *
 * <p>Each entry is checked against its own stored hash (a changed covered field shows at that
 * entry), against the stored hash of the entry before it (a removed, inserted or reordered entry,
 * or one whose hash was recomputed after a change, shows at the first entry that no longer links),
 * and for a contiguous sequence number. A chain recomputed from start to end by someone who changed
 * it links perfectly; only a signed checkpoint, or a head kept elsewhere, reveals that.
 */
public final class ChainVerifier {

    /** One break, at one entry, with what the chain expected there and what was found or computed. */
    public record Problem(long seq, String what, String expected, String found) {
        @Override
        public String toString() {
            return "seq " + seq + ": " + what + " (expected " + expected + ", found " + found + ")";
        }
    }

    /**
     * @param lastSeq the last entry's sequence number, or the starting point when there were none
     * @param lastHash the last entry's stored hash (what the next entry must link to)
     */
    public record Report(long entriesChecked, long lastSeq, String lastHash, List<Problem> problems) {
        public Report {
            problems = List.copyOf(problems);
        }

        public boolean intact() {
            return problems.isEmpty();
        }
    }

    private long expectedSeq;
    private String expectedPrevious;
    private long checked;
    private final List<Problem> problems = new ArrayList<>();
    private final SortedMap<Long, List<Anchor>> anchors = new TreeMap<>();

    private record Anchor(String hash, String recordedBy) {}

    /** Verifies from the start of the log. */
    public ChainVerifier() {
        this(0, EntryHash.GENESIS);
    }

    /** Verifies a part of the log that follows the entry {@code previousSeq} with hash {@code previousHash}. */
    public ChainVerifier(long previousSeq, String previousHash) {
        this.expectedSeq = previousSeq + 1;
        this.expectedPrevious = previousHash;
    }

    public static Report verify(Iterable<AuditEntry> entries) {
        ChainVerifier verifier = new ChainVerifier();
        entries.forEach(verifier::accept);
        return verifier.report();
    }

    /**
     * Entries in the order they are stored, which is sequence order. A problem is reported at the
     * entry's own sequence number when the entry is intact in itself (its hash matches its fields), and
     * at its position in the chain when it is not, since then its sequence number may be the change.
     */
    public void accept(AuditEntry entry) {
        checked++;
        String computed = EntryHash.compute(entry);
        boolean intact = computed.equals(entry.hash());
        long at = intact ? entry.seq() : expectedSeq;
        if (entry.seq() != expectedSeq) {
            String what = !intact
                    ? "the sequence number was changed"
                    : entry.seq() > expectedSeq ? "entries missing before this one" : "entry out of order or repeated";
            problems.add(new Problem(at, what, "seq " + expectedSeq, "seq " + entry.seq()));
        }
        if (!expectedPrevious.equals(entry.previousHash())) {
            problems.add(
                    new Problem(at, "does not link to the entry before it", expectedPrevious, entry.previousHash()));
        }
        if (!intact) {
            problems.add(new Problem(
                    at,
                    "a covered field was changed: the stored hash is not the hash of the entry",
                    computed,
                    entry.hash()));
        }
        for (Anchor anchor : anchors.getOrDefault(at, List.of())) {
            if (!anchor.hash().equals(entry.hash())) {
                problems.add(new Problem(
                        at, "not the entry the " + anchor.recordedBy() + " recorded", anchor.hash(), entry.hash()));
            }
        }
        anchors.remove(at);
        expectedSeq = at + 1;
        expectedPrevious = entry.hash();
    }

    /**
     * Expects the entry {@code seq} to have the hash {@code hash}, as recorded apart from the entries
     * (the head row, a signed checkpoint): call before the entries are accepted. An entry that differs
     * shows at that entry, even when the chain around it was recomputed; a log that ends before it
     * shows as entries missing at the end.
     */
    public void expect(long seq, String hash, String recordedBy) {
        anchors.computeIfAbsent(seq, any -> new ArrayList<>()).add(new Anchor(hash, recordedBy));
    }

    public Report report() {
        List<Problem> all = new ArrayList<>(problems);
        anchors.forEach((seq, recorded) -> recorded.forEach(anchor -> all.add(new Problem(
                seq,
                "entries missing at the end of the log: the " + anchor.recordedBy() + " recorded this entry",
                anchor.hash(),
                expectedSeq == 1 ? "no entries" : "the last entry is seq " + (expectedSeq - 1)))));
        return new Report(checked, expectedSeq - 1, expectedPrevious, all);
    }
}
