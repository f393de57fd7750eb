package org.insurwatch.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** Copies an Avro single-object encoded record out of the buffer its encoder returns. */
public final class AvroBytes {
    private AvroBytes() {
    }

    @FunctionalInterface
    public interface Encoding {
        ByteBuffer encode() throws IOException;
    }

    public static byte[] of(Encoding encoding) {
        try {
            ByteBuffer buffer = encoding.encode();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
