package org.caseexchange.gateway.demo;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.envelope.OpenedEnvelope;
import org.caseexchange.gateway.protocol.DecodedMessage;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.protocol.xml.CaseResponse;
import org.caseexchange.gateway.protocol.xml.ErrorReply;
import org.caseexchange.gateway.protocol.xml.Released;
import org.caseexchange.gateway.protocol.xml.Subject;
import org.caseexchange.gateway.protocol.xml.WireDataElement;
import org.caseexchange.gateway.protocol.xml.WirePurpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the partner agency once: sends the realistic mix of queries over AMQP 1.0, opens and verifies
 * each answer with the partner's own keys, and prints one line per exchange. Lines name outcomes, codes
 * and element kinds, never a person.
 */
final class DemoPartner {

    private static final Logger console = LoggerFactory.getLogger("demo-partner");
    private static final String ANNEX_1 = "ANNEX-1-IDENTITY-CHECKS";
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(15);
    private static final Duration SILENCE_WAIT = Duration.ofSeconds(3);

    /** One line of the demo, as the partner saw it. */
    public record Line(String label, String outcome, String detail) {
        @Override
        public String toString() {
            return String.format("%-28s -> %-30s %s", label, outcome, detail);
        }
    }

    private final PartnerSide side;
    private final PartnerSide expiredSigner;
    private final ProtocolCodec codec;
    private final DemoCases cases;
    private final String amqpUrl;
    private final String[] login;
    private final String gatewayAgency;
    private final String requests;
    private final String responses;
    private final Clock clock;

    /**
     * @param expiredSigner the same agency signing with its certificate that expired (one message of the mix)
     * @param requests and @param responses the partner's queues, as agreed with the gateway's operator
     */
    DemoPartner(
            PartnerSide side,
            PartnerSide expiredSigner,
            ProtocolCodec codec,
            DemoCases cases,
            String amqpUrl,
            String[] login,
            String gatewayAgency,
            String requests,
            String responses,
            Clock clock) {
        this.login = login.clone();
        this.side = side;
        this.expiredSigner = expiredSigner;
        this.codec = codec;
        this.cases = cases;
        this.amqpUrl = amqpUrl;
        this.gatewayAgency = gatewayAgency;
        this.requests = requests;
        this.responses = responses;
        this.clock = clock;
    }

