package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.insurwatch.schema.reference.AgreementStatus;
import org.insurwatch.schema.reference.ChronicDisease;
import org.insurwatch.schema.reference.DoctorRegistration;
import org.insurwatch.schema.reference.DoctorStatus;
import org.insurwatch.schema.reference.DrugCatalogueEntry;
import org.insurwatch.schema.reference.InstitutionAgreement;
import org.insurwatch.schema.reference.InstitutionKind;
import org.insurwatch.schema.reference.PriceCap;
import org.junit.jupiter.api.Test;

class WorldTest {

    private final World world = GeneratedTraffic.world(1);

    @Test
    void theSameSeedBuildsTheSameWorld() {
        assertThat(GeneratedTraffic.world(1).insuredPersons()).isEqualTo(world.insuredPersons());
        assertThat(GeneratedTraffic.world(1).doctors()).isEqualTo(world.doctors());
        assertThat(GeneratedTraffic.world(2).insuredPersons()).isNotEqualTo(world.insuredPersons());
    }

    @Test
    void insuredPersonsCarryPersonalDataOfNobody() {
        assertThat(world.insuredPersons()).hasSize(5_000).allSatisfy(person -> {
            assertThat(person.id()).matches("IP\\d{14}").startsWith("IP" + person.region().code());
            assertThat(person.name()).matches("\\p{IsHan}{2,3}");
            assertThat(person.residentIdNumber()).matches("\\d{17}[\\dX]").startsWith(person.region().code());
            assertThat(checkCharacterIsValid(person.residentIdNumber())).isFalse();
            assertThat(person.offlineDiagnosis().institution().region()).isEqualTo(person.region());
        });
        assertThat(world.insuredPersons().stream().map(p -> p.region().code()).distinct())
                .containsExactlyInAnyOrder("350203", "350206", "350211", "350102", "371302", "140105", "532301");
        assertThat(world.insuredPersons()).extracting(InsuredPerson::id).doesNotHaveDuplicates();
        assertThat(world.insuredPersons()).extracting(InsuredPerson::residentIdNumber).doesNotHaveDuplicates();
    }

