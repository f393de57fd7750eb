package org.insurwatch.jobs.rules.bulk;

import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.internal.ReferenceVersions;
import org.insurwatch.schema.alert.Evidence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.ChainFixture.T0;
import static org.insurwatch.jobs.rules.bulk.DoctorRecords.consultation;
import static org.insurwatch.jobs.rules.bulk.DoctorRecords.send;

class MultiSiteRuleTest {
    private KeyedBroadcastOperatorTestHarness<String, Consultation, ReferenceVersions, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = DoctorRecords.consulting();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void sendAll(List<Consultation> consultations) throws Exception {
        for (Consultation c : consultations) {
            send(harness, c);
        }
        harness.processWatermark(T0.plus(Duration.ofHours(4)).toEpochMilli());
    }

    @Test
    void consultationsOverlappingAtTwoHospitalsRaiseOneAlertCitingAllThatOverlap() throws Exception {
        List<Consultation> cluster = List.of(
                consultation(1, "IH-01", T0, 12),
                consultation(2, "IH-02", T0.plus(Duration.ofMinutes(5)), 12),
                consultation(3, "IH-01", T0.plus(Duration.ofMinutes(15)), 10));
        Consultation later = consultation(4, "IH-02", T0.plus(Duration.ofMinutes(40)), 10);
        sendAll(List.of(cluster.get(0), cluster.get(1), cluster.get(2), later));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("BULK-MULTI-SITE");
            assertThat(alert.getEvidence()).extracting(Evidence::getEventId)
                    .containsExactlyElementsOf(cluster.stream().map(Consultation::getEventId).toList());
            assertThat(alert.getEvidence()).extracting(e -> e.getFields().get("internetHospitalId"))
                    .containsExactly("IH-01", "IH-02", "IH-01");
            // judged once the recording lag has passed after the cluster's last end, before the later consultation
            assertThat(alert.getDetectedAt()).isEqualTo(cluster.get(2).getEndedAt().plus(DoctorRecords.CONFIG.consultationRecordingLag));
        });
    }

    @Test
    void backToBackConsultationsAtTwoHospitalsDoNotOverlap() throws Exception {
        sendAll(List.of(consultation(1, "IH-01", T0, 10),
                consultation(2, "IH-02", T0.plus(Duration.ofMinutes(10)), 10),
                consultation(3, "IH-01", T0.plus(Duration.ofMinutes(20)), 10)));
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void overlappingAtOneHospitalIsNotSeveralSites() throws Exception {
        sendAll(List.of(consultation(1, "IH-01", T0, 15), consultation(2, "IH-01", T0.plus(Duration.ofMinutes(5)), 15)));
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void anOverlapDeliveredOutOfOrderIsJudgedOnceTheRecordingLagHasPassed() throws Exception {
        Consultation first = consultation(1, "IH-01", T0, 12);
        Consultation second = consultation(2, "IH-02", T0.plus(Duration.ofMinutes(5)), 12);
        send(harness, second);
        send(harness, first);
        long end = second.getEndedAt().toEpochMilli();
        harness.processWatermark(end + DoctorRecords.CONFIG.consultationRecordingLag.toMillis() - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(end + DoctorRecords.CONFIG.consultationRecordingLag.toMillis());
        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> assertThat(alert.getEvidence())
                .extracting(Evidence::getEventId).containsExactly(first.getEventId(), second.getEventId()));
    }
}
