package org.caseexchange.gateway.audit.evidence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.database.RowIds;
import org.caseexchange.gateway.database.Timestamps;
import org.caseexchange.gateway.envelope.OpenedEnvelope;
import org.caseexchange.gateway.envelope.SealedMessage;
import org.caseexchange.gateway.trust.AlgorithmSuite;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.Sha256;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The exact bytes of every message in and out, kept for non-repudiation (docs/audit.md, "Evidence"):
 * the sealed envelope as it travelled and the SignedData inside it, each encrypted with the archive
 * key. Evidence is kept in the caller's transaction, with the audit entry that references it; at the
 * end of its retention the content is destroyed, which is itself an audit entry, and the digests stay.
 *
 * <p>A message of ours is sealed once and kept where it is sent from: the exchange's reply, sent
 * again to a partner who resends, or the outbox. Its evidence row keeps the SignedData and the sealed
 * bytes' digest, and reads the sealed bytes from there, checked against that digest, instead of
 * holding a second copy.
 */
public class EvidenceStore {

    public enum Direction {
        INBOUND,
        OUTBOUND
    }

    /** What the chain records about kept evidence. */
    public record Kept(UUID id, String sealedDigest, String signedDigest) {
        public String reference() {
            return "evidence:" + id;
        }

        /** The event that keeps the evidence carries its reference and digests, so they stay in the chain for ever. */
        public AuditEvent attachTo(AuditEvent event) {
            return event.withEvidence(reference())
                    .withDigest("sealed", sealedDigest)
                    .withDigest("signed", signedDigest);
        }
    }

    /**
     * Kept evidence as read back, decrypted.
     *
     * @param crlDigests the partner's CRLs the gateway held when the message was received (inbound only)
     * @param sealed empty once destroyed
     */
    public record Evidence(
            UUID id,
            UUID exchangeId,
            Direction direction,
            String partner,
            AlgorithmSuite suite,
            Instant storedAt,
            Instant retainUntil,
            String sealedDigest,
            String signedDigest,
            List<String> crlDigests,
            Optional<byte[]> sealed,
            Optional<byte[]> signed,
            Optional<Instant> destroyedAt) {

        public String reference() {
            return "evidence:" + id;
        }
    }

    private static final String COLUMNS =
            "id, exchange_id, direction, partner_code, suite, stored_at, retain_until, sealed_digest,"
                    + " signed_digest, crl_digests, archive_key, sealed_content, signed_content, destroyed_at";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog log;
    private final ArchiveKeys keys;
    private final EvidenceCipher cipher;
    private final Clock clock;

    public EvidenceStore(
            JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog log, ArchiveKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.log = log;
        this.keys = keys;
        this.cipher = new EvidenceCipher(keys);
        this.clock = clock;
    }

    /** Keeps a message as received and opened, with the partner's CRLs as held now. */
    public Kept keepInbound(UUID exchangeId, byte[] sealed, OpenedEnvelope opened, Instant retainUntil) {
        Partner partner = opened.sender();
        List<String> crls = partner.crls().stream().map(Sha256::fingerprint).toList();
        return keep(exchangeId, Direction.INBOUND, partner, sealed, opened.signedData(), crls, retainUntil);
    }

    /** Keeps a message as sealed for the partner. */
    public Kept keepOutbound(UUID exchangeId, Partner partner, SealedMessage message, Instant retainUntil) {
        return keep(
                exchangeId,
                Direction.OUTBOUND,
                partner,
                message.sealed(),
                message.signedData(),
                List.of(),
                retainUntil);
    }

