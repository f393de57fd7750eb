package org.insurwatch.jobs.ingest;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.reference.ReferenceKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fixed raw records per stream, in event-time order, event-timed the way the Kafka source does it. */
public final class FixedStreamSources implements StreamSources {
    private final Map<LiveStream<?>, List<byte[]>> values = new HashMap<>();
    private final Map<ReferenceKind, List<byte[]>> reference = new HashMap<>();
    private final JobConfig.EventTime eventTime;

    public FixedStreamSources(JobConfig.EventTime eventTime) {
        this.eventTime = eventTime;
    }

    public FixedStreamSources add(LiveStream<?> stream, byte[] value) {
        values.computeIfAbsent(stream, s -> new ArrayList<>()).add(value);
        return this;
    }

    @Override
    public DataStream<RawRecord> open(StreamExecutionEnvironment env, LiveStream<?> stream) {
        List<RawRecord> records = new ArrayList<>();
        List<byte[]> streamValues = values.getOrDefault(stream, List.of());
        for (int offset = 0; offset < streamValues.size(); offset++) {
            byte[] value = streamValues.get(offset);
            records.add(new RawRecord(topicOf(stream), 0, offset, 0L,
                    EventTimes.of(stream, value, eventTime.maxFutureSkew), value));
        }
        // like one Kafka partition written in event-time order: a test states what happened, not in which order it was typed
        records.sort(Comparator.comparingLong(r -> r.eventTime));
        return fromData(env, records).assignTimestampsAndWatermarks(EventTimes.watermarks(eventTime)).setParallelism(1);
    }

    public FixedStreamSources addReference(ReferenceKind kind, byte[] value) {
        reference.computeIfAbsent(kind, k -> new ArrayList<>()).add(value);
        return this;
    }

    @Override
    public DataStream<RawRecord> openReference(StreamExecutionEnvironment env, ReferenceKind kind) {
        List<RawRecord> records = new ArrayList<>();
        List<byte[]> kindValues = reference.getOrDefault(kind, List.of());
        for (int offset = 0; offset < kindValues.size(); offset++) {
            records.add(new RawRecord("fixed-reference-" + kind, 0, offset, 0L, Long.MIN_VALUE, kindValues.get(offset)));
        }
        return fromData(env, records).assignTimestampsAndWatermarks(EventTimes.referenceWatermarks(new ReferenceBacklog(Map.of(0, (long) records.size()))))
                .setParallelism(1);
    }

    /** Flink's collection source refuses an empty collection; one element filtered out stands in for none. */
    private static DataStream<RawRecord> fromData(StreamExecutionEnvironment env, List<RawRecord> records) {
        if (records.isEmpty()) {
            return env.fromSequence(0, 0).setParallelism(1)
                    .<RawRecord>flatMap((i, out) -> { }).returns(TypeInformation.of(RawRecord.class)).setParallelism(1);
        }
        return env.fromData(records, TypeInformation.of(RawRecord.class)).setParallelism(1);
    }

    @Override
    public String topicOf(LiveStream<?> stream) {
        return "fixed-" + stream.name();
    }
}
