package org.insurwatch.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.insurwatch.schema.reference.AgreementStatus;
import org.insurwatch.schema.reference.ChronicDisease;
import org.insurwatch.schema.reference.DoctorRegistration;
import org.insurwatch.schema.reference.DoctorStatus;
import org.insurwatch.schema.reference.DrugCatalogueEntry;
import org.insurwatch.schema.reference.InstitutionAgreement;
import org.insurwatch.schema.reference.InstitutionKind;
import org.insurwatch.schema.reference.InsuredPersonStatus;
import org.insurwatch.schema.reference.InsuredStatus;
import org.insurwatch.schema.reference.PriceCap;

/**
 * Turns a world into the reference-data records the job judges the traffic against, and renders the versions
 * scenarios publish in the traffic.
 */
final class ReferenceData {

    // Everything took effect well before any offline diagnosis, so no record is judged before it is valid.
    private static final Duration IN_FORCE_FOR = Duration.ofDays(730);
    /** How long before the world's date the agreements of the hospitals without one were terminated. */
    static final Duration TERMINATED_BEFORE = Duration.ofDays(30);
    static final int CHRONIC_MAX_DAYS_OF_SUPPLY = 90;
    private static final int SHELF_LIFE_DAYS = 730;

    private ReferenceData() {
    }

    static Stream<ReferenceRecord> of(World world) {
        Instant validFrom = world.asOf().minus(IN_FORCE_FOR);
        return Stream.of(
                world.physicalInstitutions().stream().map(i -> institution(i.id(), i.name(),
                        InstitutionKind.PHYSICAL_INSTITUTION, null, i.region(), validFrom)),
                world.internetHospitals().stream().map(h -> ReferenceRecord.of(ReferenceTopic.INSTITUTIONS, h.id(),
                        agreement(h, AgreementStatus.VALID, validFrom, null))),
                world.hospitalsWithoutAgreement().stream().map(h -> ReferenceRecord.of(ReferenceTopic.INSTITUTIONS,
                        h.id(), agreement(h, AgreementStatus.TERMINATED, world.asOf().minus(TERMINATED_BEFORE), null))),
                world.pharmacies().stream().map(p -> institution(p.id(), p.name(),
                        InstitutionKind.RETAIL_PHARMACY, null, p.region(), validFrom)),
                world.doctors().stream().map(d -> doctor(d, validFrom)),
                DrugCatalogue.DRUGS.stream().map(d -> drug(d, true, validFrom)),
                DrugCatalogue.NOT_COVERED.stream().map(d -> drug(d, false, validFrom)),
                Arrays.stream(Disease.values()).filter(Disease::chronic).map(d -> chronicDisease(d, validFrom)),
                world.poolingRegions().stream().map(r -> consultationFeeCap(r, validFrom))
        ).flatMap(records -> records);
    }

    private static ReferenceRecord institution(String id, String name, InstitutionKind kind, String physicalId,
                                               PoolingRegion region, Instant validFrom) {
        return ReferenceRecord.of(ReferenceTopic.INSTITUTIONS, id, new InstitutionAgreement(id, name, kind,
                physicalId, region.code(), AgreementStatus.VALID, validFrom, null));
    }

    private static ReferenceRecord doctor(Doctor doctor, Instant validFrom) {
        return ReferenceRecord.of(ReferenceTopic.DOCTORS, doctor.id(),
                registration(doctor, DoctorStatus.ACTIVE, validFrom, null));
    }

    /** A version of a doctor's registration, qualified for Internet+ services at the doctor's internet hospitals. */
    static DoctorRegistration registration(Doctor doctor, DoctorStatus status, Instant validFrom, Instant validTo) {
        List<String> hospitalIds = doctor.internetHospitals().stream().map(InternetHospital::id).toList();
        return new DoctorRegistration(doctor.id(), doctor.insuranceDoctorCode(), doctor.name(), true, status,
                hospitalIds, validFrom, validTo);
    }

    /** A version of an internet hospital's Internet+ agreement. */
    static InstitutionAgreement agreement(InternetHospital hospital, AgreementStatus status, Instant validFrom,
                                          Instant validTo) {
        return new InstitutionAgreement(hospital.id(), hospital.name(), InstitutionKind.INTERNET_HOSPITAL,
                hospital.owner().id(), hospital.region().code(), status, validFrom, validTo);
    }

    /** A version of an insured person's status. */
    static InsuredPersonStatus insuredStatus(InsuredPerson person, InsuredStatus status, Instant validFrom,
                                             Instant validTo) {
        return new InsuredPersonStatus(person.id(), person.region().code(), status, validFrom, validTo);
    }

    private static ReferenceRecord drug(Drug drug, boolean inInsuranceList, Instant validFrom) {
        return ReferenceRecord.of(ReferenceTopic.DRUGS, drug.code(), new DrugCatalogueEntry(drug.code(),
                drug.genericName(), drug.unit(), inInsuranceList, drug.referencePriceFen(), SHELF_LIFE_DAYS,
                validFrom, null));
    }

    private static ReferenceRecord chronicDisease(Disease disease, Instant validFrom) {
        return ReferenceRecord.of(ReferenceTopic.CHRONIC_DISEASES, disease.icd10Category(), new ChronicDisease(
                disease.icd10Category(), disease.displayName(), CHRONIC_MAX_DAYS_OF_SUPPLY, validFrom, null));
    }

    private static ReferenceRecord consultationFeeCap(PoolingRegion region, Instant validFrom) {
        return ReferenceRecord.of(ReferenceTopic.PRICE_CAPS, region.code() + ":" + SettlementBill.CONSULTATION_FEE_ITEM,
                new PriceCap(SettlementBill.CONSULTATION_FEE_ITEM, region.code(), region.consultationFeeCapFen(),
                        validFrom, null));
    }
}
