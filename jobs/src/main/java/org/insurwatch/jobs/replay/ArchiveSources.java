package org.insurwatch.jobs.replay;

import org.apache.avro.file.DataFileStream;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.ingest.EventTimes;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.ingest.RawRecord;
import org.insurwatch.jobs.ingest.StreamSources;
import org.insurwatch.jobs.reference.ReferenceKind;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The live streams of a replay's range and its warm-up, and all reference data, read back from an archive written by
 * {@link Archiver}. Each datum is turned back into the bytes Kafka carried (single-object encoding) and
 * event-timed as the Kafka source does, so the job cannot tell the difference.
 *
 * <p>What the source is: a bounded {@code fromSequence} over the indices of the files to read (day files in day
 * order), at parallelism 1, each index expanded by a flat-map that streams its Avro container file block by block
 * (memory bounded by an Avro block, not by the file), then event-timed and watermarked. Day files are sorted by
 * event time when archived, so the one reader per stream delivers in event-time order and the watermark never
 * overtakes a record. Not resumable inside a file: a restart after a failure re-reads the file it was in (the
 * alert sinks are idempotent by alert id; the counters would count twice).
 */
public final class ArchiveSources implements StreamSources {
    private final ArchiveLayout layout;
    private final ReplayRange span;
    private final JobConfig.EventTime eventTime;

    /** Checks at once that every day file the range and its warm-up need is there, so a hole fails before the job starts. */
    public ArchiveSources(Path dir, ReplayRange span, JobConfig config) {
        this.layout = new ArchiveLayout(dir);
        this.span = span;
        this.eventTime = config.eventTime;
        for (LiveStream<?> stream : ArchiveLayout.STREAMS) {
            layout.dayFiles(stream, span);
        }
    }

    @Override
    public DataStream<RawRecord> open(StreamExecutionEnvironment env, LiveStream<?> stream) {
        List<String> files = layout.dayFiles(stream, span).stream().map(p -> p.toAbsolutePath().toUri().toString()).toList();
        String name = stream.name() + "-archive";
        ReadFiles reader = new ReadFiles(stream.recordClass(), stream, topicOf(stream), new EventCounters(span), eventTime.maxFutureSkew);
        return read(env, files, reader, name)
                .assignTimestampsAndWatermarks(EventTimes.watermarks(eventTime)).setParallelism(1)
                .name(name + "-watermarks").uid(name + "-watermarks");
    }

    @Override
    public DataStream<RawRecord> openReference(StreamExecutionEnvironment env, ReferenceKind kind) {
        Path file = layout.referenceFile(kind);
        // an archive without a kind holds none of it (like an empty topic)
        List<String> files = Files.isRegularFile(file) ? List.of(file.toAbsolutePath().toUri().toString()) : List.of();
        String name = "reference-" + ArchiveLayout.kindName(kind) + "-archive";
        return read(env, files, new ReadFiles(kind.recordClass(), null, "archive.reference." + ArchiveLayout.kindName(kind),
                        null, eventTime.maxFutureSkew), name)
                .assignTimestampsAndWatermarks(EventTimes.referenceWatermarks()).setParallelism(1)
                .name(name + "-watermarks").uid(name + "-watermarks");
    }

    private static DataStream<RawRecord> read(StreamExecutionEnvironment env, List<String> files, ReadFiles reader, String name) {
        // an empty sequence is refused; index -1 stands for "no file"
        long last = files.isEmpty() ? -1 : files.size() - 1;
        return env.fromSequence(files.isEmpty() ? -1 : 0, last).setParallelism(1).name(name + "-files").uid(name + "-files")
                .flatMap(reader.withFiles(files)).returns(TypeInformation.of(RawRecord.class)).setParallelism(1)
                .name(name).uid(name);
    }

    @Override
    public String topicOf(LiveStream<?> stream) {
        return "archive." + stream.name();
    }

    /** Streams the Avro container files by index; each datum becomes the raw record Kafka would have given. */
    static final class ReadFiles extends RichFlatMapFunction<Long, RawRecord> {
        private static final long serialVersionUID = 1L;
        private final Class<? extends SpecificRecordBase> recordClass;
        /** Both null for reference data, which has no event time of its own. */
        private final LiveStream<?> stream;
        private final EventCounters counters;
        private final String topic;
        private final Duration maxFutureSkew;
        private List<String> files = List.of();
        private transient AvroCodec<SpecificRecordBase> codec;

        ReadFiles(Class<? extends SpecificRecordBase> recordClass, LiveStream<?> stream, String topic, EventCounters counters,
                  Duration maxFutureSkew) {
            this.recordClass = recordClass;
            this.stream = stream;
            this.topic = topic;
            this.counters = counters;
            this.maxFutureSkew = maxFutureSkew;
        }

        ReadFiles withFiles(List<String> files) {
            this.files = List.copyOf(files);
            return this;
        }

        @Override
        public void open(OpenContext context) {
            codec = AvroCodec.of(recordClass);
            if (stream != null) {
                counters.open(getRuntimeContext());
            }
        }

        @Override
        public void flatMap(Long index, Collector<RawRecord> out) throws IOException {
            if (index < 0) {
                return;
            }
            org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(files.get(index.intValue()));
            try (InputStream in = FileSystem.get(path.toUri()).open(path);
                 DataFileStream<SpecificRecordBase> records = new DataFileStream<>(in, new SpecificDatumReader<>(codec.schema(), codec.schema(), SpecificData.getForClass(recordClass)))) {
                long offset = 0;
                for (SpecificRecordBase datum : records) {
                    byte[] value = codec.encode(datum);
                    long time = stream == null ? Long.MIN_VALUE : EventTimes.of(stream, value, maxFutureSkew);
                    // the archiver keeps only event-timed records of their day; the range cuts the first and last day
                    if (stream == null || counters.keep(time)) {
                        out.collect(new RawRecord(topic, index.intValue(), offset, 0L, time, value));
                    }
                    offset++;
                }
            }
        }
    }
}
