package org.insurwatch.jobs.replay;

import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.ingest.EventTimes;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.ingest.WholeTopic;
import org.insurwatch.jobs.reference.ReferenceKind;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the archive ({@link ArchiveLayout}): reads each live topic from its earliest to its latest offset with a
 * plain consumer (no group offsets committed), puts each record's decoded datum into the file of its UTC day of
 * event time, and sorts each day file by event time once written (one day in memory at a time), so a replay reads
 * each stream in event-time order. Reference topics are written whole, in offset order.
 *
 * <p>Day files are complete: {@code from}/{@code to} are widened to whole UTC days, and every day of the archived
 * span gets a file, empty if the stream had nothing that day, so that a missing file always means "not archived".
 * Records that do not decode or carry no plausible event time are not archived; they are counted.
 */
public final class Archiver {

    private final JobConfig config;
    private final ArchiveLayout layout;
    private final EventTimeRange range;

    public record Summary(Map<String, Long> archivedByStream, Map<String, Long> referenceByKind, long skipped,
                          long outsideRange, List<LocalDate> days) {
        public long archived() {
            return archivedByStream.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public Archiver(JobConfig config, Path dir, EventTimeRange range) {
        this.config = config;
        this.layout = new ArchiveLayout(dir);
        this.range = wholeDays(range);
    }

    /** The range rounded out to whole UTC days (an open end stays open). */
    static EventTimeRange wholeDays(EventTimeRange range) {
        long from = range.fromMillis() == EventTimeRange.ALL.fromMillis() ? range.fromMillis()
                : EventTimeRange.dayOf(range.fromMillis()).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long to = range.toMillis() == EventTimeRange.ALL.toMillis() ? range.toMillis()
                : EventTimeRange.dayOf(range.toMillis() - 1).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        return new EventTimeRange(from, to);
    }

    public Summary run() throws IOException {
        Map<String, Long> archived = new TreeMap<>();
        Map<String, Long> reference = new TreeMap<>();
        long[] skipped = {0};
        long[] outside = {0};
        TreeSet<LocalDate> days = new TreeSet<>();
        Map<LiveStream<?>, TreeSet<LocalDate>> daysByStream = new HashMap<>();
        for (LiveStream<?> stream : ArchiveLayout.STREAMS) {
            TreeSet<LocalDate> written = archiveStream(stream, archived, skipped, outside);
            daysByStream.put(stream, written);
            days.addAll(written);
        }
        List<LocalDate> span = new ArrayList<>();
        if (!range.isAll() && range.fromMillis() != EventTimeRange.ALL.fromMillis() && range.toMillis() != EventTimeRange.ALL.toMillis()) {
            span.addAll(range.days());
        } else if (!days.isEmpty()) {
            for (LocalDate d = days.first(); !d.isAfter(days.last()); d = d.plusDays(1)) {
                span.add(d);
            }
        }
        for (LiveStream<?> stream : ArchiveLayout.STREAMS) {
            for (LocalDate day : span) {
                if (!daysByStream.get(stream).contains(day)) {
                    writeSorted(stream, day, List.of());
                }
            }
        }
        for (ReferenceKind kind : ReferenceKind.values()) {
            reference.put(ArchiveLayout.kindName(kind), archiveReference(kind, skipped));
        }
        return new Summary(archived, reference, skipped[0], outside[0], span);
    }

    private <T extends SpecificRecordBase> TreeSet<LocalDate> archiveStream(LiveStream<T> stream, Map<String, Long> archived,
                                                                           long[] skipped, long[] outside) throws IOException {
        AvroCodec<T> codec = new AvroCodec<>(stream.recordClass());
        Map<LocalDate, DataFileWriter<T>> unsorted = new TreeMap<>();
        long[] count = {0};
        Duration skew = config.kafka == null ? Duration.ZERO : config.eventTime.maxFutureSkew;
        try {
            WholeTopic.read(config.kafka, "archive", topicOf(stream), record -> {
                byte[] value = record.value() == null ? new byte[0] : record.value();
                long time = EventTimes.of(stream, value, skew);
                if (time == Long.MIN_VALUE) {
                    skipped[0]++;
                    return;
                }
                if (!range.contains(time)) {
                    outside[0]++;
                    return;
                }
                try {
                    LocalDate day = EventTimeRange.dayOf(time);
                    DataFileWriter<T> writer = unsorted.get(day);
                    if (writer == null) {
                        writer = writer(codec, unsortedFile(stream, day));
                        unsorted.put(day, writer);
                    }
                    writer.append(codec.decode(value));
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } finally {
            for (DataFileWriter<T> writer : unsorted.values()) {
                writer.close();
            }
        }
        for (LocalDate day : unsorted.keySet()) {
            Path file = unsortedFile(stream, day);
            List<T> datums = new ArrayList<>();
            try (DataFileReader<T> reader = new DataFileReader<>(file.toFile(),
                    new SpecificDatumReader<>(codec.schema(), codec.schema(), SpecificData.getForClass(stream.recordClass())))) {
                reader.forEach(datums::add);
            }
            // stable: records of one instant keep the order they were read in
            datums.sort(Comparator.comparingLong(stream::eventTimeMillis));
            writeSorted(stream, day, datums);
            Files.delete(file);
        }
        archived.put(stream.name(), count[0]);
        return new TreeSet<>(unsorted.keySet());
    }

    private <T extends SpecificRecordBase> void writeSorted(LiveStream<T> stream, LocalDate day, List<T> datums) throws IOException {
        AvroCodec<T> codec = new AvroCodec<>(stream.recordClass());
        Path target = layout.dayFile(stream, day);
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try (DataFileWriter<T> writer = writer(codec, part)) {
            for (T datum : datums) {
                writer.append(datum);
            }
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private long archiveReference(ReferenceKind kind, long[] skipped) throws IOException {
        AvroCodec<SpecificRecordBase> codec = AvroCodec.of(kind.recordClass());
        Path target = layout.referenceFile(kind);
        Path part = target.resolveSibling(target.getFileName() + ".part");
        long[] count = {0};
        try (DataFileWriter<SpecificRecordBase> writer = writer(codec, part)) {
            WholeTopic.read(config.kafka, "archive", kind.topic(config.kafka.topics), record -> {
                try {
                    writer.append(codec.decode(record.value() == null ? new byte[0] : record.value()));
                    count[0]++;
                } catch (IOException | RuntimeException undecodable) {
                    skipped[0]++;
                }
            });
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return count[0];
    }

    private Path unsortedFile(LiveStream<?> stream, LocalDate day) {
        Path target = layout.dayFile(stream, day);
        return target.resolveSibling(target.getFileName() + ".unsorted");
    }

    private static <T extends SpecificRecordBase> DataFileWriter<T> writer(AvroCodec<T> codec, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        DataFileWriter<T> writer = new DataFileWriter<>(new SpecificDatumWriter<T>(codec.schema()));
        writer.setCodec(org.apache.avro.file.CodecFactory.deflateCodec(1));
        File f = file.toFile();
        return writer.create(codec.schema(), f);
    }

    private String topicOf(LiveStream<?> stream) {
        JobConfig.Topics topics = config.kafka.topics;
        return Map.<LiveStream<?>, String>of(LiveStream.CONSULTATION, topics.consultation, LiveStream.PRESCRIPTION, topics.prescription,
                LiveStream.SETTLEMENT, topics.settlement, LiveStream.LOGISTICS, topics.logistics).get(stream);
    }
}
