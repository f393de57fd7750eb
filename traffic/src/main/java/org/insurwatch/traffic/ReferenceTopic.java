package org.insurwatch.traffic;

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
