package org.caseexchange.gateway.exchange;

import java.time.Instant;
import java.time.LocalDate;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.UUID;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.caseexchange.gateway.protocol.xml.Header;

/** The header every message we write starts with, and the protocol's forms of times and dates. */
public final class MessageHeaders {

    private static final DatatypeFactory DATATYPES = datatypes();

    private MessageHeaders() {}

    public static Header header(UUID messageId, Instant createdAt, String sender, String recipient) {
        Header header = new Header();
        header.setMessageId(messageId.toString());
        header.setCreatedAt(time(createdAt));
        header.setSender(sender);
        header.setRecipient(recipient);
        return header;
    }

    public static XMLGregorianCalendar time(Instant instant) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis(instant.toEpochMilli());
        return DATATYPES.newXMLGregorianCalendar(calendar);
    }

    public static XMLGregorianCalendar date(LocalDate day) {
        return day == null
                ? null
                : DATATYPES.newXMLGregorianCalendarDate(
                        day.getYear(), day.getMonthValue(), day.getDayOfMonth(), DatatypeConstants.FIELD_UNDEFINED);
    }

    private static DatatypeFactory datatypes() {
        try {
            return DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("the JDK has no XML datatype factory", e);
        }
    }
}
