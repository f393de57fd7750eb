package org.insurwatch.jobs.rules.delivery;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.alerts.AlertBuilder;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.DeliveredDrug;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;

import java.util.ArrayList;
import java.util.List;

/** DLV-TRACE-CODE-MISSING: every dispensed drug line is scanned with its traceability codes (追溯码; 003 art.29). */
public final class MissingTraceCodeRule implements FlatMapFunction<Logistics, Alert> {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition RULE = new RuleDefinition("DLV-TRACE-CODE-MISSING", "1", Severity.MEDIUM, RuleCategory.DELIVERY,
            "发药未扫追溯码 Dispensed drug without traceability code", "003 art.29; 002 §4(4)");

    private final Pseudonymiser pseudonymiser;

    public MissingTraceCodeRule(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    @Override
    public void flatMap(Logistics l, Collector<Alert> out) {
        if (!DispensedDrugs.isDispensing(l)) {
            return;
        }
        List<String> uncoded = new ArrayList<>();
        for (DeliveredDrug drug : l.getItems()) {
            if (drug.getTraceabilityCodes().isEmpty()) {
                uncoded.add(drug.getDrugCode());
            }
        }
        if (!uncoded.isEmpty()) {
            out.collect(AlertBuilder.of(RULE, l.getEventTime().toEpochMilli())
                    .evidence("logistics", l.getEventId(), l.getEventTime(), "shipmentId", l.getShipmentId(),
                            "status", l.getStatus().name(), "drugsWithoutCode", String.join(",", uncoded))
                    .institution(null, null, l.getPharmacyId())
                    .poolingRegion(l.getDestinationRegion())
                    .patientPseudonym(pseudonymiser.pseudonym(l.getRecipientInsuredPersonId()))
                    .chain(null, l.getPrescriptionId())
                    .build());
        }
    }
}
