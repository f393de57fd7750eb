package org.insurwatch.jobs.rules.prescription;

import org.apache.flink.util.Collector;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.reference.ReferenceLookup;
import org.insurwatch.jobs.reference.ReferenceRule;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.Diagnosis;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.PrescriptionLine;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;
import org.insurwatch.schema.reference.ChronicDisease;

import java.util.Optional;

/**
 * RX-LONG-SUPPLY: a prescription may cover at most the days the rules allow — up to three months for a stable
 * chronic disease on the chronic disease list in force (hypertension, diabetes, coronary heart disease; 001 §4),
 * otherwise the general limit of the rule settings in force (30 days by default; 003 art.23).
 */
public final class LongSupplyRule implements ReferenceRule<Prescription> {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition RULE = new RuleDefinition("RX-LONG-SUPPLY", "1", Severity.MEDIUM, RuleCategory.PRESCRIPTION,
            "处方用药天数超限 Days of supply above the limit", "001 §4; 003 art.23; 000 art.7");

    private final Pseudonymiser pseudonymiser;

    public LongSupplyRule(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    @Override
    public void judge(Prescription p, ReferenceLookup reference, Collector<Alert> out) throws Exception {
        int limit = reference.ruleSettings(p.getUploadedAt()).maxDaysOfSupply();
        String chronic = null;
        for (Diagnosis diagnosis : p.getDiagnoses()) {
            Optional<ChronicDisease> disease = reference.chronicDisease(diagnosis.getIcd10Code(), p.getSignedAt());
            if (disease.isPresent() && disease.get().getMaxDaysOfSupply() > limit) {
                limit = disease.get().getMaxDaysOfSupply();
                chronic = diagnosis.getIcd10Code();
            }
        }
        int longest = 0;
        String drug = null;
        for (PrescriptionLine line : p.getLines()) {
            if (line.getDaysOfSupply() > longest) {
                longest = line.getDaysOfSupply();
                drug = line.getDrugCode();
            }
        }
        if (longest > limit) {
            out.collect(PrescriptionAlerts.about(RULE, p, pseudonymiser, "drugCode", drug, "daysOfSupply", Integer.toString(longest),
                    "limitDays", Integer.toString(limit), "chronicDiagnosis", chronic).build());
        }
    }
}
