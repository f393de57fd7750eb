package org.insurwatch.jobs.rules.bulk;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.rules.InEventTimeOrder;
import org.insurwatch.jobs.rules.RuleTesting;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.PrescriptionLine;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.internal.ReferenceVersions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One doctor's prescriptions and consultations as a test writes them, and the harnesses that judge them. */
final class DoctorRecords {
    static final JobConfig.BulkPrescribing CONFIG = new JobConfig.BulkPrescribing();

    private DoctorRecords() {
    }

    /** Prescription {@code n} of doctor D-01, uploaded at {@code at}, for patient {@code patient}, of {@code boxes} boxes. */
    static Prescription prescription(int n, Instant at, int patient, int boxes) {
        Prescription p = new ChainFixture("b" + n).prescription(at.minusSeconds(30), at);
        return Prescription.newBuilder(p).setInsuredPersonId("IP-" + patient)
                .setLines(List.of(new PrescriptionLine("XA01", "氨氯地平片", boxes, "盒", 28))).build();
    }

    /** Consultation {@code n} of doctor D-01 at {@code hospital} from {@code start} for {@code minutes}. */
    static Consultation consultation(int n, String hospital, Instant start, long minutes) {
        Consultation c = new ChainFixture("m" + n).consultation(start);
        return Consultation.newBuilder(c).setInternetHospitalId(hospital).setEventTime(start.plusSeconds(10))
                .setEndedAt(start.plus(Duration.ofMinutes(minutes))).build();
    }

    static KeyedBroadcastOperatorTestHarness<String, Prescription, ReferenceVersions, Alert> prescribing(JobConfig.BulkPrescribing config)
            throws Exception {
        return RuleTesting.inEventTimeOrder(new InEventTimeOrder<>(LiveStream.PRESCRIPTION,
                        Prescription::getEventId, List.of(new PrescribingRateRule(config, RuleTesting.PSEUDONYMISER),
                        new MachineCadenceRule(config, RuleTesting.PSEUDONYMISER)), RuleTesting.SETTINGS),
                Prescription::getDoctorId);
    }

    static KeyedBroadcastOperatorTestHarness<String, Consultation, ReferenceVersions, Alert> consulting() throws Exception {
        return RuleTesting.inEventTimeOrder(new InEventTimeOrder<>(LiveStream.CONSULTATION,
                        Consultation::getEventId, List.of(new MultiSiteRule(CONFIG, RuleTesting.PSEUDONYMISER)), RuleTesting.SETTINGS),
                Consultation::getDoctorId);
    }

    static void send(KeyedBroadcastOperatorTestHarness<String, Prescription, ReferenceVersions, Alert> harness, Prescription p) throws Exception {
        harness.processElement(p, p.getUploadedAt().toEpochMilli());
    }

    static void send(KeyedBroadcastOperatorTestHarness<String, Consultation, ReferenceVersions, Alert> harness, Consultation c) throws Exception {
        harness.processElement(c, c.getEventTime().toEpochMilli());
    }

    static List<Alert> alertsOf(KeyedBroadcastOperatorTestHarness<String, ?, ReferenceVersions, Alert> harness, String ruleId) {
        return harness.extractOutputValues().stream().filter(a -> a.getRuleId().equals(ruleId)).toList();
    }
}
