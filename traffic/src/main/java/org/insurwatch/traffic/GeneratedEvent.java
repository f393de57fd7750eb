package org.insurwatch.traffic;

import org.apache.avro.specific.SpecificRecord;

/**
 * One event of the traffic.
 *
 * @param stream consultation, prescription, settlement or logistics ({@link TrafficStream#streamName()}); or
 *     {@code ref.offline-visits} ({@link ReferenceTopic#OFFLINE_VISITS}) for an offline visit an insured person
 *     makes while the traffic runs, which the insurer learns of as reference data; or {@code ref.doctors},
 *     {@code ref.institutions}, {@code ref.insured-persons} for a reference version a scenario publishes
 * @param key the Kafka key: the consultation id, the prescription id (prescriptions and logistics), the
 *     settlement id, the offline visit id; for a reference version the entity's id (doctor, institution,
 *     insured person)
 * @param eventTimeMillis the record's event time: consultation eventTime, prescription uploadedAt, settlement
 *     settledAt, logistics eventTime (which a {@link Scenario#LATE_BUT_ALLOWED} event reaches the traffic up to
 *     20 s after), offline visit visitedAt; for a reference version when it is published, the start of the
 *     consultation of the chain that needs it, at or before its validFrom; so also for a visit made before the
 *     traffic began (a person's first diagnosis, a walk-in patient's), published with the chain
 */
public record GeneratedEvent(String stream, String key, long eventTimeMillis, SpecificRecord record) {
}
