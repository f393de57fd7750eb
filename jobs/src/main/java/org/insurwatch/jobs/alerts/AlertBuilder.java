package org.insurwatch.jobs.alerts;

import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.Evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles one alert: the rule, its evidence events with the key fields judged, where it happened and the
 * money at risk. The id is derived from the rule and the evidence event ids, never from time or order.
 */
public final class AlertBuilder {
    private final RuleDefinition rule;
    private final long detectedAt;
    private final List<Evidence> evidence = new ArrayList<>();
    private final Alert.Builder alert = Alert.newBuilder();
    private long latestEvidence = Long.MIN_VALUE;
    private long fundAtRisk;

    private AlertBuilder(RuleDefinition rule, long detectedAt) {
        this.rule = rule;
        this.detectedAt = detectedAt;
    }

    /** @param detectedAt the event time at which the rule reached its verdict */
    public static AlertBuilder of(RuleDefinition rule, long detectedAt) {
        return new AlertBuilder(rule, detectedAt);
    }

    /** Adds an evidence event; {@code fields} are name/value pairs, null values left out. */
    public AlertBuilder evidence(String stream, String eventId, Instant eventTime, String... fields) {
        Map<String, String> judged = new LinkedHashMap<>();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            if (fields[i + 1] != null) {
                judged.put(fields[i], fields[i + 1]);
            }
        }
        return evidence(new Evidence(stream, eventId, eventTime, judged));
    }

    public AlertBuilder evidence(Evidence item) {
        evidence.add(item);
        latestEvidence = Math.max(latestEvidence, item.getEventTime().toEpochMilli());
        return this;
    }

    public AlertBuilder institution(String institutionId, String internetHospitalId, String pharmacyId) {
        alert.setInstitutionId(institutionId).setInternetHospitalId(internetHospitalId).setPharmacyId(pharmacyId);
        return this;
    }

    public AlertBuilder doctor(String doctorId) {
        alert.setDoctorId(doctorId);
        return this;
    }

    public AlertBuilder poolingRegion(String poolingRegion) {
        alert.setPoolingRegion(poolingRegion);
        return this;
    }

    public AlertBuilder patientPseudonym(String pseudonym) {
        alert.setPatientPseudonym(pseudonym);
        return this;
    }

    public AlertBuilder chain(String consultationId, String prescriptionId) {
        alert.setConsultationId(consultationId).setPrescriptionId(prescriptionId);
        return this;
    }

    public AlertBuilder fundAtRiskFen(long fen) {
        fundAtRisk = fen;
        return this;
    }

    public Alert build() {
        if (evidence.isEmpty()) {
            throw new IllegalStateException(rule.ruleId() + ": an alert needs evidence");
        }
        return alert
                .setAlertId(AlertIds.of(rule.ruleId(), evidence.stream().map(Evidence::getEventId).toArray(String[]::new)))
                .setRuleId(rule.ruleId())
                .setRuleVersion(rule.version())
                .setSeverity(rule.severity())
                .setCategory(rule.category())
                .setTitle(rule.title())
                .setCitation(rule.citation())
                .setEventTime(Instant.ofEpochMilli(latestEvidence))
                .setDetectedAt(Instant.ofEpochMilli(detectedAt))
                .setFundAtRiskFen(fundAtRisk)
                .setEvidence(evidence)
                .build();
    }
}
