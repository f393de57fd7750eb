package org.insurwatch.traffic;

import org.apache.avro.specific.SpecificRecord;

/** One reference-data record of the world, with the key its compacted topic is keyed by. */
public record ReferenceRecord(ReferenceTopic topic, String key, SpecificRecord record) {
}
