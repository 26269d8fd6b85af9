package org.caseexchange.gateway.rules;

/**
 * The use conditions a release can carry: the protocol's CaveatCode values, each with the handling it
 * asks of whoever holds the data, as views and exports state it beside the data.
 */
public enum CaveatCode {
    PURPOSE_LIMITATION("Use only for the purpose the information was given for."),
    NO_ONWARD_DISCLOSURE("No disclosure to a third party without the prior written consent of the originator."),
    RETENTION_LIMIT("Destroy by the date given; the gateway destroys its copy then."),
    HUMAN_RIGHTS("Must not be used in a way that leads to mistreatment of the person.");

    private final String handling;

    CaveatCode(String handling) {
        this.handling = handling;
    }

    public String handling() {
        return handling;
    }
}
