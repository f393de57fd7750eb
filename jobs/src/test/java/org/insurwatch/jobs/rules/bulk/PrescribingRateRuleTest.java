package org.insurwatch.jobs.rules.bulk;

import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.internal.ReferenceVersions;
import org.insurwatch.schema.alert.Evidence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.ChainFixture.T0;
import static org.insurwatch.jobs.rules.bulk.DoctorRecords.alertsOf;
import static org.insurwatch.jobs.rules.bulk.DoctorRecords.prescription;
import static org.insurwatch.jobs.rules.bulk.DoctorRecords.send;

class PrescribingRateRuleTest {
    private KeyedBroadcastOperatorTestHarness<String, Prescription, ReferenceVersions, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = DoctorRecords.prescribing(DoctorRecords.CONFIG);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** {@code count} prescriptions from {@code start}, 8 to 30 s apart at random, each for another patient, alike in nothing. */
    private static List<Prescription> irregular(int count, Instant start, long seed) {
        Random random = new Random(seed);
        List<Prescription> burst = new ArrayList<>();
        Instant at = start;
        for (int i = 0; i < count; i++) {
            burst.add(prescription(i, at, i, 1 + i % 4));
            at = at.plusSeconds(8 + random.nextInt(23));
        }
        return burst;
    }

    @Test
    void moreThanTwentyInTenMinutesRaiseOneAlertCitingTheWholeBurst() throws Exception {
        List<Prescription> burst = irregular(25, T0, 1);
        for (Prescription p : burst) {
            send(harness, p);
        }
        harness.processWatermark(T0.plus(Duration.ofHours(1)).toEpochMilli());

        assertThat(alertsOf(harness, "BULK-RATE")).singleElement().satisfies(alert -> {
            assertThat(alert.getEvidence()).extracting(Evidence::getEventId)
                    .containsExactlyElementsOf(burst.stream().map(Prescription::getEventId).toList());
            assertThat(alert.getEvidence()).allSatisfy(e -> assertThat(e.getFields()).containsEntry("eventsInBurst", "25"));
            assertThat(alert.getDoctorId()).isEqualTo("D-01");
            assertThat(alert.getInternetHospitalId()).isEqualTo("IH-01");
            assertThat(alert.getCitation()).contains("002 §4(10)");
        });
        assertThat(harness.extractOutputValues()).extracting(Alert::getRuleId).containsOnly("BULK-RATE");
    }

    @Test
    void twentyInTenMinutesIsWhatABusyDoctorMayWrite() throws Exception {
        for (Prescription p : irregular(20, T0, 2)) {
            send(harness, p);
        }
        harness.processWatermark(T0.plus(Duration.ofHours(1)).toEpochMilli());
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void theBurstEndsWithThePrescriptionThatNoLongerKeepsTheCountOverTheLimit() throws Exception {
        List<Prescription> burst = irregular(21, T0, 3);
        burst.forEach(p -> sendQuietly(p));
        Instant afterwards = burst.get(20).getUploadedAt().plus(Duration.ofMinutes(4));
        send(harness, prescription(100, afterwards, 100, 1));
        harness.processWatermark(T0.plus(Duration.ofHours(1)).toEpochMilli());

        assertThat(alertsOf(harness, "BULK-RATE")).singleElement().satisfies(alert -> {
            assertThat(alert.getEvidence()).hasSize(21);
            assertThat(alert.getDetectedAt()).isEqualTo(afterwards);
        });
    }

    @Test
    void aBurstDeliveredOutOfOrderRaisesTheSameAlert() throws Exception {
        List<Prescription> burst = irregular(25, T0, 4);
        burst.forEach(this::sendQuietly);
        harness.processWatermark(T0.plus(Duration.ofHours(1)).toEpochMilli());
        Alert inOrder = alertsOf(harness, "BULK-RATE").get(0);

        harness.close();
        harness = DoctorRecords.prescribing(DoctorRecords.CONFIG);
        List<Prescription> shuffled = new ArrayList<>(burst);
        Collections.shuffle(shuffled, new Random(4));
        shuffled.forEach(this::sendQuietly);
        harness.processWatermark(T0.plus(Duration.ofHours(1)).toEpochMilli());
        assertThat(alertsOf(harness, "BULK-RATE")).containsExactly(inOrder);
    }

    private void sendQuietly(Prescription p) {
        try {
            send(harness, p);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
