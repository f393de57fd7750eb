package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTrafficSinkTest {

    @TempDir
    Path directory;

    @Test
    void theTrafficReadsBackFromTheContainerFiles() throws IOException {
        // simulated weeks, so that the traffic carries offline visits too
        TrafficOptions options = GeneratedTraffic.options(9).withViolationRate(0.5).withHardNegativeRate(0.2)
                .withSimulatedGap(Duration.ofHours(2));
        World world = GeneratedTraffic.world(9);
        GeneratedTraffic expected = GeneratedTraffic.generate(world, options, 300);

        try (FileTrafficSink sink = new FileTrafficSink(directory)) {
            world.referenceData().forEach(sink::writeReference);
            new TrafficRun(new TrafficGenerator(world, options), sink, 300, 0).run();
        }

        Map<String, List<SpecificRecord>> byStream = expected.events().stream().collect(Collectors.groupingBy(
                GeneratedEvent::stream, Collectors.mapping(GeneratedEvent::record, Collectors.toList())));
        for (TrafficStream stream : TrafficStream.values()) {
            assertThat(read(FileTrafficSink.streamFile(directory, stream.streamName()), stream.recordClass()))
                    .as(stream.streamName()).isEqualTo(byStream.get(stream.streamName()));
        }
        assertThat(GroundTruthLog.read(directory.resolve(FileTrafficSink.GROUND_TRUTH_FILE)))
                .isEqualTo(expected.truths());
        Map<ReferenceTopic, List<SpecificRecord>> references = world.referenceData().collect(Collectors.groupingBy(
                ReferenceRecord::topic, Collectors.mapping(ReferenceRecord::record, Collectors.toList())));
        // the visits made and the versions published while the traffic ran follow the world's, in the order of
        // the traffic
        assertThat(byStream.get(ReferenceTopic.OFFLINE_VISITS.topicName())).isNotEmpty();
        assertThat(byStream.get(ReferenceTopic.INSURED_PERSONS.topicName())).isNotEmpty();
        for (ReferenceTopic topic : ReferenceTopic.values()) {
            List<SpecificRecord> expectedRecords = new ArrayList<>(references.getOrDefault(topic, List.of()));
            expectedRecords.addAll(byStream.getOrDefault(topic.topicName(), List.of()));
            assertThat(read(FileTrafficSink.referenceFile(directory, topic), expectedRecords.get(0).getClass()))
                    .as(topic.topicName())
                    .isEqualTo(expectedRecords);
        }
    }

    @Test
    void aStreamWithoutEventsStillHasItsFile() throws IOException {
        try (FileTrafficSink sink = new FileTrafficSink(directory)) {
            sink.flush();
        }
        for (TrafficStream stream : TrafficStream.values()) {
            assertThat(read(FileTrafficSink.streamFile(directory, stream.streamName()), stream.recordClass())).isEmpty();
        }
        assertThat(GroundTruthLog.read(directory.resolve(FileTrafficSink.GROUND_TRUTH_FILE))).isEmpty();
    }

    /** Read as a consumer would: a reader of the generated class, whose model turns timestamps into Instants. */
    private static <T extends SpecificRecord> List<SpecificRecord> read(Path file, Class<T> type) throws IOException {
        List<SpecificRecord> records = new ArrayList<>();
        try (DataFileReader<T> reader = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(type))) {
            reader.forEach(records::add);
        }
        return records;
    }
}
