package org.insurwatch.traffic;

import org.apache.avro.specific.SpecificRecord;

/**
 * One event of the traffic.
 *
 * @param stream consultation, prescription, settlement or logistics
 * @param key the Kafka key: the consultation id, the prescription id (prescriptions and logistics) or the
 *     settlement id
 * @param eventTimeMillis the record's event time: consultation eventTime, prescription uploadedAt, settlement
 *     settledAt, logistics eventTime
 */
public record GeneratedEvent(String stream, String key, long eventTimeMillis, SpecificRecord record) {
}
