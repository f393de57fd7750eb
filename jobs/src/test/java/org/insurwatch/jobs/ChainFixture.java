package org.insurwatch.jobs;

import org.insurwatch.jobs.ingest.FixedStreamSources;
import org.insurwatch.jobs.reference.ReferenceKind;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.reference.AgreementStatus;
import org.insurwatch.schema.reference.DoctorRegistration;
import org.insurwatch.schema.reference.DoctorStatus;
import org.insurwatch.schema.reference.DrugCatalogueEntry;
import org.insurwatch.schema.reference.InstitutionAgreement;
import org.insurwatch.schema.reference.InstitutionKind;
import org.insurwatch.schema.reference.OfflineVisit;
import org.insurwatch.schema.DeliveryStatus;
import org.insurwatch.schema.Diagnosis;
import org.insurwatch.schema.ESignature;
import org.insurwatch.schema.FeeItem;
import org.insurwatch.schema.FeeKind;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.IdentityVerification;
import org.insurwatch.schema.OfflineDiagnosisRef;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.PharmacistReview;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.PrescriptionLine;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.VisitType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Hand-made records of one visit chain, named by a chain id, for tests that need exact control over each step. */
public final class ChainFixture {
    public static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    public static final String PATIENT_ID = "IP3502030001";
    public static final String PATIENT_NAME = "王小明";
    public static final String PATIENT_ID_NUMBER = "350203198001011234";

    private final String id;
    private final String patientId;

    /** The config of a job over fixture records on a MiniCluster of two slots: parallelism 2, a key file in {@code dir}. */
    public static JobConfig jobConfig(Path dir) throws IOException {
        Path key = dir.resolve("pseudonym.key");
        Files.writeString(key, "fixture-pseudonym-key");
        return JobConfig.parse("parallelism: 2\nprivacy: {pseudonymKeyFile: " + key + "}\n");
    }

    /** A chain of the fixture's one patient, {@link #PATIENT_ID}. */
    public ChainFixture(String id) {
        this(id, PATIENT_ID);
    }

    private ChainFixture(String id, String patientId) {
        this.id = id;
        this.patientId = patientId;
    }

    /**
     * A chain of a patient of its own: chains of one patient minutes apart would be early refills of one another.
     * {@link #registerPatient} gives the patient an offline diagnosis to follow up.
     */
    public static ChainFixture ofOwnPatient(String id) {
        return new ChainFixture(id, PATIENT_ID + "-" + id);
    }

    /** The patient's offline hypertension diagnosis a month before {@link #T0}, on the offline-visit reference stream. */
    public void registerPatient(FixedStreamSources sources) {
        OfflineVisit visit = offlineVisit(offlineVisitId(), T0.minus(Duration.ofDays(30)));
        visit.setInsuredPersonId(patientId);
        sources.addReference(ReferenceKind.OFFLINE_VISIT, AvroBytes.of(visit::toByteBuffer));
    }

    private String offlineVisitId() {
        return patientId.equals(PATIENT_ID) ? "OV-01" : "OV-" + id;
    }

    public String consultationId() {
        return "C-" + id;
    }

    public String prescriptionId() {
        return "RX-" + id;
    }

    public String settlementId() {
        return "S-" + id;
    }

    /**
     * The reference data the fixture's chains rely on: doctor D-01, internet hospital IH-01 and drug XA01, all in
     * good standing since 2020, and the patient's offline hypertension diagnosis a month before {@link #T0}.
     */
    public static void registerParticipants(FixedStreamSources sources) {
        Instant since = Instant.parse("2020-01-01T00:00:00Z");
        sources.addReference(ReferenceKind.DOCTOR, AvroBytes.of(DoctorRegistration.newBuilder().setDoctorId("D-01")
                .setInternetPlusQualified(true).setStatus(DoctorStatus.ACTIVE).setValidFrom(since).build()::toByteBuffer));
        sources.addReference(ReferenceKind.INSTITUTION, AvroBytes.of(InstitutionAgreement.newBuilder().setInstitutionId("IH-01")
                .setKind(InstitutionKind.INTERNET_HOSPITAL).setPoolingRegion("350203").setAgreementStatus(AgreementStatus.VALID)
                .setValidFrom(since).build()::toByteBuffer));
        sources.addReference(ReferenceKind.DRUG, AvroBytes.of(DrugCatalogueEntry.newBuilder().setDrugCode("XA01")
                .setInInsuranceList(true).setReferencePriceFen(2500L).setValidFrom(since).build()::toByteBuffer));
        sources.addReference(ReferenceKind.OFFLINE_VISIT, AvroBytes.of(offlineVisit("OV-01", T0.minus(Duration.ofDays(30)))::toByteBuffer));
    }

