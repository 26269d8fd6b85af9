package org.caseexchange.gateway.audit.evidence;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.caseexchange.gateway.audit.AuditEntry;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.envelope.OpenedEnvelope;
import org.caseexchange.gateway.envelope.SealedMessage;
import org.caseexchange.gateway.envelope.SignedDataVerifier;
import org.caseexchange.gateway.support.ExampleGateways;
import org.caseexchange.gateway.support.ExchangeRows;
import org.caseexchange.gateway.support.TestDatabase;
import org.caseexchange.gateway.trust.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evidence on both databases: the exact bytes come back, encrypted at rest, still verifiable with the
 * partner's certificate and CRL as of receipt; at the end of retention the content goes and the
 * digests stay in the chain; nothing else about evidence can be changed.
 */
class EvidenceStoreTest {

    static final ExampleGateways.Side CANADA = ExampleGateways.canada(Clock.systemUTC());
    static final ExampleGateways.Side USA = ExampleGateways.unitedStates(Clock.systemUTC());
    static final byte[] QUERY = "<caseQuery>a query naming MARTÍNEZ GARCÍA, Ana</caseQuery>".getBytes(UTF_8);

    record Store(JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog log, EvidenceStore evidence) {
        static Store on(TestDatabase database) {
            JdbcTemplate jdbc = new JdbcTemplate(database.application());
            TransactionTemplate transactions =
                    new TransactionTemplate(new DataSourceTransactionManager(database.application()));
            AuditLog log = new AuditLog(jdbc, Clock.systemUTC());
            ArchiveKeys keys = new ArchiveKeys(
                    HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));
            return new Store(
                    jdbc, transactions, log, new EvidenceStore(jdbc, transactions, log, keys, Clock.systemUTC()));
        }

        /** A reply of ours as the flows keep it: its evidence, and the exchange row it is sent again from. */
        EvidenceStore.Kept reply(UUID exchange, SealedMessage reply, Instant retainUntil) {
            return transactions.execute(status -> {
                EvidenceStore.Kept kept = evidence.keepOutbound(exchange, CANADA.partner(), reply, retainUntil);
                ExchangeRows.answered(jdbc, exchange, reply.sealed());
                return kept;
            });
        }

