package org.insurwatch.jobs.rules.prescription;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.jobs.rules.traceability.ChainEvent;
import org.insurwatch.jobs.rules.traceability.ChainEvents;
import org.insurwatch.schema.DeliveryStatus;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.Evidence;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.ChainFixture.T0;
import static org.insurwatch.jobs.rules.RuleTesting.PSEUDONYMISER;
import static org.insurwatch.schema.DeliveryStatus.DELIVERED;
import static org.insurwatch.schema.DeliveryStatus.DISPATCHED;
import static org.insurwatch.schema.DeliveryStatus.IN_TRANSIT;
import static org.insurwatch.schema.DeliveryStatus.PICKED_UP;

class DuplicateDispenseRuleTest {
    private final ChainEvents chainEvents = new ChainEvents(PSEUDONYMISER);
    private final ChainFixture chain = new ChainFixture("1");

    private List<ChainEvent> settlement(String id, Duration after) {
        Settlement s = chain.settlement(T0.plus(after), Fulfilment.HOME_DELIVERY);
        s.setSettlementId("S-" + id);
        s.setEventId("ev-s-" + id);
        return List.of(chainEvents.of(s));
    }

    /** The chain steps the job reads from the scans of shipment {@code id}, an hour apart from {@code after} on. */
    private List<ChainEvent> shipment(String id, Duration after, DeliveryStatus... scans) {
        List<ChainEvent> steps = new ArrayList<>();
        for (int i = 0; i < scans.length; i++) {
            Logistics l = chain.logistics(id + i, scans[i], T0.plus(after).plus(Duration.ofHours(i)));
            l.setShipmentId("SH-" + id);
            chainEvents.of(l).ifPresent(steps::add);
        }
        return steps;
    }

    @SafeVarargs
    private static List<Alert> run(List<ChainEvent>... arrivals) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, ChainEvent, Alert> harness = ProcessFunctionTestHarnesses
                .forKeyedProcessFunction(new DuplicateDispenseRule(Duration.ofDays(7)), e -> e.prescriptionId, Types.STRING)) {
            for (ChainEvent e : Stream.of(arrivals).flatMap(List::stream).toList()) {
                harness.processElement(e, e.eventTime);
            }
            return harness.extractOutputValues();
        }
    }

    private static List<String> evidence(Alert alert, String field) {
        return alert.getEvidence().stream().map(e -> e.getFields().get(field)).toList();
    }

    @Test
    void oneSettlementOrTheSameOneTwiceIsFine() throws Exception {
        List<ChainEvent> once = settlement("a", Duration.ZERO);
        assertThat(run(once)).isEmpty();
        assertThat(run(once, once)).as("a redelivered record, not a second payment").isEmpty();
    }

    @Test
    void aSecondSettlementIsReportedTheSameWayWhicheverArrivesFirst() throws Exception {
        List<ChainEvent> first = settlement("a", Duration.ZERO);
        List<ChainEvent> second = settlement("b", Duration.ofMinutes(20));
        List<Alert> inOrder = run(first, second);
        assertThat(inOrder).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("RX-DUPLICATE-DISPENSE");
            assertThat(alert.getEvidence()).extracting(Evidence::getEventId).containsExactly("ev-s-a", "ev-s-b");
            assertThat(evidence(alert, "settlementId")).containsExactly("S-a", "S-b");
            assertThat(alert.getFundAtRiskFen()).isEqualTo(4000L);
        });
        assertThat(run(second, first)).isEqualTo(inOrder);
    }

    @Test
    void oneShipmentIsOneDispensingHoweverManyScansItHas() throws Exception {
        List<ChainEvent> redelivered = shipment("a", Duration.ofHours(1), DISPATCHED, IN_TRANSIT, DELIVERED, IN_TRANSIT, DELIVERED);
        assertThat(redelivered).as("in-transit scans are no chain steps").hasSize(3);
        assertThat(run(redelivered)).isEmpty();
        assertThat(run(redelivered, redelivered)).as("every scan redelivered").isEmpty();
        assertThat(run(shipment("a", Duration.ofHours(1), PICKED_UP, PICKED_UP))).isEmpty();
    }

    @Test
    void settledOnceAndShippedOnceIsTheCleanChain() throws Exception {
        List<ChainEvent> paid = settlement("a", Duration.ZERO);
        List<ChainEvent> shipped = shipment("a", Duration.ofHours(1), DISPATCHED, DELIVERED);
        assertThat(run(paid, shipped)).isEmpty();
        assertThat(run(shipped, paid)).isEmpty();
    }

    @Test
    void aSecondShipmentIsReportedWithTheFirstTheSameWayWhicheverArrivesFirst() throws Exception {
        List<ChainEvent> paid = settlement("a", Duration.ZERO);
        List<ChainEvent> first = shipment("a", Duration.ofHours(1), DISPATCHED, DELIVERED);
        List<ChainEvent> again = shipment("b", Duration.ofHours(5), DISPATCHED, IN_TRANSIT, DELIVERED);
        List<Alert> inOrder = run(paid, first, again);
        assertThat(inOrder).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("RX-DUPLICATE-DISPENSE");
            assertThat(alert.getEvidence()).extracting(Evidence::getEventId).containsExactly("ev-l-a0-1", "ev-l-b0-1");
            assertThat(evidence(alert, "stage")).containsExactly("DISPATCHED", "DISPATCHED");
            assertThat(evidence(alert, "shipmentId")).containsExactly("SH-a", "SH-b");
            assertThat(alert.getPrescriptionId()).isEqualTo(chain.prescriptionId());
            assertThat(alert.getPharmacyId()).isEqualTo("PHA-01");
            assertThat(alert.getDetectedAt()).isEqualTo(T0.plus(Duration.ofHours(5)));
        });
        assertThat(run(again, paid, first)).as("the second shipment arriving first").isEqualTo(inOrder);
    }

    @Test
    void aPickUpAndADispatchUnderAnotherShipmentAreTwoDispensings() throws Exception {
        List<ChainEvent> pickedUp = shipment("a", Duration.ofHours(1), PICKED_UP);
        List<ChainEvent> shipped = shipment("b", Duration.ofHours(3), DISPATCHED, DELIVERED);
        assertThat(run(pickedUp, shipped)).singleElement().satisfies(alert ->
                assertThat(evidence(alert, "stage")).containsExactly("PICKED_UP", "DISPATCHED"));
        assertThat(run(shipped, pickedUp)).isEqualTo(run(pickedUp, shipped));
    }

    @Test
    void eachFurtherShipmentIsReportedOnceWithTheEarliest() throws Exception {
        List<ChainEvent> a = shipment("a", Duration.ofHours(1), DISPATCHED);
        List<ChainEvent> b = shipment("b", Duration.ofHours(2), DISPATCHED);
        List<ChainEvent> c = shipment("c", Duration.ofHours(3), DISPATCHED);
        List<Alert> inOrder = run(a, b, c);
        assertThat(inOrder).map(alert -> evidence(alert, "shipmentId"))
                .containsExactly(List.of("SH-a", "SH-b"), List.of("SH-a", "SH-c"));
        assertThat(run(b, a, c)).as("one extra overtaking the earliest").containsExactlyInAnyOrderElementsOf(inOrder);
    }
}
