package org.caseexchange.gateway.logging;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.CoreConstants;

/**
 * The console pattern's exception part ({@code %exClass}, logback-spring.xml): the stack trace as
 * {@link ClassOnlyStackTracePrinter} prints it, after a blank line, or nothing without an exception.
 */
public final class ClassOnlyThrowableConverter extends ThrowableHandlingConverter {

    private final ClassOnlyStackTracePrinter printer = new ClassOnlyStackTracePrinter();

    @Override
    public String convert(ILoggingEvent event) {
        IThrowableProxy proxy = event.getThrowableProxy();
        if (!(proxy instanceof ThrowableProxy throwable)) {
            return proxy == null ? "" : proxy.getClassName() + CoreConstants.LINE_SEPARATOR;
        }
        return CoreConstants.LINE_SEPARATOR + printer.printStackTraceToString(throwable.getThrowable());
    }
}
