package org.insurwatch.sandbox;

import org.insurwatch.jobs.JobConfig;
import org.insurwatch.traffic.GeneratedEvent;
import org.insurwatch.traffic.GroundTruth;
import org.insurwatch.traffic.KafkaTrafficSink;
import org.insurwatch.traffic.ReferenceRecord;
import org.insurwatch.traffic.TrafficGenerator;
import org.insurwatch.traffic.TrafficOptions;
import org.insurwatch.traffic.TrafficRun;
import org.insurwatch.traffic.TrafficSink;
import org.insurwatch.traffic.World;
import org.insurwatch.traffic.WorldSizes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Generated traffic written to a test's topics, with its ground truth kept for scoring. */
final class GeneratedRun {
    final World world;
    final List<GroundTruth> groundTruth = new ArrayList<>();
    final long events;
    final Map<String, Long> eventsByStream;

    private GeneratedRun(World world, long events, Map<String, Long> eventsByStream) {
        this.world = world;
        this.events = events;
        this.eventsByStream = eventsByStream;
    }

    static GeneratedRun write(JobConfig config, TrafficOptions options, long chains, Path groundTruthFile) {
        return write(config, options, chains, groundTruthFile, event -> { });
    }

    /** Writes the world's reference data and its traffic; {@code alsoTo} sees every event as it is written. */
    static GeneratedRun write(JobConfig config, TrafficOptions options, long chains, Path groundTruthFile,
                              Consumer<GeneratedEvent> alsoTo) {
        return write(config, options, WorldSizes.forChains(chains), chains, groundTruthFile, alsoTo);
    }

    /** As {@link #write(JobConfig, TrafficOptions, long, Path, Consumer)}, in a world of the given size. */
    static GeneratedRun write(JobConfig config, TrafficOptions options, WorldSizes sizes, long chains, Path groundTruthFile,
                              Consumer<GeneratedEvent> alsoTo) {
        World world = World.create(options.seed(), sizes, options.start());
        JobConfig.Topics topics = config.kafka.topics;
        JobConfig.ReferenceTopics reference = topics.reference;
        Map<String, String> topicNames = Map.ofEntries(Map.entry("consultation", topics.consultation),
                Map.entry("prescription", topics.prescription), Map.entry("settlement", topics.settlement),
                Map.entry("logistics", topics.logistics), Map.entry("ref.doctors", reference.doctors),
                Map.entry("ref.institutions", reference.institutions), Map.entry("ref.insured-persons", reference.insuredPersons),
                Map.entry("ref.price-caps", reference.priceCaps), Map.entry("ref.drugs", reference.drugs),
                Map.entry("ref.chronic-diseases", reference.chronicDiseases), Map.entry("ref.offline-visits", reference.offlineVisits));
        List<GroundTruth> truths = new ArrayList<>();
        try (KafkaTrafficSink kafka = new KafkaTrafficSink(config.kafka.bootstrapServers, topicNames, groundTruthFile)) {
            TrafficSink sink = new TrafficSink() {
                @Override
                public void writeReference(ReferenceRecord record) {
                    kafka.writeReference(record);
                }

                @Override
                public void write(GeneratedEvent event) {
                    kafka.write(event);
                    alsoTo.accept(event);
                }

                @Override
                public void write(GroundTruth truth) {
                    truths.add(truth);
                    kafka.write(truth);
                }

                @Override
                public void flush() {
                    kafka.flush();
                }

                @Override
                public void close() {
                }
            };
            world.referenceData().forEach(sink::writeReference);
            TrafficRun run = new TrafficRun(new TrafficGenerator(world, options), sink, chains, 0);
            run.run();
            GeneratedRun generated = new GeneratedRun(world, run.counters().events(), run.counters().eventsByStream());
            generated.groundTruth.addAll(truths);
            return generated;
        }
    }
}
