package org.insurwatch.jobs.rules.traceability;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.rules.delivery.OutOfRegionCheck;
import org.insurwatch.jobs.rules.identity.DoctorMismatchCheck;
import org.insurwatch.jobs.rules.identity.PatientMismatchCheck;
import org.insurwatch.jobs.rules.prescription.DuplicateDispenseRule;
import org.insurwatch.jobs.rules.prescription.ReviewAfterSettlementCheck;
import org.insurwatch.schema.alert.Alert;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * RULES.md §1 over the chain steps of the four live streams, and the rules judged where two steps of a chain meet
 * (same doctor, same patient, review before payment). TRACE-LATE-UPLOAD needs one prescription and the rule settings
 * in force, so it is judged with the reference data ({@link LateUploadRule}).
 */
public final class TraceabilityChecks {
    /** A prescription is valid for at most 3 days; a quiet chain is remembered a week so late steps still find it. */
    static final Duration MIN_RETENTION = Duration.ofDays(7);
    private static final StepPairCheck IN_ORDER = new OutOfOrderCheck();

    private TraceabilityChecks() {
    }

    public static DataStream<Alert> apply(DataStream<ChainEvent> chain, JobConfig.Traceability config) {
        Duration retention = retention(config);
        KeyedStream<ChainEvent, String> byPrescription = chain
                .filter(e -> e.stage != ChainStage.CONSULTED && e.prescriptionId != null).name("prescription-steps")
                .keyBy(e -> e.prescriptionId, Types.STRING);
        DataStream<Alert> prescriptionChain = byPrescription
                .process(new RequiredPredecessorRule(List.of(
                        new RequiredStep(ChainStage.SETTLED, ChainStage.PRESCRIBED, config.noPrescriptionWindow, TraceabilityRules.NO_PRESCRIPTION,
                                List.of(IN_ORDER, new ReviewAfterSettlementCheck())),
                        new RequiredStep(ChainStage.DISPATCHED, ChainStage.SETTLED, config.noSettlementWindow, TraceabilityRules.NO_SETTLEMENT,
                                List.of(IN_ORDER, new OutOfRegionCheck())),
                        new RequiredStep(ChainStage.PICKED_UP, ChainStage.SETTLED, config.noSettlementWindow, TraceabilityRules.NO_SETTLEMENT,
                                List.of(IN_ORDER, new OutOfRegionCheck()))),
                        retention), new AvroTypeInfo<>(Alert.class))
                .name("prescription-chain").uid("prescription-chain");
        DataStream<Alert> consultationChain = chain
                .filter(e -> (e.stage == ChainStage.CONSULTED || e.stage == ChainStage.PRESCRIBED || e.stage == ChainStage.SETTLED)
                        && e.consultationId != null)
                .name("consultation-steps")
                .keyBy(e -> e.consultationId, Types.STRING)
                .process(new RequiredPredecessorRule(List.of(
                        new RequiredStep(ChainStage.PRESCRIBED, ChainStage.CONSULTED, config.noConsultationWindow, TraceabilityRules.NO_CONSULTATION,
                                List.of(IN_ORDER, new DoctorMismatchCheck())),
                        // a settlement without its consultation is TRACE-NO-CONSULT's or TRACE-NO-RX's to report
                        new RequiredStep(ChainStage.SETTLED, ChainStage.CONSULTED, config.noConsultationWindow, null,
                                List.of(new PatientMismatchCheck()))),
                        retention), new AvroTypeInfo<>(Alert.class))
                .name("consultation-chain").uid("consultation-chain");
        // not "trace-stalled": that uid held the Flink CEP operator this rule was before, whose state cannot be read here
        DataStream<Alert> stalled = byPrescription
                .process(new StalledDeliveryRule(config.stalledDeliveryWindow), new AvroTypeInfo<>(Alert.class))
                .name("trace-stalled").uid("trace-stalled-timers");
        DataStream<Alert> usedTwice = byPrescription
                .process(new DuplicateDispenseRule(retention), new AvroTypeInfo<>(Alert.class))
                .name("rx-duplicate-dispense").uid("rx-duplicate-dispense");
        return prescriptionChain.union(consultationChain, stalled, usedTwice);
    }

    static Duration retention(JobConfig.Traceability config) {
        Duration longest = Stream.of(config.noConsultationWindow, config.noPrescriptionWindow, config.noSettlementWindow)
                .max(Duration::compareTo).orElseThrow();
        Duration twice = longest.multipliedBy(2);
        return twice.compareTo(MIN_RETENTION) > 0 ? twice : MIN_RETENTION;
    }
}
