package org.insurwatch.jobs.rules.traceability;

import org.insurwatch.schema.alert.Evidence;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a visit's chain, reduced to what the traceability rules judge. The patient is already a
 * pseudonym here. A Flink POJO.
 */
public class ChainEvent {
    public ChainStage stage;
    public String eventId;
    /** The event's event time (when its platform recorded it), epoch millis. */
    public long eventTime;
    /** When the step happened in the world (visit start, signing, payment, dispatch or hand-over), epoch millis. */
    public long occurredAt;
    public String consultationId;
    public String prescriptionId;
    public String settlementId;
    /** For a dispatch, delivery or pick-up: the shipment it is a scan of; all scans of one shipment are one dispensing. */
    public String shipmentId;
    public String doctorId;
    public String institutionId;
    public String internetHospitalId;
    public String pharmacyId;
    public String poolingRegion;
    public String patientPseudonym;
    public long fundFen;
    /** For a settlement: the patient chose home delivery or pharmacy pick-up, so a hand-over must follow. */
    public boolean handOverExpected;
    /** For a prescription: when the pharmacist approved it, epoch millis; 0 when no approving review was recorded. */
    public long reviewedAt;
    /** For a consultation: pseudonyms of the guardians authorised at the visit to settle for the patient, comma-separated. */
    public String guardianPseudonyms;
    /** For a settlement: pseudonym of the guardian who settled for the patient, if one did. */
    public String payerPseudonym;

    public ChainEvent() {
    }

    public Evidence evidence() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("stage", stage.name());
        fields.put("occurredAt", Instant.ofEpochMilli(occurredAt).toString());
        put(fields, "consultationId", consultationId);
        put(fields, "prescriptionId", prescriptionId);
        put(fields, "settlementId", settlementId);
        put(fields, "shipmentId", shipmentId);
        put(fields, "doctorId", doctorId);
        put(fields, "pharmacyId", pharmacyId);
        if (stage == ChainStage.SETTLED) {
            fields.put("fundFen", Long.toString(fundFen));
        }
        return Evidence.newBuilder()
                .setStream(stage.stream())
                .setEventId(eventId)
                .setEventTime(Instant.ofEpochMilli(eventTime))
                .setFields(fields)
                .build();
    }

    private static void put(Map<String, String> fields, String key, String value) {
        if (value != null) {
            fields.put(key, value);
        }
    }

    @Override
    public String toString() {
        return stage + " " + eventId + " @" + Instant.ofEpochMilli(eventTime);
    }
}
