package org.caseexchange.gateway.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.activemq.transport.Transport;
import org.apache.activemq.transport.TransportFilter;
import org.apache.activemq.transport.stomp.Stomp;
import org.apache.activemq.transport.stomp.StompFrame;
import org.apache.activemq.transport.stomp.StompTransportFactory;
import org.apache.activemq.wireformat.WireFormat;

/**
 * The embedded broker's STOMP transport ({@code stomp+gateway://}, registered under
 * META-INF/services), ActiveMQ's own with a filter next to the socket: an {@code ERROR} frame carries
 * its message header as its body instead of a Java stack trace, and every client keeps a heart-beat,
 * in both directions, of at most {@code gateway.broker.limits.stomp-heart-beat} (a CONNECT asking for
 * none, or a slower one, is given that one), so that a silent connection is closed rather than held.
 */
public class StompDoorTransportFactory extends StompTransportFactory {

    /** Milliseconds; the connector URI's {@code transport.gatewayHeartBeat} option sets it. */
    static final String HEART_BEAT_OPTION = "gatewayHeartBeat";

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Transport compositeConfigure(Transport transport, WireFormat format, Map options) {
        Object configured = options.remove(HEART_BEAT_OPTION);
        long heartBeat = configured == null ? 30_000 : Long.parseLong(configured.toString());
        return super.compositeConfigure(new Door(transport, heartBeat), format, options);
    }

    /** Between the socket and ActiveMQ's STOMP protocol converter. */
    static final class Door extends TransportFilter {
        private final long heartBeat;

        Door(Transport next, long heartBeat) {
            super(next);
            this.heartBeat = heartBeat;
        }

        @Override
        public void oneway(Object command) throws IOException {
            if (command instanceof StompFrame frame && Stomp.Responses.ERROR.equals(frame.getAction())) {
                String message = frame.getHeaders().getOrDefault(Stomp.Headers.Error.MESSAGE, "error");
                frame.setContent((message + "\n").getBytes(StandardCharsets.UTF_8));
                frame.getHeaders().put(Stomp.Headers.CONTENT_LENGTH, String.valueOf(frame.getContent().length));
            }
            super.oneway(command);
        }

        @Override
        public void onCommand(Object command) {
            if (command instanceof StompFrame frame
                    && (Stomp.Commands.CONNECT.equals(frame.getAction())
                            || Stomp.Commands.STOMP.equals(frame.getAction()))) {
                frame.getHeaders()
                        .put(
                                Stomp.Headers.Connect.HEART_BEAT,
                                required(frame.getHeaders().get(Stomp.Headers.Connect.HEART_BEAT)));
            }
            super.onCommand(command);
        }

        /** The client's heart-beat header with both intervals at most the required one, none of them zero. */
        String required(String asked) {
            long send = heartBeat;
            long receive = heartBeat;
            if (asked != null) {
                String[] parts = asked.split(",");
                if (parts.length == 2) {
                    send = bounded(parts[0]);
                    receive = bounded(parts[1]);
                }
            }
            return send + "," + receive;
        }

        private long bounded(String value) {
            try {
                long asked = Long.parseLong(value.strip());
                return asked <= 0 || asked > heartBeat ? heartBeat : asked;
            } catch (NumberFormatException e) {
                return heartBeat;
            }
        }
    }
}
