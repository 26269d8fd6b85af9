package org.caseexchange.gateway.exchange;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Objects;
import org.caseexchange.gateway.database.Timestamps;
import org.caseexchange.gateway.protocol.xml.WireCaveat;
import org.caseexchange.gateway.rules.AnnexCatalogue;

/**
 * How long the evidence of an exchange is kept: the retention its annex sets, or the default; and how
 * long what a partner gave us is kept: no longer than that, nor than any date its caveats set.
 */
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
                : annexes.find(legalBasis)
                        .map(annex -> annex.conditions().retention())
                        .orElse(fallback);
        return Timestamps.utc(from).plus(period).toInstant();
    }

    /** The end of what the partner sent us: the annex's retention, cut short by any caveat's retainUntil. */
    public Instant untilReceived(String legalBasis, Instant receivedAt, List<WireCaveat> caveats) {
        Instant annex = until(legalBasis, receivedAt);
        return caveats.stream()
                .map(WireCaveat::getRetainUntil)
                .filter(Objects::nonNull)
                .map(day -> day.toGregorianCalendar().toInstant())
                .filter(day -> day.isBefore(annex))
                .min(Instant::compareTo)
                .orElse(annex);
    }
}
