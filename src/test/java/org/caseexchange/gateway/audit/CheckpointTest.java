package org.caseexchange.gateway.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checkpoint file: signed with the audit key, read back only in the exact form the gateway writes. */
class CheckpointTest {

    private final CheckpointSigner signer = new CheckpointSigner(AuditStack.IDENTITY);
    private final Checkpoint checkpoint =
            signer.sign(42, "ab".repeat(32), Instant.parse("2026-11-23T10:15:30.123456789Z"));

    @Test
    void aSignedCheckpointReadsBackAndVerifiesWithTheAuditCertificate() {
        Optional<Checkpoint> read = Checkpoint.parse(checkpoint.fileText());

        assertThat(read).contains(checkpoint);
        assertThat(read.get().signedAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30.123456Z"));
        assertThat(read.get().isSignedBy(AuditStack.IDENTITY.auditCertificate()))
                .isTrue();
        assertThat(checkpoint.fileName()).isEqualTo("checkpoint-20261123T101530.123456Z-42.txt");
        assertThat(checkpoint.fileText()).startsWith("""
                urn:caseexchange:audit:checkpoint:v1
                agency: CAN-IRCC
                log-size: 42
                head: abababababababababababababababababababababababababababababababab
                signed-at: 2026-11-23T10:15:30.123456Z
                """);
    }

    @Test
    void theSignatureCoversEveryLine() {
        String text = checkpoint.fileText();
        for (String[] change : new String[][] {
            {"log-size: 42", "log-size: 43"},
            {"head: ab", "head: cd"},
            {"agency: CAN", "agency: USA"},
            {"signed-at: 2026-11-23T10", "signed-at: 2026-11-23T11"}
        }) {
            Optional<Checkpoint> changed = Checkpoint.parse(text.replace(change[0], change[1]));
            assertThat(changed).as(change[1]).isPresent();
            assertThat(changed.get().isSignedBy(AuditStack.IDENTITY.auditCertificate()))
                    .as(change[1])
                    .isFalse();
        }
    }

    @Test
    void onlyTheCanonicalFormIsRead() {
        String text = checkpoint.fileText();
        assertThat(Checkpoint.parse(text.replace("\n", "\r\n"))).isEmpty();
        assertThat(Checkpoint.parse(text + "extra: line\n")).isEmpty();
        assertThat(Checkpoint.parse(text.replace("log-size: 42", "log-size: 042")))
                .isEmpty();
        assertThat(Checkpoint.parse(text.replace("log-size: 42", "log-size: -1")))
                .isEmpty();
        assertThat(Checkpoint.parse(text.replace("SHA256withECDSA", "NONEwithECDSA")))
                .isEmpty();
        assertThat(Checkpoint.parse(text.replace("head: ab", "head: AB"))).isEmpty();
        assertThat(Checkpoint.parse(text.substring(0, text.length() - 1))).isEmpty();
        assertThat(Checkpoint.parse(new String(new byte[] {(byte) 0xC3, 0x28}, UTF_8)))
                .isEmpty();
    }
}
