package org.caseexchange.gateway.exchange;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The exchange flows' settings under {@code gateway.exchange}.
 *
 * @param consumers concurrent consumers per partner queue
 * @param maxProcessingFaults faults (not outages) after which a message is dead-lettered
 * @param defaultRetention how long evidence is kept when no annex says
 * @param outboxInterval how often answers committed outside a consume (reviews) are sent
 * @param answerWithin how long the partner has to answer one of our queries before the query is flagged
 *     to the officer as overdue
 * @param refusedEvidencePerDay how many bytes of one partner's refused messages are kept whole as
 *     evidence per day (UTC); past it, a refused message is recorded by its digest and size only
 */
@Validated
@ConfigurationProperties("gateway.exchange")
public record ExchangeProperties(
        @Min(1) @Max(64) int consumers,
        @Min(1) @Max(100) int maxProcessingFaults,
        @NotNull Period defaultRetention,
        @NotNull Duration outboxInterval,
        @NotNull Duration answerWithin,
        @NotNull DataSize refusedEvidencePerDay) {}
