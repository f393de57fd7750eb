package org.insurwatch.traffic;

import org.apache.avro.specific.SpecificRecord;

/** One reference-data record of the world, with the key its compacted topic is keyed by. */
public record ReferenceRecord(ReferenceTopic topic, String key, SpecificRecord record) {

    /** A version of entity {@code entityId}, keyed as its topic keys versions. */
    public static ReferenceRecord of(ReferenceTopic topic, String entityId, SpecificRecord record) {
        return new ReferenceRecord(topic, topic.key(entityId, record), record);
    }
}