    @Test
    void millionsOfInsuredPersonsAreDerivedWhenAskedForNotKept() {
        World demo = World.create(1, WorldSizes.DEMO, TrafficOptions.DEFAULT_START);
        List<InsuredPerson> persons = demo.insuredPersons();

        assertThat(persons).hasSize(2_100_000);
        InsuredPerson last = persons.get(2_099_999);
        assertThat(last.serial()).isEqualTo(2_099_999);
        assertThat(last.id()).isEqualTo("IP" + last.region().code() + "02100000");
        assertThat(last.offlineDiagnosis().offlineVisitId()).isEqualTo("OV" + last.region().code() + "02100000");
        assertThat(World.create(1, WorldSizes.DEMO, TrafficOptions.DEFAULT_START).insuredPerson(2_099_999))
                .isEqualTo(last).isNotSameAs(last);
        assertThat(demo.firstDiagnosis(2_099_999)).satisfies(first -> {
            assertThat(demo.physicalInstitutions().get(first.institution()))
                    .isEqualTo(last.offlineDiagnosis().institution());
            assertThat(first.disease()).isEqualTo(last.offlineDiagnosis().disease());
            assertThat(first.diagnosedAtMillis()).isEqualTo(last.offlineDiagnosis().diagnosedAt().toEpochMilli());
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> demo.insuredPerson(2_100_000))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void doctorsPractiseAtOneOrTwoInternetHospitalsOfOneCity() {
        assertThat(world.doctors()).hasSize(1_000).allSatisfy(doctor -> {
            assertThat(doctor.internetHospitals()).hasSizeBetween(1, 2).doesNotHaveDuplicates();
            assertThat(doctor.internetHospitals().stream().map(InternetHospital::region).distinct()).hasSize(1);
        });
        assertThat(world.doctors()).anySatisfy(doctor -> assertThat(doctor.internetHospitals()).hasSize(2));
        assertThat(world.internetHospitals()).allSatisfy(h -> assertThat(world.physicalInstitutions()).contains(h.owner()));
    }

    @Test
    void everyRegionHasInstitutionsAndPharmaciesInProportionToItsPopulation() {
        assertThat(PoolingRegion.ALL).allSatisfy(region -> {
            assertThat(world.pharmaciesIn(region)).isNotEmpty();
            assertThat(world.physicalInstitutions()).anySatisfy(i -> assertThat(i.region()).isEqualTo(region));
            assertThat(world.internetHospitals()).anySatisfy(h -> assertThat(h.region()).isEqualTo(region));
        });
        assertThat(PoolingRegion.apportion(61)).hasSize(61).filteredOn(r -> r.code().equals("371302")).hasSize(12);
        assertThat(PoolingRegion.apportion(7)).containsExactlyElementsOf(PoolingRegion.ALL);
        assertThat(PoolingRegion.apportion(3)).hasSize(3);
        assertThat(world.physicalInstitutions()).extracting(PhysicalInstitution::id).doesNotHaveDuplicates();
        assertThat(world.internetHospitals()).extracting(InternetHospital::id).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(world.physicalInstitutions()).extracting(PhysicalInstitution::id)
                        .doesNotContain(id));
        assertThat(world.pharmacies()).extracting(RetailPharmacy::id).doesNotHaveDuplicates();
    }

    @Test
    void referenceDataDescribesTheWholeWorldAsActiveAndValidButTheHospitalsWithoutAgreement() {
        Map<ReferenceTopic, List<ReferenceRecord>> byTopic = world.referenceData()
                .collect(Collectors.groupingBy(ReferenceRecord::topic));
        List<String> withoutAgreement = world.hospitalsWithoutAgreement().stream().map(InternetHospital::id).toList();

        assertThat(byTopic.get(ReferenceTopic.INSTITUTIONS)).hasSize(14 + 10 + 21 + 7)
                .extracting(r -> (InstitutionAgreement) r.record()).allSatisfy(agreement -> {
                    assertThat(agreement.getAgreementStatus()).isEqualTo(
                            withoutAgreement.contains(agreement.getInstitutionId())
                                    ? AgreementStatus.TERMINATED : AgreementStatus.VALID);
                    assertThat(agreement.getValidFrom()).isBefore(world.asOf());
                    assertThat(agreement.getValidTo()).isNull();
                    assertThat(agreement.getPhysicalInstitutionId() != null)
                            .isEqualTo(agreement.getKind() == InstitutionKind.INTERNET_HOSPITAL);
                });
        assertThat(byTopic).doesNotContainKey(ReferenceTopic.INSURED_PERSONS);
        assertThat(byTopic.get(ReferenceTopic.DOCTORS)).hasSize(1_000)
                .extracting(r -> (DoctorRegistration) r.record()).allSatisfy(doctor -> {
                    assertThat(doctor.getStatus()).isEqualTo(DoctorStatus.ACTIVE);
                    assertThat(doctor.getInternetPlusQualified()).isTrue();
                    assertThat(doctor.getInstitutionIds()).isNotEmpty();
                });
        assertThat(byTopic.get(ReferenceTopic.DRUGS)).hasSize(DrugCatalogue.DRUGS.size() + DrugCatalogue.NOT_COVERED.size())
                .extracting(r -> (DrugCatalogueEntry) r.record())
                .allSatisfy(drug -> assertThat(drug.getInInsuranceList()).isEqualTo(DrugCatalogue.DRUGS.stream()
                        .anyMatch(d -> d.code().equals(drug.getDrugCode()))));
        assertThat(byTopic.get(ReferenceTopic.CHRONIC_DISEASES)).extracting(r -> (ChronicDisease) r.record())
                .extracting(ChronicDisease::getIcd10Prefix).containsExactlyInAnyOrder("I10", "E11", "I25");
        assertThat(byTopic.get(ReferenceTopic.PRICE_CAPS)).hasSize(PoolingRegion.ALL.size())
                .extracting(r -> (PriceCap) r.record()).allSatisfy(cap -> assertThat(cap.getItemCode()).isEqualTo("110200001"));
        // the traffic brings each person's first diagnosis, with the person's first chain
        assertThat(byTopic).doesNotContainKey(ReferenceTopic.OFFLINE_VISITS);
    }

    @Test
    void everyRegionHasOneHospitalWithoutAgreementThatNoDoctorOfTheRosterPractisesAt() {
        assertThat(world.hospitalsWithoutAgreement()).hasSize(PoolingRegion.ALL.size())
                .extracting(InternetHospital::region).containsExactlyElementsOf(PoolingRegion.ALL);
        assertThat(world.hospitalsWithoutAgreement()).allSatisfy(hospital -> {
            assertThat(world.physicalInstitutions()).contains(hospital.owner());
            assertThat(hospital.pharmacistIds()).isNotEmpty();
            assertThat(world.internetHospitals()).extracting(InternetHospital::id).doesNotContain(hospital.id());
            assertThat(world.physicalInstitutions()).extracting(PhysicalInstitution::id).doesNotContain(hospital.id());
            assertThat(world.doctors()).allSatisfy(d -> assertThat(d.internetHospitals()).doesNotContain(hospital));
        });
        assertThat(GeneratedTraffic.world(2).hospitalsWithoutAgreement()).isEqualTo(world.hospitalsWithoutAgreement());
    }

    @Test
    void everyDiseaseHasDrugsAndTheCatalogueHasNoDuplicates() {
        assertThat(List.of(Disease.values())).allSatisfy(d -> assertThat(DrugCatalogue.prescribedFor(d)).hasSizeGreaterThanOrEqualTo(2));
        List<Drug> all = new java.util.ArrayList<>(DrugCatalogue.DRUGS);
        all.addAll(DrugCatalogue.NOT_COVERED);
        assertThat(List.of(Disease.values())).allSatisfy(d -> assertThat(DrugCatalogue.notCoveredFor(d)).isNotNull());
        assertThat(all).extracting(Drug::code).doesNotHaveDuplicates();
        assertThat(all).extracting(Drug::traceabilityPrefix).doesNotHaveDuplicates()
                .allSatisfy(prefix -> assertThat(prefix).matches("\\d{7}"));
    }

    @Test
    void aRunIsSizedForItsChains() {
        assertThat(WorldSizes.forChains(10).insuredPersons()).isEqualTo(2_000);
        assertThat(WorldSizes.forChains(100_000).insuredPersons()).isEqualTo(110_000);
        assertThat(WorldSizes.forChains(TrafficGenerator.UNBOUNDED)).isEqualTo(WorldSizes.DEMO);
    }

    private static boolean checkCharacterIsValid(String idNumber) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (idNumber.charAt(i) - '0') * weights[i];
        }
        return "10X98765432".charAt(sum % 11) == idNumber.charAt(17);
    }
}
