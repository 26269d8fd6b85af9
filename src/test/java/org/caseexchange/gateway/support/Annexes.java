package org.caseexchange.gateway.support;

import org.caseexchange.gateway.rules.Annex;

/** Annexes as shipped, changed in one condition, for tests that need another one. */
public final class Annexes {

    private Annexes() {}

    /** The annex as it is, with another quota. */
    public static Annex withQuota(Annex annex, Annex.Quota quota) {
        return new Annex(
                annex.id(),
                annex.version(),
                annex.title(),
                annex.sha256(),
                annex.inForce(),
                annex.release(),
                new Annex.Conditions(
                        quota,
                        annex.conditions().retention(),
                        annex.conditions().caveats()),
                annex.clauses());
    }
}
