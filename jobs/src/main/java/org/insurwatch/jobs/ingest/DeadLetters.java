package org.insurwatch.jobs.ingest;

import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.util.OutputTag;
import org.insurwatch.schema.alert.DeadLetter;
import org.insurwatch.schema.alert.DeadLetterReason;

import java.nio.ByteBuffer;

/** The side output a record the job cannot use leaves by, and how such a record is described. */
public final class DeadLetters {
    public static final OutputTag<DeadLetter> TAG = new OutputTag<>("dead-letters", new AvroTypeInfo<>(DeadLetter.class));

    private DeadLetters() {
    }

    public static DeadLetter of(DeadLetterReason reason, String detail, String stream, String topic, int partition,
                         long offset, byte[] raw) {
        return DeadLetter.newBuilder()
                .setReason(reason)
                .setDetail(detail.length() > 500 ? detail.substring(0, 500) : detail)
                .setStream(stream)
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setRawValue(ByteBuffer.wrap(raw))
                .build();
    }

    /** Metric name of the counter of dead letters for one reason. */
    static String counterName(DeadLetterReason reason) {
        return "deadLetters" + switch (reason) {
            case UNDECODABLE -> "Undecodable";
            case UNKNOWN_SCHEMA -> "UnknownSchema";
            case INVALID -> "Invalid";
            case TOO_LATE -> "TooLate";
            case OTHER -> "Other";
        };
    }
}
