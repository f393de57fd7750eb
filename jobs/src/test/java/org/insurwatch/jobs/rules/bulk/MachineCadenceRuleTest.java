package org.insurwatch.jobs.rules.bulk;

import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.insurwatch.jobs.rules.RuleTesting;
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

class MachineCadenceRuleTest {
    private static final Instant END = T0.plus(Duration.ofHours(6));
    private KeyedBroadcastOperatorTestHarness<String, Prescription, ReferenceVersions, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = DoctorRecords.prescribing(DoctorRecords.CONFIG);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void sendAll(List<Prescription> prescriptions) throws Exception {
        for (Prescription p : prescriptions) {
            send(harness, p);
        }
        harness.processWatermark(END.toEpochMilli());
    }

    /** Prescriptions for different patients, of varied content, at the given gaps in seconds. */
    private static List<Prescription> paced(long... gaps) {
        List<Prescription> run = new ArrayList<>();
        Instant at = T0;
        run.add(prescription(0, at, 0, 1));
        for (int i = 0; i < gaps.length; i++) {
            at = at.plusSeconds(gaps[i]);
            run.add(prescription(i + 1, at, i + 1, 1 + (i + 1) % 4));
        }
        return run;
    }

    @Test
    void prescriptionsAtAMachinesPaceRaiseOneAlertForTheWholeRun() throws Exception {
        long[] gaps = new long[13];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = 180 + (i % 2 == 0 ? 3 : -3);
        }
        List<Prescription> run = paced(gaps);
        sendAll(run);

        assertThat(alertsOf(harness, "BULK-MACHINE-CADENCE")).singleElement().satisfies(alert -> {
            assertThat(alert.getEvidence()).extracting(Evidence::getEventId)
                    .containsExactlyElementsOf(run.stream().map(Prescription::getEventId).toList());
            assertThat(alert.getEvidence()).allSatisfy(e -> assertThat(e.getFields()).containsEntry("eventsInBurst", "14"));
        });
        assertThat(harness.extractOutputValues()).extracting(Alert::getRuleId).containsOnly("BULK-MACHINE-CADENCE");
    }

    @Test
    void tenPrescriptionsFromOneTemplateForTenPatientsAreMachineWrittenWhateverTheirPace() throws Exception {
        List<Prescription> run = new ArrayList<>();
        Instant at = T0;
        for (int i = 0; i < 10; i++) {
            run.add(prescription(i, at, i, 2));
            at = at.plusSeconds(60 + 97L * (i % 5));
        }
        sendAll(run);
        assertThat(alertsOf(harness, "BULK-MACHINE-CADENCE")).singleElement()
                .satisfies(alert -> assertThat(alert.getEvidence()).hasSize(10));
    }

    @Test
    void aHumanPaceWithVariedPrescriptionsRaisesNothing() throws Exception {
        sendAll(paced(240, 410, 300, 620, 180, 350, 505, 270, 440, 330, 290));
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void anEvenPaceJustAboveTheVariationLimitRaisesNothing() throws Exception {
        // gaps alternating 160 s and 240 s: coefficient of variation 0.2
        List<Prescription> run = paced(160, 240, 160, 240, 160, 240, 160, 240, 160);
        assertThat(MachineCadenceRule.intervalVariation(run.stream().map(p -> BulkEvidence.of(p, RuleTesting.PSEUDONYMISER)).toList()))
                .isBetween(0.1, 0.3);
        sendAll(run);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aRunWithAPatientTwiceIsNotAcrossDifferentPatients() throws Exception {
        List<Prescription> run = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            run.add(prescription(i, T0.plusSeconds(180L * i), i == 9 ? 0 : i, 2));
        }
        sendAll(run);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aRunDeliveredOutOfOrderRaisesTheSameAlert() throws Exception {
        List<Prescription> run = paced(90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 90);
        sendAll(run);
        Alert inOrder = alertsOf(harness, "BULK-MACHINE-CADENCE").get(0);

        harness.close();
        harness = DoctorRecords.prescribing(DoctorRecords.CONFIG);
        List<Prescription> shuffled = new ArrayList<>(run);
        Collections.shuffle(shuffled, new Random(7));
        sendAll(shuffled);
        assertThat(alertsOf(harness, "BULK-MACHINE-CADENCE")).containsExactly(inOrder);
    }
}
