package org.insurwatch.jobs.rules.identity;

import org.apache.flink.util.Collector;
import org.insurwatch.jobs.alerts.AlertBuilder;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.reference.ReferenceLookup;
import org.insurwatch.jobs.reference.ReferenceRule;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;
import org.insurwatch.schema.reference.DoctorRegistration;
import org.insurwatch.schema.reference.DoctorStatus;

import java.util.Optional;

/**
 * ID-DOCTOR-UNREGISTERED and ID-DOCTOR-SUSPENDED: the doctor who signs must be a registered insurance doctor
 * qualified for Internet+ services (002 §4(3)) and not suspended (000 art.9), as the registry stood when he signed.
 */
public final class DoctorRegistrationRule implements ReferenceRule<Prescription> {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition UNREGISTERED = new RuleDefinition("ID-DOCTOR-UNREGISTERED", "1", Severity.HIGH,
            RuleCategory.IDENTITY, "医师未备案医保互联网+资质 Doctor not registered for Internet+ insurance services", "002 §4(3); 000 art.3(三)");
    public static final RuleDefinition SUSPENDED = new RuleDefinition("ID-DOCTOR-SUSPENDED", "1", Severity.CRITICAL,
            RuleCategory.IDENTITY, "医师医保服务已暂停 Doctor's insurance service suspended", "000 art.9");

    private final Pseudonymiser pseudonymiser;

    public DoctorRegistrationRule(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    @Override
    public void judge(Prescription p, ReferenceLookup reference, Collector<Alert> out) throws Exception {
        Optional<DoctorRegistration> registration = reference.doctor(p.getDoctorId(), p.getSignedAt());
        RuleDefinition broken;
        String finding;
        if (registration.isEmpty()) {
            broken = UNREGISTERED;
            finding = "not in the registry";
        } else if (registration.get().getStatus() == DoctorStatus.REVOKED || !registration.get().getInternetPlusQualified()) {
            broken = UNREGISTERED;
            finding = registration.get().getStatus() == DoctorStatus.REVOKED ? "registration revoked" : "no Internet+ qualification";
        } else if (registration.get().getStatus() == DoctorStatus.SUSPENDED) {
            broken = SUSPENDED;
            finding = "suspended since " + registration.get().getValidFrom();
        } else {
            return;
        }
        out.collect(AlertBuilder.of(broken, p.getUploadedAt().toEpochMilli())
                .evidence("prescription", p.getEventId(), p.getUploadedAt(), "prescriptionId", p.getPrescriptionId(),
                        "doctorId", p.getDoctorId(), "signedAt", p.getSignedAt().toString(), "registry", finding)
                .institution(p.getInstitutionId(), p.getInternetHospitalId(), null)
                .doctor(p.getDoctorId())
                .poolingRegion(p.getPoolingRegion())
                .patientPseudonym(pseudonymiser.pseudonym(p.getInsuredPersonId()))
                .chain(p.getConsultationId(), p.getPrescriptionId())
                .build());
    }
}
