package org.insurwatch.traffic;

import java.io.Closeable;

/** Where a run writes the world's reference data, the traffic and its ground truth. */
public interface TrafficSink extends Closeable {

    void writeReference(ReferenceRecord record);

    void write(GeneratedEvent event);

    void write(GroundTruth truth);

    /** Returns once everything written so far is stored. */
    void flush();

    @Override
    void close();
}