    private Kept keep(
            UUID exchangeId,
            Direction direction,
            Partner partner,
            byte[] sealed,
            byte[] signed,
            List<String> crls,
            Instant retainUntil) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException(
                    "evidence is kept in the caller's transaction, with its audit entry; there is none");
        }
        UUID id = RowIds.next();
        Kept kept = new Kept(id, Sha256.hex(sealed), Sha256.hex(signed));
        jdbc.update(
                "INSERT INTO evidence (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                id,
                exchangeId,
                direction.name(),
                partner.agencyCode(),
                partner.suite().name(),
                utc(clock.instant()),
                utc(retainUntil),
                kept.sealedDigest(),
                kept.signedDigest(),
                String.join(",", crls),
                keys.keyId(),
                direction == Direction.OUTBOUND ? null : cipher.encrypt(sealed, id.toString(), "sealed"),
                cipher.encrypt(signed, id.toString(), "signed"));
        return kept;
    }

    public Optional<Evidence> read(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM evidence WHERE id = ?", this::evidence, id).stream()
                .findFirst()
                .map(this::withSealedOfOurs);
    }

    public List<Evidence> ofExchange(UUID exchangeId) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM evidence WHERE exchange_id = ? ORDER BY stored_at, id",
                        this::evidence,
                        exchangeId)
                .stream()
                .map(this::withSealedOfOurs)
                .toList();
    }

    /**
     * A message of ours as sealed, from where it is kept for sending: the exchange's reply or the
     * outbox. The digest the evidence recorded (and the chain holds) says which bytes are the ones.
     */
    private Evidence withSealedOfOurs(Evidence item) {
        if (item.direction() != Direction.OUTBOUND
                || item.sealed().isPresent()
                || item.destroyedAt().isPresent()) {
            return item;
        }
        byte[] sealed = jdbc
                .query(
                        "SELECT reply_sealed AS sealed FROM exchange WHERE id = ? AND reply_sealed IS NOT NULL"
                                + " UNION ALL SELECT sealed FROM outbox WHERE exchange_id = ?",
                        (row, n) -> row.getBytes("sealed"),
                        item.exchangeId(),
                        item.exchangeId())
                .stream()
                .filter(candidate -> Sha256.hex(candidate).equals(item.sealedDigest()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(item.reference()
                        + ": the sealed message it records is neither the exchange's reply nor in the outbox"));
        return new Evidence(
                item.id(),
                item.exchangeId(),
                item.direction(),
                item.partner(),
                item.suite(),
                item.storedAt(),
                item.retainUntil(),
                item.sealedDigest(),
                item.signedDigest(),
                item.crlDigests(),
                Optional.of(sealed),
                item.signed(),
                item.destroyedAt());
    }

    /**
     * Destroys the content of evidence past its retention, up to {@code max} items, each in its own
     * transaction with its EVIDENCE_DESTROYED entry. Returns how many were destroyed.
     */
    public int destroyExpired(int max) {
        List<Evidence> expired = jdbc.query(
                "SELECT "
                        + COLUMNS.replace(
                                "sealed_content, signed_content", "NULL AS sealed_content, NULL AS signed_content")
                        + " FROM evidence WHERE retain_until < ? AND destroyed_at IS NULL ORDER BY retain_until FETCH FIRST "
                        + max + " ROWS ONLY",
                this::evidence,
                utc(clock.instant()));
        int destroyed = 0;
        for (Evidence item : expired) {
            Boolean done = transactions.execute(status -> {
                int rows = jdbc.update(
                        "UPDATE evidence SET sealed_content = NULL, signed_content = NULL, destroyed_at = ?"
                                + " WHERE id = ? AND destroyed_at IS NULL",
                        utc(clock.instant()),
                        item.id());
                if (rows == 1) {
                    log.record(AuditEvent.of(AuditEventType.EVIDENCE_DESTROYED, item.exchangeId(), item.partner())
                            .withEvidence(item.reference())
                            .withDigest("sealed", item.sealedDigest())
                            .withDigest("signed", item.signedDigest()));
                }
                return rows == 1;
            });
            destroyed += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return destroyed;
    }

    private Evidence evidence(ResultSet row, int n) throws SQLException {
        String id = row.getString("id");
        byte[] sealed = row.getBytes("sealed_content");
        byte[] signed = row.getBytes("signed_content");
        OffsetDateTime destroyedAt = row.getObject("destroyed_at", OffsetDateTime.class);
        String crls = row.getString("crl_digests");
        return new Evidence(
                row.getObject("id", UUID.class),
                row.getObject("exchange_id", UUID.class),
                Direction.valueOf(row.getString("direction")),
                row.getString("partner_code"),
                AlgorithmSuite.valueOf(row.getString("suite")),
                row.getObject("stored_at", OffsetDateTime.class).toInstant(),
                row.getObject("retain_until", OffsetDateTime.class).toInstant(),
                row.getString("sealed_digest"),
                row.getString("signed_digest"),
                crls.isEmpty() ? List.of() : Arrays.asList(crls.split(",")),
                Optional.ofNullable(sealed).map(content -> cipher.decrypt(content, id, "sealed")),
                Optional.ofNullable(signed).map(content -> cipher.decrypt(content, id, "signed")),
                Optional.ofNullable(destroyedAt).map(OffsetDateTime::toInstant));
    }

    private static OffsetDateTime utc(Instant instant) {
        return Timestamps.utc(instant.truncatedTo(ChronoUnit.MICROS));
    }
}
