package org.insurwatch.jobs.ingest;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.insurwatch.jobs.reference.ReferenceKind;

/**
 * Where the job's raw records come from: live Kafka topics, a bounded range of them for replay, or fixed
 * records in a test. The topology is the same for all. A source stamps event time and watermarks with
 * {@link EventTimes}.
 */
public interface StreamSources {

    DataStream<RawRecord> open(StreamExecutionEnvironment env, LiveStream<?> stream);

    /**
     * One kind of reference data, read from its beginning. Its watermark must hold event time back until the
     * kind has been read up, then step aside: live, once quiet ({@link EventTimes#referenceWatermarks}); in a
     * replay, once ended ({@link EventTimes#boundedReferenceWatermarks}).
     */
    DataStream<RawRecord> openReference(StreamExecutionEnvironment env, ReferenceKind kind);

    /** The topic named in dead letters of this stream. */
    String topicOf(LiveStream<?> stream);
}
