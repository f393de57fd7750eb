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
    private EventTimes() {
    }

    public static <T extends SpecificRecordBase> long of(LiveStream<T> stream, byte[] value, Duration maxFutureSkew) {
        try {
            T record = stream.decode(value);
            return stream.problems(record, Instant.now().plus(maxFutureSkew)).isEmpty()
                    ? stream.eventTimeMillis(record) : Long.MIN_VALUE;
        } catch (Exception undecodable) {
            return Long.MIN_VALUE;
        }
    }

    public static WatermarkStrategy<RawRecord> watermarks(JobConfig.EventTime config) {
        return WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(config.maxOutOfOrderness)
                .withTimestampAssigner((record, kafkaTimestamp) -> record.eventTime)
                .withIdleness(config.idleness);
    }
}
