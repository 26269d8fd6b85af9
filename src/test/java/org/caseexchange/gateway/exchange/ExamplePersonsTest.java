package org.caseexchange.gateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.JMSException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.datatype.DatatypeFactory;
import org.apache.activemq.broker.BrokerService;
import org.caseexchange.gateway.casedata.ExamplePersons;
import org.caseexchange.gateway.casedata.PersonRecord;
import org.caseexchange.gateway.demo.DemoQueries;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.protocol.xml.CaseResponse;
import org.caseexchange.gateway.protocol.xml.Name;
import org.caseexchange.gateway.protocol.xml.Subject;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.PartnerAgency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * docs/protocol.md section 3.5 tells a partner's implementer whom to ask about and what each answer is:
 * each row is asked through the whole gateway, and the document's table is the one this test asks.
 */
class ExamplePersonsTest extends EmbeddedGatewayTest {

    @Autowired
    BrokerService broker;

    @Autowired
    ProtocolCodec codec;

    PartnerAgency usa;

    @BeforeEach
    void connect() throws JMSException {
        usa = new PartnerAgency(broker, codec);
    }

    @AfterEach
    void disconnect() throws JMSException {
        usa.close();
    }

    /** One row of the table: whom the document names, the subject asked, the answer it promises. */
    record Row(String person, Subject asked, String answer) {
        @Override
        public String toString() {
            return person;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("EXAMPLE-NOVAK", subject(ExamplePersons.NOVAK), "PENDING_REVIEW"),
                new Row("EXAMPLE-HALABI", subject(ExamplePersons.HALABI), "REFUSE NO_RELEASABLE_RECORD"),
                new Row("EXAMPLE-TREMBLAY", subject(ExamplePersons.TREMBLAY), "REFUSE NO_RELEASABLE_RECORD"),
                new Row("EXAMPLE-OKAFOR", withoutGivenName(subject(ExamplePersons.OKAFOR_EVA)), "PENDING_REVIEW"),
                new Row(
                        "EXAMPLE-NOBODY",
                        subject("EXAMPLE-NOBODY", "Jane", "1980-01-01", "F", "GBR"),
                        "REFUSE NO_RELEASABLE_RECORD"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachExamplePersonGetsTheAnswerTheProtocolDocumentGives(Row row) throws Exception {
        CaseQuery query = PartnerAgency.identityQuery(row.asked());

        assertThat(answer(query)).isEqualTo(row.answer());
        assertThat(documentedAnswer(row.person())).startsWith("`" + row.answer().replace(" ", "` `") + "`");
    }

    @Test
    void theShippedExampleQueryIsAboutSomeoneOnFileAndIsAnswered() throws Exception {
        CaseQuery query = codec.decode(Files.readAllBytes(Path.of("schemas/examples/case-query.xml")))
                .as(CaseQuery.class);
        query.getHeader().setMessageId(UUID.randomUUID().toString());
        query.getHeader()
                .setCreatedAt(DatatypeFactory.newInstance()
                        .newXMLGregorianCalendar(Instant.now().toString()));

        assertThat(answer(query)).isEqualTo("ALLOW");
        assertThat(documentedAnswer("EXAMPLE-HADDAD")).isEqualTo("`ALLOW`");
    }

    String answer(CaseQuery query) throws JMSException {
        usa.send(PartnerAgency.REQUESTS, usa.seal(query));
        CaseResponse response = usa.answerTo(query.getHeader().getMessageId(), Duration.ofSeconds(30))
                .decoded()
                .as(CaseResponse.class);
        return response.getDecision().value()
                + (response.getReasonCode() == null ? "" : " " + response.getReasonCode());
    }

    /** The last column of the document's row for this person. */
    static String documentedAnswer(String person) throws Exception {
        String document = Files.readString(Path.of("docs/protocol.md"));
        String table = document.substring(
                document.indexOf("<!-- example-persons:begin"), document.indexOf("<!-- example-persons:end -->"));
        return Pattern.compile("(?m)^\\| `" + Pattern.quote(person) + "`[^|]*\\|[^|]*\\| ([^|]*) \\|$")
                .matcher(table)
                .results()
                .map(match -> match.group(1))
                .findFirst()
                .orElseThrow(() -> new AssertionError(person + " is not in the table"));
    }

    static Subject subject(PersonRecord person) {
        Subject subject = DemoQueries.subjectOf(person);
        subject.getTravelDocument().clear();
        return subject;
    }

    static Subject subject(String family, String given, String birth, String sex, String nationality) {
        Subject subject = new Subject();
        Name name = new Name();
        name.setFamilyName(family);
        name.setGivenNames(given);
        subject.getName().add(name);
        subject.setDateOfBirth(birth);
        subject.setSex(org.caseexchange.gateway.protocol.xml.Sex.fromValue(sex));
        subject.getNationality().add(nationality);
        return subject;
    }

    static Subject withoutGivenName(Subject subject) {
        subject.getName().forEach(name -> name.setGivenNames(null));
        return subject;
    }
}
