package org.caseexchange.gateway.web.page;

import org.springframework.stereotype.Component;

/**
 * Text from someone else (a partner's names, an officer's justification) as a page shows it: Thymeleaf
 * escapes the markup, and this makes the invisible bidirectional controls visible, so that a
 * right-to-left override cannot make one text read as another. Templates call it as
 * {@code ${@displayed.text(value)}}.
 */
@Component("displayed")
public class Displayed {

    public String text(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder shown = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (bidiControl(c)) {
                shown.append(String.format("[U+%04X]", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }

    static boolean bidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E
                || c == 0x200F
                || c == 0x061C;
    }
}