    /** An offline visit at which the patient's hypertension was diagnosed. */
    public static OfflineVisit offlineVisit(String offlineVisitId, Instant visitedAt) {
        return OfflineVisit.newBuilder().setOfflineVisitId(offlineVisitId).setInsuredPersonId(PATIENT_ID)
                .setInstitutionId("H-01").setDiagnoses(List.of(new Diagnosis("I10", "高血压"))).setVisitedAt(visitedAt).build();
    }

    public Consultation consultation(Instant startedAt) {
        return Consultation.newBuilder()
                .setEventId("ev-c-" + id).setEventTime(startedAt.plusSeconds(10))
                .setConsultationId(consultationId()).setStartedAt(startedAt).setEndedAt(startedAt.plus(Duration.ofMinutes(10)))
                .setInternetHospitalId("IH-01").setInstitutionId("H-01").setDoctorId("D-01")
                .setInsuredPersonId(patientId).setPatientName(PATIENT_NAME).setPatientIdNumber(PATIENT_ID_NUMBER)
                .setIdentityVerification(IdentityVerification.FACE_RECOGNITION).setVisitType(VisitType.FOLLOW_UP)
                .setDiagnoses(List.of(new Diagnosis("I10", "高血压")))
                .setFollowUpOf(new OfflineDiagnosisRef(offlineVisitId(), "H-01", new Diagnosis("I10", "高血压"), T0.minus(Duration.ofDays(30))))
                .setPoolingRegion("350203")
                .build();
    }

    public Prescription prescription(Instant signedAt, Instant uploadedAt) {
        return Prescription.newBuilder()
                .setEventId("ev-p-" + id).setPrescriptionId(prescriptionId()).setConsultationId(consultationId())
                .setInternetHospitalId("IH-01").setInstitutionId("H-01").setDoctorId("D-01").setInsuredPersonId(patientId)
                .setSignedAt(signedAt).setUploadedAt(uploadedAt)
                .setESignature(new ESignature("CERT-01", signedAt))
                .setPharmacistReview(new PharmacistReview("PH-01", signedAt.plusSeconds(120), true))
                .setDiagnoses(List.of(new Diagnosis("I10", "高血压")))
                .setLines(List.of(new PrescriptionLine("XA01", "氨氯地平片", 2, "盒", 28)))
                .setPoolingRegion("350203")
                .build();
    }

    public Settlement settlement(Instant settledAt, Fulfilment fulfilment) {
        return Settlement.newBuilder()
                .setEventId("ev-s-" + id).setSettlementId(settlementId()).setSettledAt(settledAt)
                .setConsultationId(consultationId()).setPrescriptionId(prescriptionId()).setInsuredPersonId(patientId)
                .setSettlingInstitutionId("PHA-01").setPharmacyId("PHA-01").setInternetHospitalId("IH-01")
                .setPoolingRegion("350203")
                .setTotalFen(5600).setFundFen(4000).setPersonalAccountFen(1000).setCashFen(600)
                .setFeeItems(List.of(new FeeItem(FeeKind.DRUG, "XA01", 2, 2500L, 5000L, 4000L, 1000L, 0L),
                        new FeeItem(FeeKind.DELIVERY_FEE, "DLV", 1, 600L, 600L, 0L, 0L, 600L)))
                .setFulfilment(fulfilment)
                .build();
    }

    public Logistics logistics(String step, DeliveryStatus status, Instant at) {
        return Logistics.newBuilder()
                .setEventId("ev-l-" + step + "-" + id).setEventTime(at).setShipmentId("SH-" + id)
                .setPrescriptionId(prescriptionId()).setSettlementId(settlementId()).setStatus(status)
                .setPharmacyId("PHA-01").setDestinationRegion("350203").setRecipientInsuredPersonId(patientId)
                .build();
    }
}
