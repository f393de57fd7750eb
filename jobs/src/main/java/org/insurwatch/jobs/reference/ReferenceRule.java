package org.insurwatch.jobs.reference;

import org.apache.flink.util.Collector;
import org.insurwatch.schema.alert.Alert;

import java.io.Serializable;

/** A rule that judges one event against the reference data valid at the event's time. */
@FunctionalInterface
public interface ReferenceRule<T> extends Serializable {

    void judge(T event, ReferenceLookup reference, Collector<Alert> out) throws Exception;
}
