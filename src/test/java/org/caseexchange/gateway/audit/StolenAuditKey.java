package org.caseexchange.gateway.audit;

import java.time.Instant;

/**
 * The example gateway's audit key in the hands of someone who copied its keystore: what signs a
 * checkpoint over a rewritten log. Only a copy held elsewhere (the witness) tells such a checkpoint
 * from the gateway's own.
 */
public final class StolenAuditKey {

    private static final CheckpointSigner SIGNER = new CheckpointSigner(AuditStack.IDENTITY);

    private StolenAuditKey() {}

    public static Checkpoint sign(long logSize, String headHash, Instant at) {
        return SIGNER.sign(logSize, headHash, at);
    }
}
