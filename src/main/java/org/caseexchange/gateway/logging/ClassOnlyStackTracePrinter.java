package org.caseexchange.gateway.logging;

import java.io.IOException;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.StandardStackTracePrinter;

/**
 * Prints a stack trace with each throwable (causes and suppressed ones included) named by its class
 * only, without its message; the frames stay, for whoever has the source.
 */
public final class ClassOnlyStackTracePrinter implements StackTracePrinter {

    private static final StandardStackTracePrinter PRINTER = StandardStackTracePrinter.rootLast()
            .withFormatter(throwable -> throwable.getClass().getName());

    @Override
    public void printStackTrace(Throwable throwable, Appendable out) throws IOException {
        PRINTER.printStackTrace(throwable, out);
    }
}
