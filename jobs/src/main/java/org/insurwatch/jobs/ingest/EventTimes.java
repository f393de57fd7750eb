package org.insurwatch.jobs.ingest;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.insurwatch.jobs.JobConfig;

import java.time.Duration;
import java.time.Instant;

/**
 * Event time of raw records, read at the source so that each Kafka partition keeps its own watermark
 * (partitions are read unevenly; a watermark taken after them would call their stragglers late). A record
 * that does not decode or carries an impossible time gets none, so it cannot drag the watermark.
 */
public final class EventTimes {
    /** How long a reference partition must be quiet after its last record before it counts as read up. */
    static final Duration REFERENCE_QUIET = Duration.ofSeconds(3);
    /** How long a reference partition that stopped short of its backlog's end is waited for before it counts as read up. */
    static final Duration REFERENCE_STALL = Duration.ofSeconds(60);
    /** How long a reference partition that has given nothing at all is waited for, since it may simply be empty. */
    static final Duration REFERENCE_EMPTY_GRACE = Duration.ofSeconds(15);

    private EventTimes() {
    }

    public static <T extends SpecificRecordBase> long of(LiveStream<T> stream, byte[] value, Duration maxFutureSkew) {
        try {
            return ofRecord(stream, stream.decode(value), maxFutureSkew);
        } catch (Exception undecodable) {
            return Long.MIN_VALUE;
        }
    }

    /** As {@link #of}, for a record already decoded (an archive's datum). */
    public static <T extends SpecificRecordBase> long ofRecord(LiveStream<T> stream, T record, Duration maxFutureSkew) {
        return stream.problems(record, Instant.now().plus(maxFutureSkew)).isEmpty() ? stream.eventTimeMillis(record) : Long.MIN_VALUE;
    }

    /**
     * Reference data has no event time of its own that the live streams could wait for. Its source emits no
     * watermark, which holds back the rules that read it until it has been read up to its backlog and gone quiet;
     * then it declares itself idle and no longer counts ({@link ReferenceCatchUp}).
     */
    public static WatermarkStrategy<RawRecord> referenceWatermarks(ReferenceBacklog backlog) {
        return WatermarkStrategy.forGenerator(ctx -> new ReferenceCatchUp(backlog, REFERENCE_QUIET, REFERENCE_STALL, REFERENCE_EMPTY_GRACE));
    }

    /**
     * A replay's reference data is bounded: event time waits until its source has ended (whose final watermark
     * releases it), never on quiet. A reference source held back by backpressure goes quiet too, and counting that as
     * read up let a 10-million-event replay judge thousands of prescriptions before their doctors' registrations.
     */
    public static WatermarkStrategy<RawRecord> boundedReferenceWatermarks() {
        return WatermarkStrategy.noWatermarks();
    }

    public static WatermarkStrategy<RawRecord> watermarks(JobConfig.EventTime config) {
        return WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(config.maxOutOfOrderness)
                .withTimestampAssigner((record, kafkaTimestamp) -> record.eventTime)
                .withIdleness(config.idleness);
    }
}
