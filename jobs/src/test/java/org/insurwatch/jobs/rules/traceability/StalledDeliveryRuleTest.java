package org.insurwatch.jobs.rules.traceability;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.schema.DeliveryStatus;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.Evidence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.ChainFixture.T0;

class StalledDeliveryRuleTest {
    private static final Duration WINDOW = Duration.ofHours(72);
    private final ChainEvents chainEvents = new ChainEvents(new Pseudonymiser("a-test-key-of-16+chars".getBytes(StandardCharsets.UTF_8)));
    private final ChainFixture chain = new ChainFixture("1");
    private KeyedOneInputStreamOperatorTestHarness<String, ChainEvent, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new StalledDeliveryRule(WINDOW), e -> e.prescriptionId, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(ChainEvent e) throws Exception {
        harness.processElement(e, e.eventTime);
    }

    private ChainEvent settled(Instant at) {
        return chainEvents.of(chain.settlement(at, Fulfilment.HOME_DELIVERY));
    }

    private ChainEvent delivered(Instant at) {
        return chainEvents.of(chain.logistics("delivered", DeliveryStatus.DELIVERED, at)).orElseThrow();
    }

    private void watermark(Instant at) throws Exception {
        harness.processWatermark(at.toEpochMilli());
    }

    @Test
    void settlementWithoutHandOverIsReportedWhenTheWatermarkReachesItsDeadline() throws Exception {
        send(settled(T0));
        watermark(T0.plus(WINDOW).minusMillis(1));
        assertThat(harness.extractOutputValues()).isEmpty();

        watermark(T0.plus(WINDOW));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("TRACE-STALLED");
            assertThat(alert.getDetectedAt()).isEqualTo(T0.plus(WINDOW));
            assertThat(alert.getEvidence()).extracting(Evidence::getEventId).containsExactly("ev-s-1");
            assertThat(alert.getFundAtRiskFen()).isEqualTo(4000L);
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void handOverWithinTheWindowClosesTheSettlementAndLeavesNoTimerBehindOnceForgotten() throws Exception {
        send(settled(T0));
        send(delivered(T0.plus(WINDOW).minusMillis(1)));
        watermark(T0.plus(WINDOW.multipliedBy(3)));
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void handOverArrivingBeforeItsSettlementStillClosesIt() throws Exception {
        send(delivered(T0.plus(Duration.ofHours(30))));
        send(settled(T0));
        watermark(T0.plus(WINDOW.multipliedBy(3)));
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void handOverAtTheDeadlineOrBeforeTheSettlementClosesNothing() throws Exception {
        send(delivered(T0.minusSeconds(1)));
        send(settled(T0));
        send(delivered(T0.plus(WINDOW)));
        watermark(T0.plus(WINDOW));
        assertThat(harness.extractOutputValues()).extracting(Alert::getRuleId).containsExactly("TRACE-STALLED");
    }

    @Test
    void settlementThatExpectsNoHandOverIsNotWatched() throws Exception {
        ChainEvent settledAtCounter = settled(T0);
        settledAtCounter.handOverExpected = false;
        send(settledAtCounter);
        watermark(T0.plus(WINDOW.multipliedBy(2)));
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void oneHandOverClosesEverySettlementBeforeIt() throws Exception {
        ChainEvent first = settled(T0);
        ChainEvent again = settled(T0);
        again.eventId = "ev-s-1-again";
        again.settlementId = "ST-1-again";
        ChainEvent afterTheHandOver = settled(T0.plus(Duration.ofHours(10)));
        afterTheHandOver.eventId = "ev-s-1-late";
        afterTheHandOver.settlementId = "ST-1-late";
        send(first);
        send(again);
        send(afterTheHandOver);
        send(delivered(T0.plus(Duration.ofHours(5))));
        watermark(T0.plus(WINDOW.multipliedBy(3)));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert ->
                assertThat(alert.getEvidence()).extracting(Evidence::getEventId).containsExactly("ev-s-1-late"));
    }
}
