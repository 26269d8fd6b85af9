package org.caseexchange.gateway.envelope;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The one metric that counts uses of our private keys, by operation; a refused algorithm must never move it. */
final class PrivateKeyOperations {

    static final String METRIC = "gateway.envelope.private.key.operations";

    private PrivateKeyOperations() {}

    /** @param operation {@code sign} or {@code decrypt} */
    static Counter counter(MeterRegistry meters, String operation) {
        return Counter.builder(METRIC)
                .description("Signatures and decryptions with one of our private keys")
                .tag("operation", operation)
                .register(meters);
    }
}
