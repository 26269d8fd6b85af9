package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.apache.activemq.command.ActiveMQBytesMessage;
import org.apache.activemq.util.ByteSequence;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.support.ExampleGateways;
import org.junit.jupiter.api.Test;

/**
 * A body is never inflated or read in a way that can fail before the flow sees the message: a
 * compressed body (which the embedded broker refuses at its door, but another broker may pass on) and
 * a broken one are handed on as unreadable, to be quarantined with their code, not held for ever.
 */
class JmsMessagesTest {

    final JmsMessages inbound = new JmsMessages(
            ExampleGateways.canada(Clock.systemUTC()).directory(),
            org.caseexchange.gateway.messaging.PartnerLinks.hostedOnly(),
            2 * 1024 * 1024,
            CrashPoints.NONE,
            Duration.ofDays(30),
            Clock.systemUTC());

    Exchange consumed(jakarta.jms.Message message) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(JmsMessages.PARTNER, "USA-USCIS");
        exchange.setProperty(JmsMessages.CHANNEL, "REQUESTS");
        exchange.setProperty(JmsMessages.QUEUE, "USA-USCIS.requests");
        exchange.getMessage().setBody(message);
        return exchange;
    }

    @Test
    void aCompressedBodyIsHandedOnUnreadWithItsCode() throws Exception {
        ActiveMQBytesMessage compressed = new ActiveMQBytesMessage();
        compressed.setCompressed(true);
        // What a 50 MB bomb would look like: a few bytes claiming to inflate to much more.
        compressed.setContent(new ByteSequence(new byte[] {0, 0x7f, 0x7f, 0x7f, 0x78, (byte) 0x9c, 1, 2, 3}));

        InboundMessage message = inbound.read(consumed(compressed));

        assertThat(message.unreadable()).isEqualTo(ReasonCode.TRANSPORT_COMPRESSED);
        assertThat(message.body()).isNull();
    }

    @Test
    void aBodyThatCannotBeReadIsHandedOnWithItsCode() throws Exception {
        ActiveMQBytesMessage broken = new ActiveMQBytesMessage() {
            @Override
            public long getBodyLength() throws jakarta.jms.JMSException {
                throw new jakarta.jms.MessageFormatException("broken");
            }
        };

        InboundMessage message = inbound.read(consumed(broken));

        assertThat(message.unreadable()).isEqualTo(ReasonCode.TRANSPORT_UNREADABLE);
    }
}
