package org.caseexchange.gateway.exchange;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import org.caseexchange.gateway.rules.Annex;
import org.caseexchange.gateway.rules.AnnexCatalogue;

/** How long the evidence of an exchange is kept: the retention its annex sets, or the default. */
public final class Retention {

    private final AnnexCatalogue annexes;
    private final Period fallback;

    Retention(AnnexCatalogue annexes, Period fallback) {
        this.annexes = annexes;
        this.fallback = fallback;
    }

    public Instant until(String legalBasis, Instant from) {
        Period period = legalBasis == null
                ? fallback
                : annexes.find(legalBasis).map(Annex::retention).orElse(fallback);
        return from.atOffset(ZoneOffset.UTC).plus(period).toInstant();
    }
}
