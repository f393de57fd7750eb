package org.insurwatch.jobs.replay;

import org.apache.avro.file.DataFileStream;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;
import org.apache.flink.core.fs.FileSystem;
import org.insurwatch.jobs.ingest.EventTimes;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.ingest.RawRecord;

import javax.annotation.Nullable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An archive's Avro container files read back as the raw records Kafka carried: each datum in single-object
 * encoding, event-timed as the Kafka source does, so the job cannot tell the difference. A batch holds at most
 * {@link #BATCH} records: Flink emits watermarks and takes checkpoints between batches, so event time moves on
 * while a day file is read (one call for a whole file would hold a day's events back in the rules' state until its
 * end). A restore resumes the file after the last record emitted.
 */
final class ArchiveFileFormat implements BulkFormat<RawRecord, FileSourceSplit> {
    static final int BATCH = 1_000;
    private static final long serialVersionUID = 1L;

    private final Class<? extends SpecificRecordBase> recordClass;
    /** Null for reference data, which has no event time of its own. */
    @Nullable
    private final LiveStream<?> stream;
    private final String topic;
    private final Duration maxFutureSkew;

    ArchiveFileFormat(Class<? extends SpecificRecordBase> recordClass, @Nullable LiveStream<?> stream, String topic, Duration maxFutureSkew) {
        this.recordClass = recordClass;
        this.stream = stream;
        this.topic = topic;
        this.maxFutureSkew = maxFutureSkew;
    }

    @Override
    public Reader<RawRecord> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return restoreReader(config, split);
    }

    @Override
    public Reader<RawRecord> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        return new FileReader(split, split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L));
    }

    /** A container file is read whole by one reader, in order: day files are sorted by event time when archived. */
    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    private final class FileReader implements Reader<RawRecord> {
        private final AvroCodec<SpecificRecordBase> codec = AvroCodec.of(recordClass);
        private final DataFileStream<SpecificRecordBase> records;
        /** The file's day, as the partition a dead letter names; its offset is the record's number in the file. */
        private final int partition;
        private long read;

        FileReader(FileSourceSplit split, long alreadyEmitted) throws IOException {
            this.records = new DataFileStream<>(FileSystem.get(split.path().toUri()).open(split.path()),
                    new SpecificDatumReader<>(codec.schema(), codec.schema(), SpecificData.getForClass(recordClass)));
            this.partition = ArchiveLayout.partitionOf(split.path().getName());
            for (; read < alreadyEmitted && records.hasNext(); read++) {
                records.next();
            }
        }

        @Nullable
        @Override
        public RecordIterator<RawRecord> readBatch() {
            long before = read;
            List<RawRecord> batch = new ArrayList<>(BATCH);
            while (batch.size() < BATCH && records.hasNext()) {
                SpecificRecordBase datum = records.next();
                long time = stream == null ? Long.MIN_VALUE : eventTime(stream, datum);
                batch.add(new RawRecord(topic, partition, read++, 0L, time, codec.encode(datum)));
            }
            return batch.isEmpty() ? null : new IteratorResultIterator<>(batch.iterator(), CheckpointedPosition.NO_OFFSET, before);
        }

        /** From the datum itself: decoding the bytes just encoded again would double the hot path's work. */
        private <T extends SpecificRecordBase> long eventTime(LiveStream<T> live, SpecificRecordBase datum) {
            return EventTimes.ofRecord(live, live.recordClass().cast(datum), maxFutureSkew);
        }

        @Override
        public void close() throws IOException {
            records.close();
        }
    }
}
