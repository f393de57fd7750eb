package org.insurwatch.jobs.rules.prescription;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.jobs.rules.traceability.ChainEvent;
import org.insurwatch.jobs.rules.traceability.ChainEvents;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.Evidence;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.ChainFixture.T0;
import static org.insurwatch.jobs.rules.RuleTesting.PSEUDONYMISER;

class DuplicateSettlementRuleTest {
    private final ChainEvents chainEvents = new ChainEvents(PSEUDONYMISER);
    private final ChainFixture chain = new ChainFixture("1");

    private ChainEvent settlement(String id, Duration after) {
        Settlement s = chain.settlement(T0.plus(after), Fulfilment.NONE);
        s.setSettlementId("S-" + id);
        s.setEventId("ev-s-" + id);
        return chainEvents.of(s);
    }

    private static List<Alert> run(ChainEvent... arrivals) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, ChainEvent, Alert> harness = ProcessFunctionTestHarnesses
                .forKeyedProcessFunction(new DuplicateSettlementRule(Duration.ofDays(7)), e -> e.prescriptionId, Types.STRING)) {
            for (ChainEvent e : arrivals) {
                harness.processElement(e, e.eventTime);
            }
            return harness.extractOutputValues();
        }
    }

    @Test
    void oneSettlementOrTheSameOneTwiceIsFine() throws Exception {
        ChainEvent once = settlement("a", Duration.ZERO);
        assertThat(run(once)).isEmpty();
        assertThat(run(once, once)).as("a redelivered record, not a second payment").isEmpty();
    }

    @Test
    void aSecondSettlementIsReportedTheSameWayWhicheverArrivesFirst() throws Exception {
        ChainEvent first = settlement("a", Duration.ZERO);
        ChainEvent second = settlement("b", Duration.ofMinutes(20));
        List<Alert> inOrder = run(first, second);
        assertThat(inOrder).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("RX-DUPLICATE-DISPENSE");
            assertThat(alert.getEvidence()).extracting(Evidence::getEventId).containsExactly("ev-s-a", "ev-s-b");
            assertThat(alert.getFundAtRiskFen()).isEqualTo(4000L);
        });
        assertThat(run(second, first)).isEqualTo(inOrder);
    }
}
