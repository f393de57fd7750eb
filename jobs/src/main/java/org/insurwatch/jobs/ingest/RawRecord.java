package org.insurwatch.jobs.ingest;

/**
 * A Kafka record as it arrived, before decoding: kept whole so that a record the job cannot use reaches the
 * dead-letter topic byte for byte, with where it came from. A Flink POJO.
 */
public class RawRecord {
    public String topic;
    public int partition;
    public long offset;
    public long kafkaTimestamp;
    /** The event time read from the value when it decodes and is plausible, else {@link Long#MIN_VALUE}. */
    public long eventTime;
    public byte[] value;

    public RawRecord() {
    }

    public RawRecord(String topic, int partition, long offset, long kafkaTimestamp, long eventTime, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.kafkaTimestamp = kafkaTimestamp;
        this.eventTime = eventTime;
        this.value = value;
    }
}
