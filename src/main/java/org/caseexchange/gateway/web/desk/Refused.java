package org.caseexchange.gateway.web.desk;

/** A step the console refuses, with a reason that may be shown to the user as it stands. */
public final class Refused extends RuntimeException {

    public Refused(String reason) {
        super(reason);
    }
}
