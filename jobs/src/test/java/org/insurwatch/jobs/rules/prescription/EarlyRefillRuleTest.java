package org.insurwatch.jobs.rules.prescription;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.rules.InEventTimeOrder;
import org.insurwatch.jobs.rules.RuleTesting;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.PrescriptionLine;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.internal.ReferenceVersions;
import org.insurwatch.schema.alert.Evidence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.ChainFixture.T0;

class EarlyRefillRuleTest {
    private KeyedBroadcastOperatorTestHarness<String, Prescription, ReferenceVersions, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = RuleTesting.inEventTimeOrder(new InEventTimeOrder<>(LiveStream.PRESCRIPTION,
                        Prescription::getEventId, List.of(new EarlyRefillRule(RuleTesting.PSEUDONYMISER)), RuleTesting.SETTINGS),
                Prescription::getInsuredPersonId);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** A 28-day supply of XA01 (and of {@code also}, if given) signed at {@code signedAt}. */
    private static Prescription supply(String id, Instant signedAt, String... also) {
        Prescription p = new ChainFixture(id).prescription(signedAt, signedAt.plusSeconds(30));
        List<PrescriptionLine> lines = new java.util.ArrayList<>(p.getLines());
        for (String drug : also) {
            lines.add(new PrescriptionLine(drug, "", 1, "盒", 28));
        }
        return Prescription.newBuilder(p).setLines(lines).build();
    }

    private List<Alert> judge(Prescription... prescriptions) throws Exception {
        for (Prescription p : prescriptions) {
            harness.processElement(p, p.getUploadedAt().toEpochMilli());
        }
        harness.processWatermark(T0.plus(Duration.ofDays(120)).toEpochMilli());
        return harness.extractOutputValues();
    }

    @Test
    void theSameDrugAgainBeforeHalfTheSupplyIsUsedIsAnEarlyRefill() throws Exception {
        Prescription first = supply("1", T0);
        Prescription again = supply("2", T0.plus(Duration.ofDays(10)));
        assertThat(judge(first, again)).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("RX-EARLY-REFILL");
            assertThat(alert.getEvidence()).extracting(Evidence::getEventId).containsExactly(first.getEventId(), again.getEventId());
            assertThat(alert.getEvidence().get(1).getFields()).containsEntry("previousSupplyUsed", "36%")
                    .containsEntry("drugsRefilledEarly", "XA01");
            assertThat(alert.getPrescriptionId()).isEqualTo(again.getPrescriptionId());
        });
    }

    @Test
    void aRefillOnceHalfTheSupplyIsUsedIsOnTime() throws Exception {
        assertThat(judge(supply("1", T0), supply("2", T0.plus(Duration.ofDays(14))))).isEmpty();
    }

    @Test
    void aRefillJustBeforeHalfTheSupplyIsUsedIsEarly() throws Exception {
        assertThat(judge(supply("1", T0), supply("2", T0.plus(Duration.ofDays(14)).minusSeconds(1))))
                .extracting(Alert::getRuleId).containsExactly("RX-EARLY-REFILL");
    }

    @Test
    void anotherDrugIsNoRefill() throws Exception {
        Prescription other = Prescription.newBuilder(supply("2", T0.plus(Duration.ofDays(3))))
                .setLines(List.of(new PrescriptionLine("XB02", "", 1, "盒", 28))).build();
        assertThat(judge(supply("1", T0), other)).isEmpty();
    }

    @Test
    void severalDrugsRefilledEarlyFromOnePrescriptionRaiseOneAlertNamingThemAll() throws Exception {
        assertThat(judge(supply("1", T0, "XC03"), supply("2", T0.plus(Duration.ofDays(5)), "XC03"))).singleElement()
                .satisfies(alert -> assertThat(alert.getEvidence().get(1).getFields()).containsEntry("drugsRefilledEarly", "XA01,XC03"));
    }

    @Test
    void theSamePrescriptionSentTwiceIsNotARefillOfItself() throws Exception {
        Prescription p = supply("1", T0);
        assertThat(judge(p, p)).isEmpty();
    }

    @Test
    void aRefillArrivingBeforeTheEarlierPrescriptionIsStillJudgedInEventTimeOrder() throws Exception {
        Prescription first = supply("1", T0);
        Prescription again = supply("2", T0.plus(Duration.ofMinutes(20)));
        assertThat(judge(again, first)).singleElement().satisfies(alert -> assertThat(alert.getEvidence())
                .extracting(Evidence::getEventId).containsExactly(first.getEventId(), again.getEventId()));
    }
}
