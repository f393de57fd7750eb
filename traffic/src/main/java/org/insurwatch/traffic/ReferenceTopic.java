package org.insurwatch.traffic;

import org.apache.avro.specific.SpecificRecord;

/** The reference-data topics the world fills, named as in the reference schemas' docs. */
public enum ReferenceTopic {
    INSTITUTIONS("ref.institutions"),
    DOCTORS("ref.doctors"),
    INSURED_PERSONS("ref.insured-persons"),
    DRUGS("ref.drugs"),
    CHRONIC_DISEASES("ref.chronic-diseases"),
    PRICE_CAPS("ref.price-caps"),
    OFFLINE_VISITS("ref.offline-visits");

    private final String topicName;

    ReferenceTopic(String topicName) {
        this.topicName = topicName;
    }

    public String topicName() {
        return topicName;
    }

    /**
     * The Kafka key of one version of an entity: the entity and the version's start. Compaction keeps the latest
     * record per key, so keyed by the entity alone a suspension would erase the registration before it, and a replay
     * of the months before the suspension would find the doctor unregistered. Offline visits are events, each its own
     * key already.
     */
    public String key(String entityId, SpecificRecord version) {
        if (this == OFFLINE_VISITS) {
            return entityId;
        }
        return entityId + "@" + version.get(version.getSchema().getField("validFrom").pos());
    }

    /** The topic called {@code topicName}. */
    public static ReferenceTopic named(String topicName) {
        for (ReferenceTopic topic : values()) {
            if (topic.topicName.equals(topicName)) {
                return topic;
            }
        }
        throw new IllegalArgumentException("no stream or reference topic is called " + topicName);
    }
}
