package org.insurwatch.jobs.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.Evidence;

/** An alert as the JSON document stored in Elasticsearch (and sent to webhooks): the Avro record's fields, times in ISO-8601. */
public final class AlertDocument {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertDocument() {
    }

    public static ObjectNode toJson(Alert alert) {
        ObjectNode doc = JSON.createObjectNode()
                .put("alertId", alert.getAlertId())
                .put("ruleId", alert.getRuleId())
                .put("ruleVersion", alert.getRuleVersion())
                .put("settingsVersion", alert.getSettingsVersion())
                .put("severity", alert.getSeverity().name())
                .put("category", alert.getCategory().name())
                .put("title", alert.getTitle())
                .put("citation", alert.getCitation())
                .put("eventTime", alert.getEventTime().toString())
                .put("detectedAt", alert.getDetectedAt().toString())
                .put("institutionId", alert.getInstitutionId())
                .put("internetHospitalId", alert.getInternetHospitalId())
                .put("pharmacyId", alert.getPharmacyId())
                .put("doctorId", alert.getDoctorId())
                .put("poolingRegion", alert.getPoolingRegion())
                .put("patientPseudonym", alert.getPatientPseudonym())
                .put("prescriptionId", alert.getPrescriptionId())
                .put("consultationId", alert.getConsultationId())
                .put("fundAtRiskFen", alert.getFundAtRiskFen());
        ArrayNode evidence = doc.putArray("evidence");
        for (Evidence e : alert.getEvidence()) {
            ObjectNode item = evidence.addObject()
                    .put("stream", e.getStream())
                    .put("eventId", e.getEventId())
                    .put("eventTime", e.getEventTime().toString());
            ObjectNode fields = item.putObject("fields");
            e.getFields().forEach(fields::put);
        }
        return doc;
    }

    public static byte[] toBytes(Alert alert) {
        try {
            return JSON.writeValueAsBytes(toJson(alert));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write alert " + alert.getAlertId() + " as JSON", e);
        }
    }
}
