package org.insurwatch.jobs.rules.traceability;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.Evidence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.ChainFixture.T0;

class RequiredPredecessorRuleTest {
    private static final Duration WINDOW = Duration.ofHours(24);
    private final ChainEvents chainEvents = new ChainEvents(new Pseudonymiser("a-test-key-of-16+chars".getBytes(StandardCharsets.UTF_8)));
    private KeyedOneInputStreamOperatorTestHarness<String, ChainEvent, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        RequiredPredecessorRule rule = new RequiredPredecessorRule(List.of(
                new RequiredStep(ChainStage.SETTLED, ChainStage.PRESCRIBED, WINDOW, TraceabilityRules.NO_PRESCRIPTION,
                        List.of(new OutOfOrderCheck()))),
                Duration.ofDays(7));
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(rule, e -> e.prescriptionId, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(ChainEvent e) throws Exception {
        harness.processElement(e, e.eventTime);
    }

    @Test
    void settlementWithoutPrescriptionIsReportedOnceTheWindowHasPassed() throws Exception {
        ChainFixture chain = new ChainFixture("1");
        ChainEvent settled = chainEvents.of(chain.settlement(T0, Fulfilment.HOME_DELIVERY));
        send(settled);

        harness.processWatermark(T0.plus(WINDOW).toEpochMilli() - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(T0.plus(WINDOW).toEpochMilli());
        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("TRACE-NO-RX");
            assertThat(alert.getEvidence()).extracting(Evidence::getEventId).containsExactly("ev-s-1");
            assertThat(alert.getDetectedAt()).isEqualTo(T0.plus(WINDOW));
            assertThat(alert.getFundAtRiskFen()).isEqualTo(4000L);
            assertThat(alert.getPrescriptionId()).isEqualTo("RX-1");
        });
    }

    @Test
    void prescriptionThenSettlementRaisesNothing() throws Exception {
        ChainFixture chain = new ChainFixture("2");
        send(chainEvents.of(chain.prescription(T0, T0.plusSeconds(20))));
        send(chainEvents.of(chain.settlement(T0.plusSeconds(600), Fulfilment.HOME_DELIVERY)));
        harness.processWatermark(T0.plus(Duration.ofDays(30)).toEpochMilli());
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void prescriptionArrivingAfterItsSettlementStillCompletesTheChain() throws Exception {
        ChainFixture chain = new ChainFixture("3");
        send(chainEvents.of(chain.settlement(T0.plusSeconds(600), Fulfilment.HOME_DELIVERY)));
        harness.processWatermark(T0.plus(Duration.ofHours(2)).toEpochMilli());
        send(chainEvents.of(chain.prescription(T0, T0.plusSeconds(20))));
        harness.processWatermark(T0.plus(Duration.ofDays(30)).toEpochMilli());
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void paymentBeforeSigningIsOutOfOrderWhicheverArrivesFirst() throws Exception {
        ChainFixture chain = new ChainFixture("4");
        Instant signedAt = T0.plus(Duration.ofMinutes(30));
        send(chainEvents.of(chain.settlement(T0, Fulfilment.HOME_DELIVERY)));
        send(chainEvents.of(chain.prescription(signedAt, signedAt.plusSeconds(20))));
        harness.processWatermark(T0.plus(Duration.ofDays(30)).toEpochMilli());
        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("TRACE-ORDER");
            assertThat(alert.getEvidence()).extracting(Evidence::getEventId).containsExactlyInAnyOrder("ev-p-4", "ev-s-4");
        });
    }

    @Test
    void quietChainIsForgottenAfterRetention() throws Exception {
        ChainFixture chain = new ChainFixture("5");
        send(chainEvents.of(chain.prescription(T0, T0.plusSeconds(20))));
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processWatermark(T0.plus(Duration.ofDays(8)).toEpochMilli());
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void sameRuleAndEvidenceGiveTheSameAlertId() {
        ChainFixture chain = new ChainFixture("6");
        ChainEvent settled = chainEvents.of(chain.settlement(T0, Fulfilment.HOME_DELIVERY));
        Alert first = ChainAlerts.alert(TraceabilityRules.NO_PRESCRIPTION, 1L, settled);
        Alert again = ChainAlerts.alert(TraceabilityRules.NO_PRESCRIPTION, 1L, settled);
        Alert otherRule = ChainAlerts.alert(TraceabilityRules.STALLED, 1L, settled);
        assertThat(again.getAlertId()).isEqualTo(first.getAlertId());
        assertThat(otherRule.getAlertId()).isNotEqualTo(first.getAlertId());
    }
}
