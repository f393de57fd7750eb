package org.insurwatch.jobs.rules.delivery;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.jobs.rules.traceability.ChainEvent;
import org.insurwatch.jobs.rules.traceability.ChainEvents;
import org.insurwatch.schema.DeliveredDrug;
import org.insurwatch.schema.DeliveryStatus;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.Evidence;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.ChainFixture.T0;
import static org.insurwatch.jobs.rules.RuleTesting.PSEUDONYMISER;
import static org.insurwatch.jobs.rules.RuleTesting.alerts;

class DeliveryRulesTest {

    private static Logistics dispatched(String chain, Instant at, List<String> codes) {
        Logistics l = new ChainFixture(chain).logistics("d", DeliveryStatus.DISPATCHED, at);
        l.setItems(List.of(new DeliveredDrug("XA01", codes.size(), codes)));
        return l;
    }

    @Test
    void aDispensedLineWithoutCodeIsReportedButLaterScansAreNotJudged() throws Exception {
        MissingTraceCodeRule rule = new MissingTraceCodeRule(PSEUDONYMISER);
        assertThat(alerts(rule, dispatched("1", T0, List.of("81000000000000000001")))).isEmpty();
        assertThat(alerts(rule, dispatched("2", T0, List.of()))).singleElement()
                .satisfies(a -> assertThat(a.getEvidence().get(0).getFields()).containsEntry("drugsWithoutCode", "XA01"));
        Logistics delivered = dispatched("3", T0, List.of());
        delivered.setStatus(DeliveryStatus.DELIVERED);
        assertThat(alerts(rule, delivered)).as("the dispatch is where codes are scanned").isEmpty();
    }

    @Test
    void aCodeSoldOnAnotherShipmentIsReportedWithBothDispensingsInEventTimeOrder() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Tuple2<String, Logistics>, Alert> harness =
                     ProcessFunctionTestHarnesses.forKeyedProcessFunction(new TraceCodeReuseRule(Duration.ofDays(1095), PSEUDONYMISER),
                             t -> t.f0, Types.STRING)) {
            String code = "81000000000000000001";
            Logistics later = dispatched("second", T0.plus(Duration.ofDays(40)), List.of(code));
            Logistics earlier = dispatched("first", T0, List.of(code));
            harness.processElement(Tuple2.of(code, later), later.getEventTime().toEpochMilli());
            harness.processElement(Tuple2.of(code, earlier), earlier.getEventTime().toEpochMilli());
            String otherCode = "81000000000000000002";
            Logistics rescanned = dispatched("third", T0, List.of(otherCode));
            harness.processElement(Tuple2.of(otherCode, rescanned), rescanned.getEventTime().toEpochMilli());
            harness.processElement(Tuple2.of(otherCode, rescanned), rescanned.getEventTime().toEpochMilli());

            assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
                assertThat(alert.getRuleId()).isEqualTo("DLV-TRACE-CODE-REUSED");
                assertThat(alert.getEvidence()).extracting(Evidence::getEventId).containsExactly("ev-l-d-first", "ev-l-d-second");
            });
        }
    }

    @Test
    void theReuseAlertIsTheSameWhicheverSaleArrivesFirst() throws Exception {
        String code = "81000000000000000003";
        Logistics earlier = dispatched("first", T0, List.of(code));
        Logistics later = dispatched("second", T0.plus(Duration.ofDays(40)), List.of(code));
        later.setPharmacyId("PHA-99");
        assertThat(reuseAlerts(code, earlier, later)).isEqualTo(reuseAlerts(code, later, earlier)).singleElement()
                .satisfies(alert -> assertThat(alert.getPharmacyId()).as("the later sale's pharmacy").isEqualTo("PHA-99"));
    }

    private static List<Alert> reuseAlerts(String code, Logistics... arrivals) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Tuple2<String, Logistics>, Alert> harness =
                     ProcessFunctionTestHarnesses.forKeyedProcessFunction(new TraceCodeReuseRule(Duration.ofDays(1095), PSEUDONYMISER),
                             t -> t.f0, Types.STRING)) {
            for (Logistics l : arrivals) {
                harness.processElement(Tuple2.of(code, l), l.getEventTime().toEpochMilli());
            }
            return harness.extractOutputValues();
        }
    }

    @Test
    void aDispatchOutsideTheSettlementsPoolingRegionIsReported() {
        ChainEvents chainEvents = new ChainEvents(PSEUDONYMISER);
        ChainFixture chain = new ChainFixture("1");
        ChainEvent settled = chainEvents.of(chain.settlement(T0, Fulfilment.HOME_DELIVERY));
        Logistics home = chain.logistics("d", DeliveryStatus.DISPATCHED, T0.plusSeconds(3600));
        Logistics away = chain.logistics("d", DeliveryStatus.DISPATCHED, T0.plusSeconds(3600));
        away.setDestinationRegion("140105");
        List<Alert> alerts = new ArrayList<>();
        new OutOfRegionCheck().check(settled, chainEvents.of(home).orElseThrow(), new ListCollector<>(alerts));
        assertThat(alerts).isEmpty();
        new OutOfRegionCheck().check(settled, chainEvents.of(away).orElseThrow(), new ListCollector<>(alerts));
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.getRuleId()).isEqualTo("DLV-OUT-OF-REGION"));
    }
}
