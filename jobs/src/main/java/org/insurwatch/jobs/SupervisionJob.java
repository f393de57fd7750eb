package org.insurwatch.jobs;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.insurwatch.jobs.ingest.Ingestion;
import org.insurwatch.jobs.ingest.KafkaStreamSources;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.ingest.StreamSources;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.reference.ReferenceData;
import org.insurwatch.jobs.reference.ReferenceRules;
import org.insurwatch.jobs.rules.EventChecks;
import org.insurwatch.jobs.rules.bulk.BulkPrescribingRules;
import org.insurwatch.jobs.rules.delivery.TraceCodes;
import org.insurwatch.jobs.rules.followup.FollowUpRules;
import org.insurwatch.jobs.rules.identity.DoctorRegistrationRule;
import org.insurwatch.jobs.rules.prescription.EarlyRefillRule;
import org.insurwatch.jobs.rules.prescription.LongSupplyRule;
import org.insurwatch.jobs.rules.price.PriceSupervision;
import org.insurwatch.jobs.rules.settings.RuleSwitch;
import org.insurwatch.jobs.rules.settings.SettingsSelection;
import org.insurwatch.jobs.rules.settlement.AgreementRule;
import org.insurwatch.jobs.rules.settlement.ConsultationFeeCapRule;
import org.insurwatch.jobs.rules.settlement.InsuredPersonSuspendedRule;
import org.insurwatch.jobs.rules.settlement.NotCoveredDrugRule;
import org.insurwatch.jobs.rules.traceability.ChainEvent;
import org.insurwatch.jobs.rules.traceability.ChainEvents;
import org.insurwatch.jobs.rules.traceability.LateUploadRule;
import org.insurwatch.jobs.rules.traceability.TraceabilityChecks;
import org.insurwatch.jobs.summaries.Summaries;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.alert.Alert;

import java.util.List;


/**
 * The supervision job. It is given its sources and sinks, so the same topology runs live on Kafka, over a
 * bounded range in replay, and on fixed records in tests:
 *
 * <pre>
 * consultation ─┐                                 ┌→ single-event rules ────────────────────┐
 * prescription ─┤ decode+validate → late filter ──┼→ reference rules ← registries, settings  │
 * settlement   ─┤        │                        ├→ per doctor: bulk prescribing           ├→ rule switch → alert sinks
 * logistics    ─┘        │                        ├→ per insured person: follow-up ← visits │       ↑ rule settings
 *                        │                        └→ chain steps ─┬→ traceability rules ────┘
 *                        └→ dead letters → dead-letter sink       ├→ chain health per minute → summary sink
 *                                                                 └→ doctor activity per hour → summary sink
 * </pre>
 */
public final class SupervisionJob {
    private final JobConfig config;
    private final StreamSources sources;
    private final JobSinks sinks;

    public SupervisionJob(JobConfig config, StreamSources sources, JobSinks sinks) {
        this.config = config;
        this.sources = sources;
        this.sinks = sinks;
    }

    /** The live job: Kafka in, Kafka and Elasticsearch out. */
    public static SupervisionJob onKafka(JobConfig config) {
        return new SupervisionJob(config, KafkaStreamSources.live(config), JobSinks.kafkaAndElasticsearch(config));
    }

