package org.caseexchange.gateway.protocol;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What a document says, independent of how it is written: elements with their namespaces, attributes
 * and text, in order. Comments, prefixes and whitespace between elements are not content; everything
 * else is, so two documents with equal infosets carry the same data.
 */
final class Infoset {

    private Infoset() {}

    static List<String> of(byte[] document) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(document));
        List<String> items = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(reader.getText());
                continue;
            }
            if (event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT) {
                if (!text.toString().isBlank()) {
                    items.add("text " + text);
                }
                text.setLength(0);
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                TreeMap<String, String> attributes = new TreeMap<>();
                for (int i = 0; i < reader.getAttributeCount(); i++) {
                    attributes.put(reader.getAttributeName(i).toString(), reader.getAttributeValue(i));
                }
                items.add("start " + reader.getName() + " " + attributes);
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                items.add("end " + reader.getName());
            }
        }
        return items;
    }
}
