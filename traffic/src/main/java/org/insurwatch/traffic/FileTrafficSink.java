package org.insurwatch.traffic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes a run to a directory: one Avro container file per stream ({@code <dir>/<stream>.avro}), one per
 * reference topic ({@code <dir>/reference/<topic>.avro}) and {@code <dir>/ground-truth.jsonl}. Reference
 * records the traffic carries (the offline visits of stream {@code ref.offline-visits}, the versions scenarios
 * publish on {@code ref.doctors}, {@code ref.institutions} and {@code ref.insured-persons}) go to their topic's
 * file, after the reference data written before the traffic: as on Kafka, where they share the topic.
 */
public final class FileTrafficSink implements TrafficSink {

    public static final String GROUND_TRUTH_FILE = "ground-truth.jsonl";

    private final Path directory;
    private final Map<String, DataFileWriter<SpecificRecord>> streams = new LinkedHashMap<>();
    private final Map<ReferenceTopic, DataFileWriter<SpecificRecord>> references = new LinkedHashMap<>();
    private final GroundTruthLog groundTruth;

    /** Creates the four stream files and the ground truth at once, so that an empty stream still has its file. */
    public FileTrafficSink(Path directory) {
        this.directory = directory;
        for (TrafficStream stream : TrafficStream.values()) {
            streams.put(stream.streamName(), open(streamFile(directory, stream.streamName()),
                    stream.schema(), stream.model()));
        }
        this.groundTruth = new GroundTruthLog(directory.resolve(GROUND_TRUTH_FILE));
    }

    public static Path streamFile(Path directory, String stream) {
        return directory.resolve(stream + ".avro");
    }

    public static Path referenceFile(Path directory, ReferenceTopic topic) {
        return directory.resolve("reference").resolve(topic.topicName() + ".avro");
    }

    @Override
    public void writeReference(ReferenceRecord record) {
        append(referenceWriter(record.topic(), record.record()), record.record());
    }

    @Override
    public void write(GeneratedEvent event) {
        DataFileWriter<SpecificRecord> writer = streams.get(event.stream());
        append(writer != null ? writer : referenceWriter(ReferenceTopic.named(event.stream()), event.record()),
                event.record());
    }

    private DataFileWriter<SpecificRecord> referenceWriter(ReferenceTopic topic, SpecificRecord record) {
        return references.computeIfAbsent(topic, t -> open(referenceFile(directory, t), record.getSchema(),
                SpecificData.getForClass(record.getClass())));
    }

    @Override
    public void write(GroundTruth truth) {
        groundTruth.append(truth);
    }

    @Override
    public void flush() {
        try {
            for (DataFileWriter<SpecificRecord> writer : writers()) {
                writer.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        groundTruth.flush();
    }

    @Override
    public void close() {
        try {
            for (DataFileWriter<SpecificRecord> writer : writers()) {
                writer.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            groundTruth.close();
        }
    }

    private Iterable<DataFileWriter<SpecificRecord>> writers() {
        return () -> Stream.concat(streams.values().stream(), references.values().stream()).iterator();
    }

    private static DataFileWriter<SpecificRecord> open(Path file, Schema schema, SpecificData model) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            DataFileWriter<SpecificRecord> writer = new DataFileWriter<>(new SpecificDatumWriter<>(schema, model));
            writer.setCodec(CodecFactory.deflateCodec(1));
            return writer.create(schema, file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    private static void append(DataFileWriter<SpecificRecord> writer, SpecificRecord record) {
        try {
            writer.append(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
