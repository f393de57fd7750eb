package org.insurwatch.jobs.ingest;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.schema.alert.DeadLetter;

/**
 * Turns one stream's raw records, event-timed at their source, into checked records: decode and validate,
 * then turn away what came too late.
 */
public final class Ingestion<T extends SpecificRecordBase> {
    private final DataStream<T> records;
    private final DataStream<DeadLetter> deadLetters;

    private Ingestion(DataStream<T> records, DataStream<DeadLetter> deadLetters) {
        this.records = records;
        this.deadLetters = deadLetters;
    }

    public static <T extends SpecificRecordBase> Ingestion<T> of(StreamExecutionEnvironment env, StreamSources sources,
                                                              LiveStream<T> stream, JobConfig.EventTime eventTime) {
        String topic = sources.topicOf(stream);
        AvroTypeInfo<T> type = new AvroTypeInfo<>(stream.recordClass());
        SingleOutputStreamOperator<T> decoded = sources.open(env, stream)
                .process(new DecodeAndValidate<>(stream, eventTime.maxFutureSkew), type)
                .name(stream.name() + "-decode").uid(stream.name() + "-decode");
        SingleOutputStreamOperator<T> onTime = decoded
                .process(new LateEventFilter<>(stream, topic), type)
                .name(stream.name() + "-late-filter").uid(stream.name() + "-late-filter");
        return new Ingestion<>(onTime,
                decoded.getSideOutput(DeadLetters.TAG).union(onTime.getSideOutput(DeadLetters.TAG)));
    }

    public DataStream<T> records() {
        return records;
    }

    public DataStream<DeadLetter> deadLetters() {
        return deadLetters;
    }
}
