package org.caseexchange.gateway.protocol;

import java.util.EnumSet;
import java.util.Set;

/**
 * The three destinations a partner writes to, and the message kinds each accepts
 * (docs/protocol.md section 4.1). What starts a conversation arrives on its own queue; everything
 * that answers something we sent arrives on the answers queue.
 */
public enum InboundChannel {
    REQUESTS(EnumSet.of(MessageKind.CASE_QUERY)),
    DISCLOSURES(EnumSet.of(MessageKind.PROACTIVE_DISCLOSURE)),
    ANSWERS(EnumSet.of(
            MessageKind.CASE_RESPONSE, MessageKind.FINAL_RESPONSE, MessageKind.RECEIPT, MessageKind.ERROR_REPLY));

    private final Set<MessageKind> accepted;

    InboundChannel(Set<MessageKind> accepted) {
        this.accepted = Set.copyOf(accepted);
    }

    public Set<MessageKind> accepted() {
        return accepted;
    }
}
