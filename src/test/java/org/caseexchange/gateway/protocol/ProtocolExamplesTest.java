package org.caseexchange.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.protocol.xml.Message;
import org.caseexchange.gateway.protocol.xml.ObjectFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.SAXException;

/**
 * The worked examples a partner copies from {@code schemas/examples/} are valid against the schema
 * the gateway ships on its classpath, and bind to the generated model.
 */
class ProtocolExamplesTest {

    private static final Path EXAMPLES = Path.of("schemas/examples");

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(file -> file.toString().endsWith(".xml"))
                    .sorted()
                    .toList();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleIsValidAndBindsToItsMessageKind(Path example) throws Exception {
        String xml = Files.readString(example);

        schema().newValidator().validate(new StreamSource(new StringReader(xml)));
        Object bound = JAXBContext.newInstance(ObjectFactory.class)
                .createUnmarshaller()
                .unmarshal(new StringReader(xml));

        Message message = (Message) ((JAXBElement<?>) bound).getValue();
        assertThat(message.getVersion()).isEqualTo("1.0");
        assertThat(message.getHeader().getSender()).isIn("CAN-IRCC", "USA-USCIS");
        assertThat(((JAXBElement<?>) bound).getName().getLocalPart())
                .isEqualTo(toCamelCase(example.getFileName().toString().replace(".xml", "")));
    }

    @Test
    void thereIsAnExampleOfEveryMessageKind() throws IOException {
        assertThat(examples())
                .extracting(file -> file.getFileName().toString())
                .containsExactlyInAnyOrder(
                        "case-query.xml",
                        "case-response.xml",
                        "final-response.xml",
                        "proactive-disclosure.xml",
                        "receipt.xml",
                        "error-reply.xml");
    }

    @Test
    void theSchemaRefusesAnExampleWithOneDefect() throws Exception {
        String wrongPurpose = Files.readString(EXAMPLES.resolve("case-query.xml"))
                .replace("<purpose>ADMISSIBILITY_ASSESSMENT</purpose>", "<purpose>CURIOSITY</purpose>");

        assertThatThrownBy(() -> schema().newValidator().validate(new StreamSource(new StringReader(wrongPurpose))))
                .isInstanceOf(SAXException.class)
                .hasMessageContaining("CURIOSITY");
    }

    @Test
    void theModelCarriesOriginalScriptNamesExactly() throws Exception {
        Object bound = JAXBContext.newInstance(ObjectFactory.class)
                .createUnmarshaller()
                .unmarshal(EXAMPLES.resolve("case-query.xml").toFile());
        CaseQuery query = (CaseQuery) ((JAXBElement<?>) bound).getValue();

        assertThat(query.getSubject().getName().get(0).getOriginalScript()).isEqualTo("محمد علي حداد");
        assertThat(query.getSubject().getDateOfBirth()).isEqualTo("1987-04");
    }

    /**
     * A plain schema validator, independent of the gateway's codec, as a partner's own tooling would
     * validate: the shipped schema with every external access off.
     */
    private static Schema schema() throws SAXException {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory.newSchema(ProtocolExamplesTest.class.getResource("/schemas/case-exchange-1.xsd"));
    }

    private static String toCamelCase(String kebab) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }
}
