package org.insurwatch.jobs.replay;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** Avro single-object encoding of one specific record class, both ways: Kafka's bytes ⇄ the archive's datums. */
final class AvroCodec<T extends SpecificRecordBase> {
    private final Schema schema;
    private final BinaryMessageDecoder<T> decoder;
    private final BinaryMessageEncoder<T> encoder;

    AvroCodec(Class<T> recordClass) {
        SpecificData model = SpecificData.getForClass(recordClass);
        this.schema = model.getSchema(recordClass);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
    }

    @SuppressWarnings("unchecked")
    static <T extends SpecificRecordBase> AvroCodec<T> of(Class<? extends SpecificRecordBase> recordClass) {
        return new AvroCodec<>((Class<T>) recordClass);
    }

    Schema schema() {
        return schema;
    }

    /** Decodes Kafka's bytes; throws on bytes of another schema or no Avro at all. */
    T decode(byte[] bytes) throws IOException {
        return decoder.decode(ByteBuffer.wrap(bytes));
    }

    byte[] encode(T datum) {
        try {
            ByteBuffer buffer = encoder.encode(datum);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
