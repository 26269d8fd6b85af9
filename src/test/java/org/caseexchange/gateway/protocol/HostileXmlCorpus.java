package org.caseexchange.gateway.protocol;

import static java.nio.charset.StandardCharsets.UTF_16;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.caseexchange.gateway.protocol.ReasonCode.UNSUPPORTED_PROTOCOL_VERSION;
import static org.caseexchange.gateway.protocol.ReasonCode.XML_DOCTYPE_FORBIDDEN;
import static org.caseexchange.gateway.protocol.ReasonCode.XML_ENCODING;
import static org.caseexchange.gateway.protocol.ReasonCode.XML_FORBIDDEN_CONSTRUCT;
import static org.caseexchange.gateway.protocol.ReasonCode.XML_LIMIT_EXCEEDED;
import static org.caseexchange.gateway.protocol.ReasonCode.XML_MALFORMED;
import static org.caseexchange.gateway.protocol.ReasonCode.XML_SCHEMA_INVALID;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One hostile or broken payload per defect, each named after it with the code the codec must answer.
 * All are built from the valid case-query example by one change, so each fixture isolates its defect;
 * external references point at a local {@link ConnectionCounter}.
 */
public final class HostileXmlCorpus {

    public record Fixture(String name, byte[] bytes, ReasonCode expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String VALID = ProtocolCodecTest.example("case-query.xml");
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final String ROOT = "<caseQuery xmlns=\"urn:caseexchange:protocol:1\" version=\"1.0\">";
    private static final String FAMILY_NAME = "<familyName>EXAMPLE-HADDAD</familyName>\n      <givenNames>Mohammed Ali";

    public final List<Fixture> fixtures = new ArrayList<>();

    public HostileXmlCorpus(ConnectionCounter listener) {
        // Entities of every kind: a DTD is refused before any is declared, let alone expanded or fetched.
        doctype("xxe-local-file", "<!DOCTYPE caseQuery [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", "&xxe;");
        doctype(
                "xxe-local-listener",
                "<!DOCTYPE caseQuery [<!ENTITY xxe SYSTEM \"" + listener.url("xxe") + "\">]>",
                "&xxe;");
        doctype(
                "xxe-parameter-entity",
                "<!DOCTYPE caseQuery [<!ENTITY % remote SYSTEM \"" + listener.url("dtd") + "\"> %remote;]>",
                "");
        doctype("external-dtd", "<!DOCTYPE caseQuery SYSTEM \"" + listener.url("case.dtd") + "\">", "");
        doctype("billion-laughs", billionLaughs(), "&lol9;");
        doctype(
                "quadratic-blowup",
                "<!DOCTYPE caseQuery [<!ENTITY a \"" + "a".repeat(50_000) + "\">]>",
                "&a;".repeat(10_000));

        add(
                "nesting-10000-deep",
                VALID.replace(
                        FAMILY_NAME,
                        "<familyName>" + "<x>".repeat(10_000) + "</x>".repeat(10_000)
                                + "</familyName>\n      <givenNames>Mohammed Ali"),
                XML_LIMIT_EXCEEDED);
        add(
                "attributes-100000",
                VALID.replace(ROOT, ROOT.replace(">", manyAttributes(100_000, "a", "=\"x\"") + ">")),
                XML_LIMIT_EXCEEDED);
        add(
                "namespace-declarations-100000",
                VALID.replace(ROOT, ROOT.replace(">", manyAttributes(100_000, "xmlns:p", "=\"urn:x\"") + ">")),
                XML_LIMIT_EXCEEDED);
        add(
                "oversized-text-node",
                VALID.replace(
                        "EXAMPLE-HADDAD</familyName>\n      <givenNames>Mohammed",
                        "X".repeat(1_000_000) + "</familyName>\n      <givenNames>Mohammed"),
                XML_LIMIT_EXCEEDED);
        add(
                "oversized-comment",
                VALID.replace("<subject>", "<subject><!--" + "c".repeat(100_000) + "-->"),
                XML_LIMIT_EXCEEDED);
        add(
                "oversized-attribute",
                VALID.replace(
                        ROOT, ROOT.replace("version=\"1.0\"", "version=\"1.0\" a=\"" + "v".repeat(100_000) + "\"")),
                XML_LIMIT_EXCEEDED);
        add(
                "oversized-element-name",
                VALID.replace("<subject>", "<" + "n".repeat(10_000) + "/><subject>"),
                XML_LIMIT_EXCEEDED);

        add(
                "schema-location-to-listener",
                VALID.replace(
                        ROOT,
                        ROOT.replace(
                                ">",
                                " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"urn:caseexchange:protocol:1 "
                                        + listener.url("evil.xsd") + "\">")),
                XML_FORBIDDEN_CONSTRUCT);
        add(
                "xsi-type-substitution",
                ProtocolCodecTest.example("final-response.xml")
                        .replace(
                                "<finalResponse xmlns=\"urn:caseexchange:protocol:1\"",
                                "<caseResponse xmlns=\"urn:caseexchange:protocol:1\""
                                        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"FinalResponse\"")
                        .replace("</finalResponse>", "</caseResponse>"),
                XML_FORBIDDEN_CONSTRUCT);
        add(
                "xsi-nil",
                VALID.replace(ROOT, ROOT.replace(">", " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"))
                        .replace("<sex>M</sex>", "<sex xsi:nil=\"true\"/>"),
                XML_FORBIDDEN_CONSTRUCT);
        add(
                "xinclude-to-listener",
                VALID.replace(
                        "<subject>",
                        "<subject><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\""
                                + listener.url("include.xml") + "\"/>"),
                XML_FORBIDDEN_CONSTRUCT);
        add(
                "processing-instruction",
                VALID.replace(ROOT, "<?xml-stylesheet href=\"" + listener.url("style.xsl") + "\"?>" + ROOT),
                XML_FORBIDDEN_CONSTRUCT);
        add(
                "xml-1.1-declaration",
                VALID.replace("<?xml version=\"1.0\"", "<?xml version=\"1.1\""),
                XML_FORBIDDEN_CONSTRUCT);

        add(
                "unknown-element",
                VALID.replace("<sex>M</sex>", "<sex>M</sex><favouriteColour>blue</favouriteColour>"),
                XML_SCHEMA_INVALID);
        add("unknown-attribute", VALID.replace("<subject>", "<subject priority=\"high\">"), XML_SCHEMA_INVALID);
        add(
                "missing-required-element",
                VALID.replace("<purpose>ADMISSIBILITY_ASSESSMENT</purpose>", ""),
                XML_SCHEMA_INVALID);
        add("missing-version", VALID.replace(" version=\"1.0\">", ">"), XML_SCHEMA_INVALID);
        add(
                "wrong-enum",
                VALID.replace("<purpose>ADMISSIBILITY_ASSESSMENT</purpose>", "<purpose>CURIOSITY</purpose>"),
                XML_SCHEMA_INVALID);
        add(
                "bad-date",
                VALID.replace("<expiresOn>2029-06-30</expiresOn>", "<expiresOn>2029-02-30</expiresOn>"),
                XML_SCHEMA_INVALID);
        add(
                "creation-time-not-utc",
                VALID.replace("2026-11-23T09:15:00Z", "2026-11-23T09:15:00+01:00"),
                XML_SCHEMA_INVALID);
        add(
                "over-length-string",
                VALID.replace(
                        "EXAMPLE-HADDAD</familyName>\n      <givenNames>Mohammed",
                        "X".repeat(101) + "</familyName>\n      <givenNames>Mohammed"),
                XML_SCHEMA_INVALID);
        add(
                "too-many-names",
                VALID.replace("<dateOfBirth>", "<name><familyName>A</familyName></name>".repeat(10) + "<dateOfBirth>"),
                XML_SCHEMA_INVALID);
        add(
                "wrong-root-namespace",
                VALID.replace("urn:caseexchange:protocol:1", "urn:example:other"),
                XML_SCHEMA_INVALID);
        add("no-namespace", VALID.replace(" xmlns=\"urn:caseexchange:protocol:1\"", ""), XML_SCHEMA_INVALID);
        add(
                "element-in-wrong-namespace",
                VALID.replace("<purpose>", "<purpose xmlns=\"urn:example:other\">"),
                XML_SCHEMA_INVALID);
        add("unknown-root-element", VALID.replace("caseQuery", "caseQuestion"), XML_SCHEMA_INVALID);

        add(
                "next-major-version",
                VALID.replace("urn:caseexchange:protocol:1", "urn:caseexchange:protocol:2"),
                UNSUPPORTED_PROTOCOL_VERSION);
        add("next-minor-version", VALID.replace("version=\"1.0\">", "version=\"1.1\">"), UNSUPPORTED_PROTOCOL_VERSION);

        add("invalid-utf8", bytesReplacing(VALID, "Mohammed", new byte[] {'M', (byte) 0xC3, 0x28, 'h'}), XML_ENCODING);
        add(
                "overlong-utf8-solidus",
                bytesReplacing(VALID, "officer:7f3a91", new byte[] {'o', (byte) 0xC0, (byte) 0xAF, 'x'}),
                XML_ENCODING);
        add(
                "utf8-encoded-surrogate",
                bytesReplacing(VALID, "Mohammed", new byte[] {'M', (byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                XML_ENCODING);
        add(
                "byte-order-mark",
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, VALID.getBytes(UTF_8)),
                XML_ENCODING);
        fixtures.add(new Fixture("utf16", VALID.replace("UTF-8", "UTF-16").getBytes(UTF_16), XML_ENCODING));
        add("declared-latin1", VALID.replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\""), XML_ENCODING);

        add("empty", "", XML_MALFORMED);
        add("truncated", VALID.substring(0, VALID.length() / 2), XML_MALFORMED);
        add("mismatched-tags", VALID.replace("</purpose>", "</porpose>"), XML_MALFORMED);
        add("two-roots", VALID + ROOT + "</caseQuery>", XML_MALFORMED);
        add("control-character-reference", VALID.replace("Mohammed Ali", "Mohammed&#1;Ali"), XML_MALFORMED);
        add("undeclared-entity", VALID.replace("Mohammed Ali", "Mohammed&nbsp;Ali"), XML_MALFORMED);
        add("not-xml", "%PDF-1.7 not a protocol message", XML_MALFORMED);
    }

    /** A defect in the signed header itself leaves nothing to refer to; a later one keeps the id. */
    public static final String VALID_MESSAGE_ID = "3f1c2a7e-5b8d-4c61-9e0a-2d7f4b9c8e11";

    private void doctype(String name, String doctype, String reference) {
        String document = VALID.replace(DECLARATION + "\n", DECLARATION + "\n" + doctype + "\n")
                .replace(
                        FAMILY_NAME,
                        "<familyName>EXAMPLE" + reference + "</familyName>\n      <givenNames>Mohammed Ali");
        add(name, document, XML_DOCTYPE_FORBIDDEN);
    }

    private void add(String name, String document, ReasonCode expected) {
        add(name, document.getBytes(UTF_8), expected);
    }

    private void add(String name, byte[] document, ReasonCode expected) {
        fixtures.add(new Fixture(name, document, expected));
    }

    private static String billionLaughs() {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE caseQuery [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            doctype.append("<!ENTITY lol")
                    .append(i)
                    .append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        return doctype.append("]>").toString();
    }

    private static String manyAttributes(int count, String prefix, String value) {
        StringBuilder attributes = new StringBuilder(count * 12);
        for (int i = 0; i < count; i++) {
            attributes.append(' ').append(prefix).append(i).append(value);
        }
        return attributes.toString();
    }

    private static byte[] bytesReplacing(String document, String target, byte[] replacement) {
        int at = document.indexOf(target);
        return concat(
                document.substring(0, at).getBytes(UTF_8),
                replacement,
                document.substring(at + target.length()).getBytes(UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
