package org.insurwatch.jobs.rules.bulk;

import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.Diagnosis;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.PrescriptionLine;
import org.insurwatch.schema.alert.Evidence;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What a burst cites of each prescription or consultation: where and for whom (pseudonymised), and what. */
final class BulkEvidence {
    static final String PATIENT = "patientPseudonym";
    static final String CONTENT = "content";
    static final String INTERNET_HOSPITAL = "internetHospitalId";

    private BulkEvidence() {
    }

    static Evidence of(Prescription p, Pseudonymiser pseudonymiser) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("prescriptionId", p.getPrescriptionId());
        fields.put(INTERNET_HOSPITAL, p.getInternetHospitalId());
        fields.put("institutionId", p.getInstitutionId());
        fields.put("poolingRegion", p.getPoolingRegion());
        fields.put("signedAt", p.getSignedAt().toString());
        fields.put(PATIENT, pseudonymiser.pseudonym(p.getInsuredPersonId()));
        fields.put(CONTENT, content(p));
        return new Evidence("prescription", p.getEventId(), p.getUploadedAt(), fields);
    }

    static Evidence of(Consultation c, Pseudonymiser pseudonymiser) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("consultationId", c.getConsultationId());
        fields.put(INTERNET_HOSPITAL, c.getInternetHospitalId());
        fields.put("institutionId", c.getInstitutionId());
        fields.put("poolingRegion", c.getPoolingRegion());
        fields.put("startedAt", c.getStartedAt().toString());
        if (c.getEndedAt() != null) {
            fields.put("endedAt", c.getEndedAt().toString());
        }
        fields.put(PATIENT, pseudonymiser.pseudonym(c.getInsuredPersonId()));
        return new Evidence("consultation", c.getEventId(), c.getEventTime(), fields);
    }

    /**
     * What a prescription prescribes, for telling a template: its diagnoses and its drug lines (code, quantity,
     * days), each sorted, so two prescriptions written alike read alike whatever order their lines came in.
     */
    static String content(Prescription p) {
        String diagnoses = p.getDiagnoses().stream().map(Diagnosis::getIcd10Code).sorted().collect(Collectors.joining(","));
        String lines = p.getLines().stream().map(BulkEvidence::line).sorted().collect(Collectors.joining(","));
        return diagnoses + "|" + lines;
    }

    private static String line(PrescriptionLine l) {
        return l.getDrugCode() + "x" + l.getQuantity() + "/" + l.getDaysOfSupply() + "d";
    }
}
