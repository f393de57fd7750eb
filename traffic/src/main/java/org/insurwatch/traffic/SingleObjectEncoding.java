package org.insurwatch.traffic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding of any generated record, through its class's own {@code getEncoder()}: the
 * bytes carry the schema fingerprint, so the job can tell schema versions apart.
 */
final class SingleObjectEncoding {

    private static final ClassValue<BinaryMessageEncoder<SpecificRecord>> ENCODERS = new ClassValue<>() {
        @Override
        @SuppressWarnings("unchecked")
        protected BinaryMessageEncoder<SpecificRecord> computeValue(Class<?> recordClass) {
            try {
                return (BinaryMessageEncoder<SpecificRecord>) recordClass.getMethod("getEncoder").invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException(recordClass + " is not a generated Avro record class", e);
            }
        }
    };

    private SingleObjectEncoding() {
    }

    static byte[] encode(SpecificRecord record) {
        try {
            ByteBuffer buffer = ENCODERS.get(record.getClass()).encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
