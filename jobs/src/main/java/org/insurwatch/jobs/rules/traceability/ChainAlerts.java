package org.insurwatch.jobs.rules.traceability;

import org.insurwatch.jobs.alerts.AlertIds;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.Evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/** Builds the alert of a traceability rule from the chain steps that prove it. */
final class ChainAlerts {
    private ChainAlerts() {
    }

    static Alert alert(RuleDefinition rule, long detectedAt, ChainEvent... evidence) {
        List<Evidence> items = new ArrayList<>(evidence.length);
        long latest = Long.MIN_VALUE;
        long fundAtRisk = 0;
        for (ChainEvent e : evidence) {
            items.add(e.evidence());
            latest = Math.max(latest, e.eventTime);
            if (e.stage == ChainStage.SETTLED) {
                fundAtRisk = Math.max(fundAtRisk, e.fundFen);
            }
        }
        return Alert.newBuilder()
                .setAlertId(AlertIds.of(rule.ruleId(), Stream.of(evidence).map(e -> e.eventId).toArray(String[]::new)))
                .setRuleId(rule.ruleId())
                .setRuleVersion(rule.version())
                .setSeverity(rule.severity())
                .setCategory(rule.category())
                .setTitle(rule.title())
                .setCitation(rule.citation())
                .setEventTime(Instant.ofEpochMilli(latest))
                .setDetectedAt(Instant.ofEpochMilli(detectedAt))
                .setInstitutionId(first(evidence, e -> e.institutionId))
                .setInternetHospitalId(first(evidence, e -> e.internetHospitalId))
                .setPharmacyId(first(evidence, e -> e.pharmacyId))
                .setDoctorId(first(evidence, e -> e.doctorId))
                .setPoolingRegion(first(evidence, e -> e.poolingRegion))
                .setPatientPseudonym(first(evidence, e -> e.patientPseudonym))
                .setPrescriptionId(first(evidence, e -> e.prescriptionId))
                .setConsultationId(first(evidence, e -> e.consultationId))
                .setFundAtRiskFen(fundAtRisk)
                .setEvidence(items)
                .build();
    }

    private static String first(ChainEvent[] evidence, Function<ChainEvent, String> field) {
        return Stream.of(evidence).map(field).filter(Objects::nonNull).findFirst().orElse(null);
    }
}
