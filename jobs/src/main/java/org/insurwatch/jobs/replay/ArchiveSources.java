package org.insurwatch.jobs.replay;

import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.ingest.EventTimes;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.ingest.RawRecord;
import org.insurwatch.jobs.ingest.StreamSources;
import org.insurwatch.jobs.reference.ReferenceKind;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live streams of a replay's range and its warm-up, and all reference data, read back from an archive written by
 * {@link Archiver}: each stream by one {@link FileSource} reader, its day files in day order ({@link InPathOrder}), read
 * in batches ({@link ArchiveFileFormat}) and watermarked in the source, as the Kafka source is.
 */
public final class ArchiveSources implements StreamSources {
    private final ArchiveLayout layout;
    private final ReplayRange span;
    private final JobConfig.EventTime eventTime;
    private final Map<LiveStream<?>, List<Path>> dayFiles = new HashMap<>();

    /** Checks at once that every file the range and its warm-up need is there, so a hole fails before the job starts. */
    public ArchiveSources(Path dir, ReplayRange span, JobConfig config) {
        this.layout = new ArchiveLayout(dir);
        this.span = span;
        this.eventTime = config.eventTime;
        for (LiveStream<?> stream : ArchiveLayout.STREAMS) {
            dayFiles.put(stream, layout.dayFiles(stream, span));
        }
        for (ReferenceKind kind : ReferenceKind.values()) {
            layout.requireReferenceFile(kind);
        }
    }

    @Override
    public DataStream<RawRecord> open(StreamExecutionEnvironment env, LiveStream<?> stream) {
        String name = stream.name() + "-archive";
        return env.fromSource(files(dayFiles.get(stream), new ArchiveFileFormat(stream.recordClass(), stream, topicOf(stream),
                        eventTime.maxFutureSkew)), EventTimes.watermarks(eventTime), name).setParallelism(1).uid(name)
                .filter(new InRange(span)).setParallelism(1).name(name + "-range").uid(name + "-range");
    }

    @Override
    public DataStream<RawRecord> openReference(StreamExecutionEnvironment env, ReferenceKind kind) {
        String name = "reference-" + ArchiveLayout.kindName(kind) + "-archive";
        return env.fromSource(files(List.of(layout.referenceFile(kind)), new ArchiveFileFormat(kind.recordClass(), null,
                        "archive.reference." + ArchiveLayout.kindName(kind), eventTime.maxFutureSkew)), EventTimes.boundedReferenceWatermarks(), name)
                .setParallelism(1).uid(name);
    }

    private static FileSource<RawRecord> files(List<Path> files, ArchiveFileFormat format) {
        org.apache.flink.core.fs.Path[] paths = files.stream()
                .map(p -> new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri())).toArray(org.apache.flink.core.fs.Path[]::new);
        return FileSource.forBulkFileFormat(format, paths).setSplitAssigner(InPathOrder::new).build();
    }

    @Override
    public String topicOf(LiveStream<?> stream) {
        return "archive." + stream.name();
    }
}
