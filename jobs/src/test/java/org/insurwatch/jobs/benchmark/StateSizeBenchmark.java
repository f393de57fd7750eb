package org.insurwatch.jobs.benchmark;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.types.Either;
import org.insurwatch.jobs.reference.ReferenceState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.rules.InEventTimeOrder;
import org.insurwatch.jobs.rules.RuleTesting;
import org.insurwatch.jobs.rules.delivery.TraceCodeReuseRule;
import org.insurwatch.jobs.rules.followup.DiagnosisChangedRule;
import org.insurwatch.jobs.rules.followup.FirstVisitRule;
import org.insurwatch.jobs.rules.followup.FollowUpEligibility;
import org.insurwatch.jobs.rules.followup.WindowExpiredRule;
import org.insurwatch.jobs.rules.prescription.EarlyRefillRule;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.DeliveryStatus;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.internal.ReferenceVersions;
import org.insurwatch.schema.reference.OfflineVisit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.insurwatch.jobs.ChainFixture.T0;

/**
 * The keyed state the long-lived rules keep, measured: each operator is fed a sample of keys through its own
 * test harness, snapshotted as a checkpoint would, and the snapshot's size divided by the keys, then scaled to a
 * million. A figure, not a test: run it with
 * {@code mvn -pl jobs test -Dtest=StateSizeBenchmark -Dsurefire.excludedGroups=none}.
 */
@Tag("benchmark")
class StateSizeBenchmark {
    // the harness snapshots to memory, which holds 5 MB at most
    private static final int KEYS = 5_000;

    @Test
    void keyedStatePerMillionEntries() throws Exception {
        report("traceability codes (DLV-TRACE-CODE-REUSED, one per dispensed pack)", "codes", traceCodes());
        report("insured persons with 4 offline visits in the last year (FU-*)", "insured persons", offlineVisits(4));
        report("insured persons holding a supply of 2 drugs (RX-EARLY-REFILL)", "insured persons", supplies(2));
    }

    private static void report(String what, String unit, long bytes) {
        double perEntry = bytes / (double) KEYS;
        System.out.printf("%-75s %6.0f bytes per %s, %,8.1f MB per million%n", what, perEntry, unit.replaceAll("s$", ""),
                perEntry * 1_000_000 / 1e6);
    }

    private static long traceCodes() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Tuple2<String, Logistics>, Alert> harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(new TraceCodeReuseRule(Duration.ofDays(1095), RuleTesting.PSEUDONYMISER),
                        t -> t.f0, Types.STRING);
        for (int i = 0; i < KEYS; i++) {
            ChainFixture chain = new ChainFixture(Integer.toString(i));
            Logistics dispatch = chain.logistics("d", DeliveryStatus.DISPATCHED, T0.plusSeconds(i));
            harness.processElement(Tuple2.of(String.format("8%019d", 81_234_567_890_123L + i), dispatch), dispatch.getEventTime().toEpochMilli());
        }
        return sizeOf(harness);
    }

    private static long offlineVisits(int perPerson) throws Exception {
        JobConfig.FollowUp config = new JobConfig.FollowUp();
        KeyedBroadcastOperatorTestHarness<String, Either<Consultation, OfflineVisit>, ReferenceVersions, Alert> harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new FollowUpEligibility(config, List.of(
                                new FirstVisitRule(RuleTesting.PSEUDONYMISER), new DiagnosisChangedRule(RuleTesting.PSEUDONYMISER),
                                new WindowExpiredRule(config, RuleTesting.PSEUDONYMISER)), RuleTesting.SETTINGS),
                        r -> r.isLeft() ? r.left().getInsuredPersonId() : r.right().getInsuredPersonId(), Types.STRING, ReferenceState.DESCRIPTOR);
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        for (int i = 0; i < KEYS; i++) {
            for (int v = 0; v < perPerson; v++) {
                OfflineVisit visit = ChainFixture.offlineVisit(String.format("OV%012d-%d", i, v), T0.minus(Duration.ofDays(90L * v + 1)));
                visit.setInsuredPersonId(String.format("IP%016d", i));
                harness.processElement(Either.Right(visit), Long.MIN_VALUE);
            }
        }
        harness.processWatermark(T0.toEpochMilli());
        return sizeOf(harness);
    }

    private static long supplies(int drugs) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, Prescription, ReferenceVersions, Alert> harness = RuleTesting.inEventTimeOrder(
                new InEventTimeOrder<>(LiveStream.PRESCRIPTION, Prescription::getEventId,
                        List.of(new EarlyRefillRule(RuleTesting.PSEUDONYMISER)), RuleTesting.SETTINGS),
                Prescription::getInsuredPersonId);
        for (int i = 0; i < KEYS; i++) {
            Prescription p = new ChainFixture(Integer.toString(i)).prescription(T0, T0.plusSeconds(30));
            p.setInsuredPersonId(String.format("IP%016d", i));
            List<org.insurwatch.schema.PrescriptionLine> lines = new java.util.ArrayList<>();
            for (int d = 0; d < drugs; d++) {
                lines.add(new org.insurwatch.schema.PrescriptionLine(String.format("XA%08d", d), "", 2, "盒", 28));
            }
            p.setLines(lines);
            harness.processElement(p, p.getUploadedAt().toEpochMilli());
        }
        harness.processWatermark(T0.plus(Duration.ofMinutes(1)).toEpochMilli());
        return sizeOf(harness);
    }

    /** The size of the operator's keyed state and timers as a checkpoint writes them. */
    private static long sizeOf(AbstractStreamOperatorTestHarness<Alert> harness) throws Exception {
        OperatorSubtaskState snapshot = harness.snapshot(1, Instant.now().toEpochMilli());
        long bytes = snapshot.getStateSize();
        harness.close();
        return bytes;
    }
}
