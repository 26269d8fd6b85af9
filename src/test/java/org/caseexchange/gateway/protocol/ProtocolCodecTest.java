package org.caseexchange.gateway.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.caseexchange.gateway.protocol.xml.CaseQuery;
import org.caseexchange.gateway.protocol.xml.CaseResponse;
import org.caseexchange.gateway.protocol.xml.ErrorReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bytes to messages and back: what the codec accepts, it keeps whole, and it writes only what it accepts. */
class ProtocolCodecTest {

    static final ProtocolProperties.Limits LIMITS = new ProtocolProperties.Limits(16, 16, 4000, 64);
    static final ProtocolCodec CODEC = new ProtocolCodec(LIMITS);

    static List<Path> examples() throws Exception {
        return ProtocolExamplesTest.examples();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleDecodesToItsKindAndEncodesBackToTheSameContent(Path example) throws Exception {
        byte[] original = Files.readAllBytes(example);

        DecodedMessage decoded = CODEC.decode(original);
        byte[] encoded = CODEC.encode(decoded.message());

        assertThat(decoded.kind().rootElement() + ".xml")
                .isEqualToIgnoringCase(example.getFileName().toString().replace("-", ""));
        assertThat(Infoset.of(encoded)).isEqualTo(Infoset.of(original));
        assertThat(CODEC.encode(CODEC.decode(encoded).message())).isEqualTo(encoded);
    }

    @Test
    void bidiOverridesAndOtherScriptsAreDataAndAreKeptExactly() throws Exception {
        String familyName = "EXAMPLE\u202Egnp.exe\u202C-\u2067حداد\u2069";
        byte[] document = example("case-query.xml")
                .replace(
                        "<familyName>EXAMPLE-HADDAD</familyName>\n      <givenNames>Mohammed Ali",
                        "<familyName>" + familyName + "</familyName>\n      <givenNames>Mohammed Ali")
                .getBytes(UTF_8);

        CaseQuery query = CODEC.decode(document).as(CaseQuery.class);
        byte[] encoded = CODEC.encode(query);

        assertThat(query.getSubject().getName().get(0).getFamilyName()).isEqualTo(familyName);
        assertThat(new String(encoded, UTF_8)).contains("<familyName>" + familyName + "</familyName>");
        assertThat(Infoset.of(encoded)).isEqualTo(Infoset.of(document));
    }

    @Test
    void cdataAndCharacterReferencesAreOnlyAnotherWayOfWritingTheSameText() {
        byte[] document = example("case-query.xml")
                .replace(
                        "<givenNames>Mohammed Ali</givenNames>",
                        "<givenNames><![CDATA[Mohammed]]>&#32;Ali</givenNames>")
                .getBytes(UTF_8);

        CaseQuery query = CODEC.decode(document).as(CaseQuery.class);

        assertThat(query.getSubject().getName().get(0).getGivenNames()).isEqualTo("Mohammed Ali");
    }

    @Test
    void aRefusalAfterTheHeaderNamesTheRefusedMessageSoTheErrorReplyCanReferToIt() {
        byte[] document = example("case-query.xml")
                .replace("<purpose>ADMISSIBILITY_ASSESSMENT</purpose>", "<purpose>CURIOSITY</purpose>")
                .getBytes(UTF_8);

        ProtocolException refused = catchThrowableOfType(() -> CODEC.decode(document), ProtocolException.class);

        assertThat(refused.reason()).isEqualTo(ReasonCode.XML_SCHEMA_INVALID);
        assertThat(refused.referencedMessageId()).contains("3f1c2a7e-5b8d-4c61-9e0a-2d7f4b9c8e11");
        assertThat(refused.detail())
                .isEqualTo("schema rule cvc-enumeration-valid at line 11, column 31")
                .doesNotContain("CURIOSITY");
    }

    @Test
    void aMessageIdThatIsNotAUuidIsNotRepeatedBack() {
        byte[] document = example("case-query.xml")
                .replace(
                        "<messageId>3f1c2a7e-5b8d-4c61-9e0a-2d7f4b9c8e11</messageId>",
                        "<messageId>../../etc/passwd</messageId>")
                .getBytes(UTF_8);

        ProtocolException refused = catchThrowableOfType(() -> CODEC.decode(document), ProtocolException.class);

        assertThat(refused.reason()).isEqualTo(ReasonCode.XML_SCHEMA_INVALID);
        assertThat(refused.referencedMessageId()).isEmpty();
    }

    @Test
    void theGatewayNeverWritesAMessageAPartnerWouldRefuse() {
        CaseResponse response =
                CODEC.decode(example("case-response.xml").getBytes(UTF_8)).as(CaseResponse.class);
        response.getReleased().getIdentity().getName().get(0).setFamilyName("X".repeat(101));

        ProtocolException refused = catchThrowableOfType(() -> CODEC.encode(response), ProtocolException.class);

        assertThat(refused.reason()).isEqualTo(ReasonCode.XML_OUTBOUND_INVALID);
        assertThat(refused.detail()).contains("cvc-maxLength-valid").doesNotContain("XXXX");
    }

    @Test
    void aControlCharacterThatXmlCannotCarryIsCaughtBeforeItIsSent() {
        ErrorReply reply =
                CODEC.decode(example("error-reply.xml").getBytes(UTF_8)).as(ErrorReply.class);
        reply.setDetail("a bell \u0007 in the detail");

        ProtocolException refused = catchThrowableOfType(() -> CODEC.encode(reply), ProtocolException.class);

        assertThat(refused.reason()).isEqualTo(ReasonCode.XML_OUTBOUND_INVALID);
    }

    @Test
    void aMessageIsReadOnlyAsItsOwnKind() {
        DecodedMessage decoded = CODEC.decode(example("final-response.xml").getBytes(UTF_8));

        assertThat(decoded.kind()).isEqualTo(MessageKind.FINAL_RESPONSE);
        assertThat(catchThrowableOfType(() -> decoded.as(CaseResponse.class), IllegalStateException.class))
                .isNotNull();
    }

    static String example(String name) {
        try {
            return Files.readString(Path.of("schemas/examples", name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
