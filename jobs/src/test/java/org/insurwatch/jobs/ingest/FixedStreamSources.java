package org.insurwatch.jobs.ingest;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.insurwatch.jobs.JobConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fixed raw records per stream, in the order given, event-timed the way the Kafka source does it. */
public final class FixedStreamSources implements StreamSources {
    private final Map<LiveStream<?>, List<byte[]>> values = new HashMap<>();
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
        return env.fromData(records, TypeInformation.of(RawRecord.class)).setParallelism(1)
                .assignTimestampsAndWatermarks(EventTimes.watermarks(eventTime)).setParallelism(1);
    }

    @Override
    public String topicOf(LiveStream<?> stream) {
        return "fixed-" + stream.name();
    }
}