        EvidenceStore.Kept receive(UUID exchange, byte[] sealed, OpenedEnvelope opened, Instant retainUntil) {
            return transactions.execute(status -> {
                EvidenceStore.Kept kept = evidence.keepInbound(exchange, sealed, opened, retainUntil);
                log.record(kept.attachTo(AuditEvent.of(AuditEventType.RECEIVED, exchange, "USA-USCIS")));
                return kept;
            });
        }
    }

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void inboundEvidenceComesBackExactlyAndStillVerifiesAsOfReceipt(TestDatabase database) {
        Store store = Store.on(database);
        UUID exchange = UUID.randomUUID();
        byte[] sealed = USA.envelope().seal(QUERY, USA.partner()).sealed();
        OpenedEnvelope opened = CANADA.envelope().open(sealed, CANADA.partner());
        Instant received = Instant.now();

        EvidenceStore.Kept kept = store.receive(exchange, sealed, opened, received.plus(Duration.ofDays(365)));

        EvidenceStore.Evidence evidence = store.evidence().read(kept.id()).orElseThrow();
        assertThat(evidence.sealed())
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(sealed));
        assertThat(evidence.signed())
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(opened.signedData()));
        assertThat(evidence.sealedDigest()).isEqualTo(Sha256.hex(sealed));
        assertThat(evidence.crlDigests())
                .containsExactly(Sha256.fingerprint(CANADA.partner().crls().get(0)));
        AuditEntry received1 = store.log().entriesOf(exchange).get(0);
        assertThat(received1.evidence()).isEqualTo(kept.reference());
        assertThat(received1.digest("sealed")).contains(evidence.sealedDigest());
        assertThat(received1.digest("signed")).contains(evidence.signedDigest());

        SignedDataVerifier.Verified verified = new SignedDataVerifier()
                .verify(
                        evidence.signed().get(),
                        CANADA.partner().trustAnchors(),
                        CANADA.partner().crls(),
                        received);
        assertThat(verified.payload()).isEqualTo(QUERY);
        assertThat(verified.signerAgency()).isEqualTo("USA-USCIS");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aReplyOfOursIsKeptOnceAndReadFromWhereItIsSentFromByItsDigest(TestDatabase database) {
        Store store = Store.on(database);
        SealedMessage reply = CANADA.envelope().seal(QUERY, CANADA.partner());
        UUID exchange = UUID.randomUUID();
        EvidenceStore.Kept kept = store.reply(exchange, reply, Instant.now().plusSeconds(3600));

        assertThat(store.jdbc()
                        .queryForObject("SELECT sealed_content FROM evidence WHERE id = ?", byte[].class, kept.id()))
                .as("the sealed bytes are not kept a second time")
                .isNull();
        EvidenceStore.Evidence evidence = store.evidence().read(kept.id()).orElseThrow();
        assertThat(evidence.sealed())
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(reply.sealed()));
        assertThat(evidence.signed())
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(reply.signedData()));
        assertThat(store.evidence().ofExchange(exchange))
                .singleElement()
                .satisfies(item -> assertThat(item.sealed()).contains(reply.sealed()));

        // Other bytes where the reply is kept are not taken for it: the digest the chain holds decides.
        JdbcTemplate owner = new JdbcTemplate(database.owner());
        owner.update("UPDATE exchange SET reply_sealed = ? WHERE id = ?", reply.signedData(), exchange);
        assertThatThrownBy(() -> store.evidence().read(kept.id()))
                .hasMessageContaining("neither the exchange's reply nor in the outbox");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void contentIsEncryptedAtRestAndBoundToItsRow(TestDatabase database) {
        Store store = Store.on(database);
        SealedMessage reply = CANADA.envelope().seal(QUERY, CANADA.partner());
        EvidenceStore.Kept first =
                store.reply(UUID.randomUUID(), reply, Instant.now().plusSeconds(3600));
        EvidenceStore.Kept second =
                store.reply(UUID.randomUUID(), reply, Instant.now().plusSeconds(3600));

        byte[] atRest = store.jdbc()
                .queryForObject("SELECT signed_content FROM evidence WHERE id = ?", byte[].class, first.id());
        assertThat(new String(atRest, UTF_8)).doesNotContain("MART").doesNotContain("caseQuery");
        assertThat(store.evidence().read(first.id()).orElseThrow().signed().orElseThrow())
                .isEqualTo(reply.signedData());

        // An administrator who moves one row's content into another gets nothing readable.
        JdbcTemplate owner = new JdbcTemplate(database.owner());
        dropGuard(database, owner);
        owner.update(
                "UPDATE evidence SET signed_content = (SELECT signed_content FROM evidence WHERE id = ?) WHERE id = ?",
                first.id(),
                second.id());
        assertThatThrownBy(() -> store.evidence().read(second.id()))
                .hasMessageContaining("does not decrypt with the archive key");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void atTheEndOfRetentionTheContentIsDestroyedAndTheDigestsStayInTheChain(TestDatabase database) {
        Store store = Store.on(database);
        UUID expiring = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        byte[] sealed = USA.envelope().seal(QUERY, USA.partner()).sealed();
        OpenedEnvelope opened = CANADA.envelope().open(sealed, CANADA.partner());
        EvidenceStore.Kept old =
                store.receive(expiring, sealed, opened, Instant.now().minusSeconds(1));
        EvidenceStore.Kept current =
                store.receive(kept, sealed, opened, Instant.now().plus(Duration.ofDays(1)));

        assertThat(store.evidence().destroyExpired(100)).isEqualTo(1);
        assertThat(store.evidence().destroyExpired(100)).isZero();

        EvidenceStore.Evidence destroyed = store.evidence().read(old.id()).orElseThrow();
        assertThat(destroyed.sealed()).isEmpty();
        assertThat(destroyed.signed()).isEmpty();
        assertThat(destroyed.destroyedAt()).isPresent();
        assertThat(store.evidence().read(current.id()).orElseThrow().sealed()).isPresent();
        List<AuditEntry> entries = store.log().entriesOf(expiring);
        assertThat(entries).extracting(AuditEntry::event).containsExactly("RECEIVED", "EVIDENCE_DESTROYED");
        assertThat(entries.get(1).evidence()).isEqualTo(old.reference());
        assertThat(entries.get(1).digest("sealed")).isEqualTo(entries.get(0).digest("sealed"));
        assertThat(entries.get(1).digest("signed")).isEqualTo(entries.get(0).digest("signed"));
        assertThat(store.log().verify().intact()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void evidenceCanBeDestroyedButNeverChangedOrRemoved(TestDatabase database) {
        Store store = Store.on(database);
        byte[] sealed = USA.envelope().seal(QUERY, USA.partner()).sealed();
        EvidenceStore.Kept kept = store.receive(
                UUID.randomUUID(),
                sealed,
                CANADA.envelope().open(sealed, CANADA.partner()),
                Instant.now().plusSeconds(3600));

        for (String change : List.of(
                "UPDATE evidence SET sealed_digest = '" + "0".repeat(64) + "' WHERE id = '" + kept.id() + "'",
                "UPDATE evidence SET retain_until = retain_until WHERE id = '" + kept.id() + "'",
                "UPDATE evidence SET sealed_content = signed_content WHERE id = '" + kept.id() + "'",
                "DELETE FROM evidence WHERE id = '" + kept.id() + "'")) {
            assertThatThrownBy(() -> store.jdbc().update(change)).as(change).isInstanceOf(DataAccessException.class);
        }
        assertThat(store.evidence().read(kept.id()).orElseThrow().sealed())
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(sealed));
    }

    @Test
    void evidenceIsKeptOnlyInTheCallersTransaction() {
        Store store = Store.on(TestDatabase.postgres());
        SealedMessage reply = CANADA.envelope().seal(QUERY, CANADA.partner());

        assertThatThrownBy(
                        () -> store.evidence().keepOutbound(UUID.randomUUID(), CANADA.partner(), reply, Instant.now()))
                .isInstanceOf(IllegalStateException.class);
    }

    private static void dropGuard(TestDatabase database, JdbcTemplate owner) {
        owner.execute(
                database.name().equals("PostgreSQL")
                        ? "ALTER TABLE evidence DISABLE TRIGGER USER"
                        : "DROP TRIGGER evidence_only_destroyed");
    }
}
