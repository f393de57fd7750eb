package org.insurwatch.traffic;

import org.apache.avro.specific.SpecificRecord;

/**
 * One event of the traffic.
 *
 * @param stream consultation, prescription, settlement or logistics ({@link TrafficStream#streamName()}); or
 *     {@code ref.offline-visits} ({@link ReferenceTopic#OFFLINE_VISITS}) for an offline visit an insured person
 *     makes while the traffic runs, which the insurer learns of as reference data
 * @param key the Kafka key: the consultation id, the prescription id (prescriptions and logistics), the
 *     settlement id or the offline visit id
 * @param eventTimeMillis the record's event time: consultation eventTime, prescription uploadedAt, settlement
 *     settledAt, logistics eventTime, offline visit visitedAt
 */
public record GeneratedEvent(String stream, String key, long eventTimeMillis, SpecificRecord record) {
}
