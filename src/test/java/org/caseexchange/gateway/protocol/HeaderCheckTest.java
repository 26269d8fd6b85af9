package org.caseexchange.gateway.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The signed header must name who signed, name us, belong on its queue and be fresh. */
class HeaderCheckTest {

    private static final Instant CREATED = Instant.parse("2026-11-23T09:15:00Z");
    private static final DecodedMessage QUERY = ProtocolCodecTest.CODEC.decode(
            ProtocolCodecTest.example("case-query.xml").getBytes(UTF_8));
    private static final HeaderCheck CANADA =
            new HeaderCheck("CAN-IRCC", new ProtocolProperties.Freshness(Duration.ofHours(24), Duration.ofMinutes(5)));

    @Test
    void acceptsAQueryFromItsSignerToUsOnTheRequestsQueue() {
        assertThatCode(() -> CANADA.checkIdentity(QUERY, InboundChannel.REQUESTS, "USA-USCIS"))
                .doesNotThrowAnyException();
        assertThatCode(() -> CANADA.checkFreshness(QUERY, CREATED.plusSeconds(2)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAHeaderThatNamesAnotherSenderThanTheSigner() {
        assertThat(refusal(() -> CANADA.checkIdentity(QUERY, InboundChannel.REQUESTS, "MEX-INM"))
                        .reason())
                .isEqualTo(ReasonCode.SENDER_MISMATCH);
    }

    @Test
    void refusesAMessageAddressedToAnotherAgency() {
        HeaderCheck britain = new HeaderCheck(
                "GBR-HO", new ProtocolProperties.Freshness(Duration.ofHours(24), Duration.ofMinutes(5)));

        assertThat(refusal(() -> britain.checkIdentity(QUERY, InboundChannel.REQUESTS, "USA-USCIS"))
                        .reason())
                .isEqualTo(ReasonCode.RECIPIENT_MISMATCH);
    }

    @Test
    void refusesAQueryOnTheAnswersQueue() {
        ProtocolException refused = refusal(() -> CANADA.checkIdentity(QUERY, InboundChannel.ANSWERS, "USA-USCIS"));

        assertThat(refused.reason()).isEqualTo(ReasonCode.MESSAGE_KIND_NOT_ACCEPTED);
        assertThat(refused.detail()).isEqualTo("a caseQuery is not accepted on the answers queue");
    }

    @Test
    void theFreshnessWindowIncludesItsEdgesAndNothingBeyond() {
        assertThatCode(() -> CANADA.checkFreshness(QUERY, CREATED.plus(Duration.ofHours(24))))
                .doesNotThrowAnyException();
        assertThatCode(() -> CANADA.checkFreshness(QUERY, CREATED.minus(Duration.ofMinutes(5))))
                .doesNotThrowAnyException();

        ProtocolException stale = refusal(() ->
                CANADA.checkFreshness(QUERY, CREATED.plus(Duration.ofHours(24)).plusSeconds(1)));
        ProtocolException future = refusal(() -> CANADA.checkFreshness(
                QUERY, CREATED.minus(Duration.ofMinutes(5)).minusSeconds(1)));

        assertThat(stale.reason()).isEqualTo(ReasonCode.STALE_MESSAGE);
        assertThat(stale.detail()).isEqualTo("createdAt is more than 24 hours before the message was received");
        assertThat(stale.referencedMessageId()).contains("3f1c2a7e-5b8d-4c61-9e0a-2d7f4b9c8e11");
        assertThat(future.reason()).isEqualTo(ReasonCode.FUTURE_MESSAGE);
        assertThat(future.detail()).isEqualTo("createdAt is more than 5 minutes after the message was received");
    }

    @Test
    void refusesASigningTimeOutsideTheWindowEvenWhenTheHeaderIsFresh() {
        Instant received = CREATED.plusSeconds(2);
        assertThatCode(() -> CANADA.checkFreshness(QUERY, CREATED, received)).doesNotThrowAnyException();

        ProtocolException future =
                refusal(() -> CANADA.checkFreshness(QUERY, Instant.parse("2099-01-01T00:00:00Z"), received));
        ProtocolException stale =
                refusal(() -> CANADA.checkFreshness(QUERY, CREATED.minus(Duration.ofDays(2)), received));

        assertThat(future.reason()).isEqualTo(ReasonCode.FUTURE_MESSAGE);
        assertThat(future.detail()).isEqualTo("the signing time is more than 5 minutes after the message was received");
        assertThat(stale.reason()).isEqualTo(ReasonCode.STALE_MESSAGE);
        assertThat(stale.detail()).isEqualTo("the signing time is more than 24 hours before the message was received");
    }

    @Test
    void durationsAreSpokenInTheirLargestWholeUnit() {
        assertThat(HeaderCheck.spoken(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(HeaderCheck.spoken(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(HeaderCheck.spoken(Duration.ofSeconds(45))).isEqualTo("45 seconds");
    }

    private static ProtocolException refusal(ThrowingCallable check) {
        ProtocolException refused = catchThrowableOfType(check, ProtocolException.class);
        assertThat(refused).as("refused").isNotNull();
        return refused;
    }
}
