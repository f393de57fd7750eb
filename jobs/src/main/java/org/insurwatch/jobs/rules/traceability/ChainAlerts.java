package org.insurwatch.jobs.rules.traceability;

import org.insurwatch.jobs.alerts.AlertBuilder;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.alert.Alert;

import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/** Builds the alert of a traceability rule from the chain steps that prove it. */
public final class ChainAlerts {
    private ChainAlerts() {
    }

    public static Alert alert(RuleDefinition rule, long detectedAt, ChainEvent... evidence) {
        AlertBuilder alert = AlertBuilder.of(rule, detectedAt)
                .institution(first(evidence, e -> e.institutionId), first(evidence, e -> e.internetHospitalId),
                        first(evidence, e -> e.pharmacyId))
                .doctor(first(evidence, e -> e.doctorId))
                .poolingRegion(first(evidence, e -> e.poolingRegion))
                .patientPseudonym(first(evidence, e -> e.patientPseudonym))
                .chain(first(evidence, e -> e.consultationId), first(evidence, e -> e.prescriptionId))
                .fundAtRiskFen(Stream.of(evidence).filter(e -> e.stage == ChainStage.SETTLED).mapToLong(e -> e.fundFen).max().orElse(0));
        for (ChainEvent e : evidence) {
            alert.evidence(e.evidence());
        }
        return alert.build();
    }

    private static String first(ChainEvent[] evidence, Function<ChainEvent, String> field) {
        return Stream.of(evidence).map(field).filter(Objects::nonNull).findFirst().orElse(null);
    }
}