    public List<Line> run() throws JMSException {
        String us = side.identity().agencyCode();
        List<Line> lines = new ArrayList<>();
        JmsConnectionFactory factory = new JmsConnectionFactory(login[0], login[1], amqpUrl);
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Exchanges exchanges = new Exchanges(session, requests, responses);
            console.info("demo partner {} sending its queries to {} over AMQP 1.0 ({})", us, gatewayAgency, amqpUrl);
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));

            CaseQuery clear = query(
                    subjectOf(DemoCases.Kind.ON_FILE, 0, today),
                    WirePurpose.ADMISSIBILITY_ASSESSMENT,
                    WireDataElement.IDENTITY,
                    WireDataElement.IMMIGRATION_STATUS);
            byte[] clearSealed = seal(clear);
            Optional<byte[]> clearAnswer = exchanges.ask("clear match", clear, clearSealed, lines, ANSWER_WAIT);
            exchanges.ask(
                    "no record on file",
                    query(DemoQueries.nobody(), WirePurpose.IDENTITY_VERIFICATION, WireDataElement.IDENTITY),
                    lines);
            exchanges.ask(
                    "asks more than allowed",
                    query(
                            subjectOf(DemoCases.Kind.ON_FILE, 1, today),
                            WirePurpose.ADMISSIBILITY_ASSESSMENT,
                            WireDataElement.IDENTITY,
                            WireDataElement.DOCUMENTS,
                            WireDataElement.ALERTS),
                    lines);
            exchanges.ask(
                    "a citizen",
                    query(
                            subjectOf(DemoCases.Kind.CITIZEN, 0, today),
                            WirePurpose.ADMISSIBILITY_ASSESSMENT,
                            WireDataElement.IDENTITY),
                    lines);
            exchanges.ask(
                    "a protected person",
                    query(
                            subjectOf(DemoCases.Kind.PROTECTED, 0, today),
                            WirePurpose.ADMISSIBILITY_ASSESSMENT,
                            WireDataElement.IDENTITY),
                    lines);
            exchanges.ask(
                    "a minor",
                    query(
                            subjectOf(DemoCases.Kind.MINOR, 0, today),
                            WirePurpose.IDENTITY_VERIFICATION,
                            WireDataElement.IDENTITY),
                    lines);
            CaseQuery misaddressed =
                    query(DemoQueries.nobody(), WirePurpose.IDENTITY_VERIFICATION, WireDataElement.IDENTITY);
            misaddressed.getHeader().setRecipient("MEX-INM");
            exchanges.ask("signed for another agency", misaddressed, lines);
            CaseQuery expired =
                    query(DemoQueries.nobody(), WirePurpose.IDENTITY_VERIFICATION, WireDataElement.IDENTITY);
            exchanges.ask(
                    "signed with an expired cert",
                    expired,
                    expiredSigner
                            .envelope()
                            .seal(codec.encode(expired), expiredSigner.counterpart())
                            .sealed(),
                    lines,
                    SILENCE_WAIT);
            CaseQuery tampered =
                    query(DemoQueries.nobody(), WirePurpose.IDENTITY_VERIFICATION, WireDataElement.IDENTITY);
            byte[] tamperedSealed = seal(tampered);
            tamperedSealed[tamperedSealed.length - 40] ^= 0x01;
            exchanges.ask("tampered in transit", tampered, tamperedSealed, lines, SILENCE_WAIT);
            Optional<byte[]> replayAnswer =
                    exchanges.ask("replay of the clear match", clear, clearSealed, lines, ANSWER_WAIT);
            boolean identical = clearAnswer.isPresent()
                    && replayAnswer.isPresent()
                    && Arrays.equals(clearAnswer.get(), replayAnswer.get());
            report(
                    lines,
                    new Line(
                            "  (replay answer)",
                            identical ? "byte-identical" : "DIFFERENT",
                            "one decision, one answer"));
        }
        console.info("demo partner done: {} exchanges; the gateway stays up (Ctrl-C to stop)", lines.size());
        return lines;
    }

    /**
     * Answers what the gateway asks it, as a partner's system would: each query that arrives on {@code
     * queries} is opened and verified, answered on {@code answers} (the demo partner holds no case data,
     * so it has no record of anyone), and acknowledged by the gateway's signed receipt on {@code receipts}.
     */
    public List<Line> answerQueries(int expected, String queries, String answers, String receipts) throws JMSException {
        List<Line> lines = new ArrayList<>();
        JmsConnectionFactory factory = new JmsConnectionFactory(login[0], login[1], amqpUrl);
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer incoming = session.createConsumer(session.createQueue(queries));
                    MessageProducer outgoing = session.createProducer(session.createQueue(answers))) {
                for (int i = 0; i < expected; i++) {
                    Message arrived = incoming.receive(ANSWER_WAIT.toMillis());
                    if (arrived == null) {
                        report(lines, new Line("answers our query", "nothing arrived", ""));
                        continue;
                    }
                    OpenedEnvelope opened = side.envelope().open(bytes((BytesMessage) arrived), side.counterpart());
                    CaseQuery query = codec.decode(opened.payload()).as(CaseQuery.class);
                    CaseResponse response = new CaseResponse();
                    response.setVersion(org.caseexchange.gateway.protocol.MessageKind.VERSION);
                    response.setHeader(org.caseexchange.gateway.exchange.MessageHeaders.header(
                            java.util.UUID.randomUUID(),
                            clock.instant(),
                            side.identity().agencyCode(),
                            gatewayAgency));
                    response.setInResponseTo(query.getHeader().getMessageId());
                    response.setQueryDigest(org.caseexchange.gateway.trust.Sha256.hex(opened.payload()));
                    response.setDecision(org.caseexchange.gateway.protocol.xml.WireDecision.REFUSE);
                    response.setReasonCode("NO_RELEASABLE_RECORD");
                    BytesMessage answer = session.createBytesMessage();
                    answer.writeBytes(side.envelope()
                            .seal(codec.encode(response), side.counterpart())
                            .sealed());
                    outgoing.send(answer);
                    String answerId = response.getHeader().getMessageId();
                    Message receipt;
                    try (MessageConsumer acknowledgements = session.createConsumer(
                            session.createQueue(receipts), "JMSCorrelationID = '" + answerId + "'")) {
                        receipt = acknowledgements.receive(ANSWER_WAIT.toMillis());
                    }
                    report(
                            lines,
                            new Line(
                                    "answers our query",
                                    "REFUSE NO_RELEASABLE_RECORD",
                                    receipt == null
                                            ? "no receipt"
                                            : "the gateway's receipt: "
                                                    + codec.decode(side.envelope()
                                                                    .open(
                                                                            bytes((BytesMessage) receipt),
                                                                            side.counterpart())
                                                                    .payload())
                                                            .kind()
                                                            .rootElement()
                                                    + ", signed, verified"));
                }
            }
        }
        return lines;
    }

    private Subject subjectOf(DemoCases.Kind kind, int index, LocalDate today) {
        PersonRecord person = cases.pick(kind, index, today).orElse(null);
        return person == null ? DemoQueries.nobody() : DemoQueries.subjectOf(person);
    }

    private CaseQuery query(Subject subject, WirePurpose purpose, WireDataElement... requested) {
        return DemoQueries.query(
                side.identity().agencyCode(),
                gatewayAgency,
                clock.instant(),
                ANNEX_1,
                purpose,
                List.of(requested),
                subject);
    }

    private byte[] seal(CaseQuery query) {
        return side.envelope().seal(codec.encode(query), side.counterpart()).sealed();
    }

    private static void report(List<Line> lines, Line line) {
        lines.add(line);
        console.info("{}", line);
    }

    /** Sends and waits, as a partner's system would. */
    private final class Exchanges {
        private final Session session;
        private final String requests;
        private final String responses;

        Exchanges(Session session, String requests, String responses) {
            this.session = session;
            this.requests = requests;
            this.responses = responses;
        }

        Optional<byte[]> ask(String label, CaseQuery query, List<Line> lines) throws JMSException {
            return ask(label, query, seal(query), lines, ANSWER_WAIT);
        }

        Optional<byte[]> ask(String label, CaseQuery query, byte[] sealed, List<Line> lines, Duration wait)
                throws JMSException {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(sealed);
            try (MessageProducer producer = session.createProducer(session.createQueue(requests))) {
                producer.send(message);
            }
            String id = query.getHeader().getMessageId();
            Message answer;
            try (MessageConsumer consumer =
                    session.createConsumer(session.createQueue(responses), "JMSCorrelationID = '" + id + "'")) {
                answer = consumer.receive(wait.toMillis());
            }
            if (answer == null) {
                report(
                        lines,
                        new Line(
                                label,
                                "no answer",
                                "quarantined by the gateway: it answers nobody it cannot authenticate"));
                return Optional.empty();
            }
            byte[] bytes = bytes((BytesMessage) answer);
            OpenedEnvelope opened = side.envelope().open(bytes, side.counterpart());
            DecodedMessage decoded = codec.decode(opened.payload());
            report(lines, describe(label, decoded));
            return Optional.of(bytes);
        }
    }

    static Line describe(String label, DecodedMessage decoded) {
        if (decoded.message() instanceof ErrorReply error) {
            return new Line(label, "errorReply " + error.getReasonCode(), "signed, verified");
        }
        CaseResponse response = (CaseResponse) decoded.message();
        String decision = response.getDecision().value()
                + (response.getReasonCode() == null ? "" : " " + response.getReasonCode());
        StringJoiner detail = new StringJoiner(", ", "released: ", "");
        detail.setEmptyValue("released: nothing");
        Released released = response.getReleased();
        if (released != null) {
            if (released.getIdentity() != null) {
                detail.add("IDENTITY");
            }
            if (released.getImmigrationStatus() != null) {
                detail.add("IMMIGRATION_STATUS");
            }
            if (!released.getPriorDecision().isEmpty()) {
                detail.add("PRIOR_DECISIONS");
            }
            if (!released.getDocumentRecord().isEmpty()) {
                detail.add("DOCUMENTS");
            }
            if (!released.getAlert().isEmpty()) {
                detail.add("ALERTS");
            }
        }
        String withheld = response.getWithheld().isEmpty()
                ? ""
                : "; withheld: "
                        + response.getWithheld().stream()
                                .map(WireDataElement::value)
                                .toList();
        return new Line(label, decision, detail + withheld);
    }

    private static byte[] bytes(BytesMessage message) throws JMSException {
        byte[] body = new byte[(int) message.getBodyLength()];
        message.readBytes(body);
        return body;
    }
}