    /**
     * Flink settings the job relies on: checkpoints on, the state backend the config names, and no silent fallback to
     * Kryo for unknown types.
     */
    public static Configuration flinkConfiguration(JobConfig config) {
        Configuration flink = new Configuration();
        flink.set(PipelineOptions.GENERIC_TYPES, false);
        flink.set(PipelineOptions.NAME, "insurwatch-supervision");
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpoint.interval);
        flink.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        if (!config.checkpoint.directory.isBlank()) {
            flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpoint.directory);
        }
        flink.set(StateBackendOptions.STATE_BACKEND, config.checkpoint.stateBackend.flinkName());
        // only RocksDB checkpoints incrementally; the heap backend ignores it and always writes its whole state
        flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, config.checkpoint.incremental);
        // read only when this configuration starts a local cluster (getExecutionEnvironment(flinkConfiguration(config)))
        flink.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, config.checkpoint.localManagedMemory());
        return flink;
    }

    /** Adds the job's topology to {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        env.configure(flinkConfiguration(config));
        env.setParallelism(config.parallelism);
        Pseudonymiser pseudonymiser = new Pseudonymiser(config.pseudonymKey());
        ChainEvents chainEvents = new ChainEvents(pseudonymiser);

        Ingestion<Consultation> consultations = Ingestion.of(env, sources, LiveStream.CONSULTATION, config.eventTime);
        Ingestion<Prescription> prescriptions = Ingestion.of(env, sources, LiveStream.PRESCRIPTION, config.eventTime);
        Ingestion<Settlement> settlements = Ingestion.of(env, sources, LiveStream.SETTLEMENT, config.eventTime);
        Ingestion<Logistics> logistics = Ingestion.of(env, sources, LiveStream.LOGISTICS, config.eventTime);

        DataStream<ChainEvent> chain = consultations.records().map(chainEvents::of).returns(ChainEvent.class).name("consultation-steps")
                .union(prescriptions.records().map(chainEvents::of).returns(ChainEvent.class).name("prescription-steps"),
                        settlements.records().map(chainEvents::of).returns(ChainEvent.class).name("settlement-steps"),
                        logistics.records().<ChainEvent>flatMap((l, out) -> chainEvents.of(l).ifPresent(out::collect))
                                .returns(ChainEvent.class).name("logistics-steps"));

        ReferenceData reference = ReferenceData.of(env, sources);
        SettingsSelection settings = new SettingsSelection(config.rules);
        AvroTypeInfo<Alert> alertType = new AvroTypeInfo<>(Alert.class);
        DataStream<Alert> prescriptionsByReference = prescriptions.records()
                .keyBy(Prescription::getPrescriptionId, Types.STRING).connect(reference.broadcast())
                .process(new ReferenceRules<>(LiveStream.PRESCRIPTION, List.of(new DoctorRegistrationRule(pseudonymiser),
                        new LongSupplyRule(pseudonymiser), new LateUploadRule(chainEvents)), settings), alertType)
                .name("prescription-reference-rules").uid("prescription-reference-rules");
        DataStream<Alert> settlementsByReference = settlements.records()
                .keyBy(Settlement::getSettlementId, Types.STRING).connect(reference.broadcast())
                .process(new ReferenceRules<>(LiveStream.SETTLEMENT, List.of(new AgreementRule(pseudonymiser),
                        new InsuredPersonSuspendedRule(pseudonymiser), new NotCoveredDrugRule(pseudonymiser),
                        new ConsultationFeeCapRule(pseudonymiser)), settings), alertType)
                .name("settlement-reference-rules").uid("settlement-reference-rules");

        DataStream<Alert> raised = TraceabilityChecks.apply(chain, config.rules.traceability)
                .union(EventChecks.apply(consultations.records(), prescriptions.records(), settlements.records(), logistics.records(),
                                pseudonymiser),
                        prescriptionsByReference, settlementsByReference, TraceCodes.reuse(logistics.records(), config.rules.delivery, pseudonymiser),
                        EarlyRefillRule.apply(prescriptions.records(), reference.broadcast(), settings, pseudonymiser),
                        PriceSupervision.apply(settlements.records(), reference.versions(), settings, config.rules.price, pseudonymiser),
                        BulkPrescribingRules.apply(consultations.records(), prescriptions.records(), reference.broadcast(), settings,
                                config.rules.bulk, pseudonymiser),
                        FollowUpRules.apply(consultations.records(), reference.offlineVisits(), reference.broadcast(), settings,
                                config.rules.followUp, pseudonymiser));
        DataStream<Alert> alerts = RuleSwitch.apply(raised, reference.broadcast(), settings);
        for (int i = 0; i < sinks.alerts().size(); i++) {
            String name = "alerts-to-" + sinks.alerts().get(i).getClass().getSimpleName() + "-" + i;
            alerts.sinkTo(sinks.alerts().get(i)).name(name).uid(name);
        }
        consultations.deadLetters()
                .union(prescriptions.deadLetters(), settlements.deadLetters(), logistics.deadLetters(), reference.deadLetters())
                .sinkTo(sinks.deadLetters()).name("dead-letters").uid("dead-letters");
        Summaries.chainHealth(chain).sinkTo(sinks.chainHealth()).name("chain-health-sink").uid("chain-health-sink");
        Summaries.doctorActivity(chain).sinkTo(sinks.doctorActivity()).name("doctor-activity-sink").uid("doctor-activity-sink");
    }

    public JobClient start(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.executeAsync("insurwatch-supervision");
    }
}
