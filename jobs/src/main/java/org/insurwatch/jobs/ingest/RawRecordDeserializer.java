package org.insurwatch.jobs.ingest;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;

/**
 * Takes Kafka records as raw bytes, stamped with their event time so the source can keep a watermark per
 * partition. Decoding for the rules happens in the job, where a failure can be dead-lettered and counted.
 */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
    private static final long serialVersionUID = 1L;
    /** The live stream whose event time the records carry; null for reference data, which has none. */
    private final LiveStream<?> stream;
    private final Duration maxFutureSkew;

    public RawRecordDeserializer(LiveStream<?> stream, Duration maxFutureSkew) {
        this.stream = stream;
        this.maxFutureSkew = maxFutureSkew;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        long eventTime = stream == null ? record.timestamp() : EventTimes.of(stream, value, maxFutureSkew);
        out.collect(new RawRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), eventTime, value));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
