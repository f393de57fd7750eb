package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.DeliveredDrug;
import org.insurwatch.schema.DeliveryStatus;
import org.insurwatch.schema.FeeItem;
import org.insurwatch.schema.FeeKind;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.IdentityVerification;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.PrescriptionLine;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.VisitType;
import org.insurwatch.schema.reference.OfflineVisit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Clean traffic must be internally consistent and break none of the rules of RULES.md. */
class CleanChainTest {

    private static final int CHAINS = 3_000;
    private static GeneratedTraffic traffic;
    private static World world;

    @BeforeAll
    static void generate() {
        TrafficOptions options = GeneratedTraffic.options(11).withViolationRate(0).withHardNegativeRate(0);
        world = GeneratedTraffic.world(11);
        traffic = GeneratedTraffic.generate(world, options, CHAINS);
    }

    @Test
    void everyChainIsClean() {
        assertThat(traffic.truths()).hasSize(CHAINS).allSatisfy(truth -> {
            assertThat(truth.scenario()).isEqualTo(Scenario.CLEAN);
            assertThat(truth.expectedRuleId()).isNull();
            assertThat(truth.evidenceEventIds()).isEmpty();
        });
    }

    @Test
    void theJobWouldRaiseNoAlertAndEveryChainIsTraceable() {
        assertThat(RuleOracle.judge(world, traffic.events()).values()).allSatisfy(alerts -> assertThat(alerts).isEmpty());
        assertThat(traffic.chains()).allSatisfy(GeneratedTraffic.Chain::assertTraceable);
        assertThat(traffic.events()).noneSatisfy(e -> assertThat(e.stream()).isIn("ref.doctors", "ref.institutions",
                "ref.insured-persons"));
    }

    @Test
    void idsLinkTheChain() {
        assertThat(traffic.chains()).allSatisfy(chain -> {
            Consultation c = chain.consultation();
            Prescription p = chain.prescription();
            Settlement s = chain.settlement();
            assertThat(p.getConsultationId()).isEqualTo(c.getConsultationId());
            assertThat(s.getConsultationId()).isEqualTo(c.getConsultationId());
            assertThat(s.getPrescriptionId()).isEqualTo(p.getPrescriptionId());
            assertThat(chain.logistics()).isNotEmpty().allSatisfy(l -> {
                assertThat(l.getSettlementId()).isEqualTo(s.getSettlementId());
                assertThat(l.getPharmacyId()).isEqualTo(s.getPharmacyId());
                assertThat(l.getRecipientInsuredPersonId()).isEqualTo(c.getInsuredPersonId());
            });
            assertThat(List.of(p.getInsuredPersonId(), s.getInsuredPersonId())).containsOnly(c.getInsuredPersonId());
            assertThat(p.getDoctorId()).isEqualTo(c.getDoctorId());
            assertThat(p.getInternetHospitalId()).isEqualTo(c.getInternetHospitalId());
            assertThat(s.getInternetHospitalId()).isEqualTo(c.getInternetHospitalId());
        });
    }

    @Test
    void timestampsRunInOrder() {
        assertThat(traffic.chains()).allSatisfy(chain -> {
            Consultation c = chain.consultation();
            Prescription p = chain.prescription();
            Settlement s = chain.settlement();
            Duration recordedAfter = Duration.between(c.getStartedAt(), c.getEventTime());
            assertThat(recordedAfter).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(30));
            assertThat(Duration.between(c.getStartedAt(), c.getEndedAt()))
                    .isBetween(Duration.ofMinutes(5), Duration.ofMinutes(15));
            assertThat(p.getSignedAt()).isAfterOrEqualTo(c.getStartedAt()).isBeforeOrEqualTo(c.getEndedAt());
            assertThat(Duration.between(p.getSignedAt(), p.getUploadedAt()))
                    .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(60));
            Instant reviewedAt = p.getPharmacistReview().getReviewedAt();
            assertThat(Duration.between(p.getSignedAt(), reviewedAt))
                    .isBetween(Duration.ofMinutes(1), Duration.ofMinutes(10));
            assertThat(Duration.between(reviewedAt, s.getSettledAt()))
                    .isBetween(Duration.ofMinutes(1), Duration.ofMinutes(30));
            if (s.getFulfilment() == Fulfilment.HOME_DELIVERY) {
                assertThat(chain.logistics()).extracting(Logistics::getStatus)
                        .containsExactly(DeliveryStatus.DISPATCHED, DeliveryStatus.DELIVERED);
                Instant dispatched = chain.logistics().get(0).getEventTime();
                Instant delivered = chain.logistics().get(1).getEventTime();
                assertThat(Duration.between(s.getSettledAt(), dispatched)).isBetween(Duration.ofHours(1), Duration.ofHours(6));
                assertThat(Duration.between(dispatched, delivered)).isBetween(Duration.ofHours(4), Duration.ofHours(30));
            } else {
                assertThat(s.getFulfilment()).isEqualTo(Fulfilment.PHARMACY_PICKUP);
                assertThat(chain.logistics()).extracting(Logistics::getStatus).containsExactly(DeliveryStatus.PICKED_UP);
                assertThat(Duration.between(s.getSettledAt(), chain.logistics().get(0).getEventTime()))
                        .isBetween(Duration.ofHours(1), Duration.ofHours(8));
            }
        });
    }

    @Test
    void moneyAddsUpAndTheDeliveryFeeIsPaidInCashOnly() {
        Map<String, RetailPharmacy> pharmacies = new HashMap<>();
        world.pharmacies().forEach(p -> pharmacies.put(p.id(), p));
        assertThat(traffic.chains()).allSatisfy(chain -> {
            Settlement s = chain.settlement();
            List<FeeItem> items = s.getFeeItems();
            for (FeeItem item : items) {
                assertThat(item.getAmountFen()).isEqualTo(item.getUnitPriceFen() * item.getQuantity());
                assertThat(item.getFundFen() + item.getPersonalAccountFen() + item.getCashFen())
                        .isEqualTo(item.getAmountFen());
                assertThat(List.of(item.getFundFen(), item.getPersonalAccountFen(), item.getCashFen()))
                        .allSatisfy(part -> assertThat(part).isNotNegative());
            }
            assertThat(s.getTotalFen()).isEqualTo(items.stream().mapToLong(FeeItem::getAmountFen).sum());
            assertThat(s.getFundFen() + s.getPersonalAccountFen() + s.getCashFen()).isEqualTo(s.getTotalFen());
            assertThat(s.getFundFen()).isEqualTo(items.stream().mapToLong(FeeItem::getFundFen).sum());
            assertThat(s.getCashFen()).isEqualTo(items.stream().mapToLong(FeeItem::getCashFen).sum());

            List<FeeItem> deliveryFees = items.stream().filter(i -> i.getKind() == FeeKind.DELIVERY_FEE).toList();
            assertThat(deliveryFees).hasSize(s.getFulfilment() == Fulfilment.HOME_DELIVERY ? 1 : 0)
                    .allSatisfy(fee -> assertThat(fee.getCashFen()).isEqualTo(fee.getAmountFen()).isPositive());

            PoolingRegion region = region(s.getPoolingRegion());
            assertThat(items.stream().filter(i -> i.getKind() == FeeKind.CONSULTATION_FEE).toList())
                    .singleElement().satisfies(fee -> {
                        assertThat(fee.getItemCode()).isEqualTo("110200001");
                        assertThat(fee.getAmountFen()).isPositive().isLessThanOrEqualTo(region.consultationFeeCapFen());
                        assertThat(fee.getFundFen()).isEqualTo(fee.getAmountFen());
                    });
            List<String> prescribed = chain.prescription().getLines().stream().map(PrescriptionLine::getDrugCode).toList();
            assertThat(items.stream().filter(i -> i.getKind() == FeeKind.DRUG).map(FeeItem::getItemCode))
                    .containsExactlyElementsOf(prescribed);
            // each drug at the pharmacy's own price, within a few percent of the catalogue's
            RetailPharmacy pharmacy = pharmacies.get(s.getPharmacyId());
            assertThat(pharmacy.pricePercent()).isBetween(95, 108);
            assertThat(items.stream().filter(i -> i.getKind() == FeeKind.DRUG)).allSatisfy(line -> assertThat(
                    line.getUnitPriceFen()).isEqualTo(pharmacy.unitPriceFen(drug(line.getItemCode()))));
        });
    }

    @Test
    void identityAndFollowUpAreInOrder() {
        Map<String, InsuredPerson> persons = new HashMap<>();
        world.insuredPersons().forEach(p -> persons.put(p.id(), p));
        assertThat(traffic.chains()).allSatisfy(chain -> {
            Consultation c = chain.consultation();
            InsuredPerson patient = persons.get(c.getInsuredPersonId());
            assertThat(c.getIdentityVerification())
                    .isIn(IdentityVerification.FACE_RECOGNITION, IdentityVerification.INSURANCE_E_VOUCHER);
            assertThat(c.getPatientName()).isEqualTo(patient.name());
            assertThat(c.getPatientIdNumber()).isEqualTo(patient.residentIdNumber()).hasSize(18);
            assertThat(c.getPoolingRegion()).isEqualTo(patient.region().code());
            assertThat(c.getVisitType()).isEqualTo(VisitType.FOLLOW_UP);
            assertThat(c.getFollowUpOf().getDiagnosis().getIcd10Code())
                    .isEqualTo(c.getDiagnoses().get(0).getIcd10Code())
                    .isEqualTo(chain.prescription().getDiagnoses().get(0).getIcd10Code());
            assertThat(Duration.between(c.getFollowUpOf().getDiagnosedAt(), c.getStartedAt()))
                    .isPositive().isLessThan(Duration.ofDays(90));
            assertThat(chain.prescription().getESignature()).isNotNull();
            assertThat(chain.prescription().getPharmacistReview().getApproved()).isTrue();
        });
    }

    @Test
    void theInsurerLearnsOfEachFirstDiagnosisOnceWithThePersonsFirstChainBeforeItsConsultation() {
        Map<String, Integer> positions = traffic.positions();
        Map<String, Integer> published = new HashMap<>();
        List<GeneratedEvent> events = traffic.events();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).record() instanceof OfflineVisit visit) {
                assertThat(published.put(visit.getOfflineVisitId(), i)).as("published twice").isNull();
            }
        }
        Map<String, Instant> firstSeen = new HashMap<>();
        traffic.chains().forEach(chain -> firstSeen.merge(chain.consultation().getInsuredPersonId(),
                chain.consultation().getStartedAt(), (a, b) -> a.isBefore(b) ? a : b));
        assertThat(traffic.chains()).allSatisfy(chain -> {
            Consultation c = chain.consultation();
            String followed = c.getFollowUpOf().getOfflineVisitId();
            assertThat(published).containsKey(followed);
            assertThat(published.get(followed)).isLessThan(positions.get(c.getEventId()));
        });
        // in 50 minutes nobody sees an offline doctor again: every visit is a first diagnosis, published at the
        // start of its person's first consultation
        assertThat(events).filteredOn(e -> e.record() instanceof OfflineVisit).hasSize(firstSeen.size())
                .allSatisfy(event -> {
                    OfflineVisit visit = (OfflineVisit) event.record();
                    assertThat(visit.getVisitedAt()).isBefore(world.asOf());
                    assertThat(event.eventTimeMillis())
                            .isEqualTo(firstSeen.get(visit.getInsuredPersonId()).toEpochMilli());
                });
    }

    @Test
    void doctorsBookedBackToBackForDaysNeverLookLikeBulkPrescribers() {
        // exactly as many doctors as a consultation a minute needs: each is booked again as his booking ends
        Duration gap = Duration.ofMinutes(1);
        World busy = World.create(12, new WorldSizes(14, 10, 21, DoctorRoster.doctorsNeeded(gap.toMillis()), 8_000),
                TrafficOptions.DEFAULT_START);
        GeneratedTraffic days = GeneratedTraffic.generate(busy, GeneratedTraffic.options(12).withViolationRate(0)
                .withHardNegativeRate(0).withSimulatedGap(gap), 6_000);

        assertThat(RuleOracle.judge(busy, days.events()).values()).allSatisfy(alerts -> assertThat(alerts).isEmpty());
        Map<String, Long> perDoctor = days.chains().stream().collect(Collectors.groupingBy(
                chain -> chain.prescription().getDoctorId(), Collectors.counting()));
        assertThat(perDoctor.values()).allSatisfy(count -> assertThat(count).isGreaterThan(300));
    }

    @Test
    void patientsMostlySeeDoctorsOfTheirOwnRegion() {
        Map<String, String> hospitalRegions = new HashMap<>();
        world.internetHospitals().forEach(h -> hospitalRegions.put(h.id(), h.region().code()));
        long local = traffic.chains().stream().filter(chain -> hospitalRegions
                .get(chain.consultation().getInternetHospitalId()).equals(chain.consultation().getPoolingRegion())).count();
        assertThat(local).isGreaterThan(CHAINS * 8L / 10);
    }

    @Test
    void suppliesStayWithinTheLimits() {
        assertThat(traffic.chains()).allSatisfy(chain -> {
            Disease disease = disease(chain.consultation().getDiagnoses().get(0).getIcd10Code());
            List<PrescriptionLine> lines = chain.prescription().getLines();
            assertThat(lines).hasSizeBetween(1, 3);
            assertThat(lines).allSatisfy(line -> {
                assertThat(line.getDaysOfSupply()).isBetween(1, disease.chronic() ? 90 : 30).isLessThanOrEqualTo(30);
                assertThat(line.getQuantity()).isPositive();
            });
        });
    }

    @Test
    void deliveriesStayInTheRegionAndCarryOneFreshTraceabilityCodePerBox() {
        Map<String, String> codeOwners = new HashMap<>();
        assertThat(traffic.chains()).allSatisfy(chain -> {
            Map<String, Integer> boxes = new HashMap<>();
            chain.prescription().getLines().forEach(line -> boxes.put(line.getDrugCode(), line.getQuantity()));
            for (Logistics l : chain.logistics()) {
                assertThat(l.getDestinationRegion()).isEqualTo(chain.settlement().getPoolingRegion());
                assertThat(l.getItems()).extracting(DeliveredDrug::getDrugCode)
                        .containsExactlyInAnyOrderElementsOf(boxes.keySet());
                for (DeliveredDrug item : l.getItems()) {
                    assertThat(item.getQuantity()).isEqualTo(boxes.get(item.getDrugCode()));
                    assertThat(item.getTraceabilityCodes()).hasSize(item.getQuantity())
                            .allSatisfy(code -> assertThat(code).matches("\\d{20}"));
                    for (String code : item.getTraceabilityCodes()) {
                        String owner = codeOwners.putIfAbsent(code, l.getShipmentId());
                        assertThat(owner == null || owner.equals(l.getShipmentId())).as(code).isTrue();
                    }
                }
            }
        });
    }

    @Test
    void aboutSeventyPercentAreDeliveredHome() {
        long home = traffic.chains().stream()
                .filter(chain -> chain.settlement().getFulfilment() == Fulfilment.HOME_DELIVERY).count();
        assertThat(home / (double) CHAINS).isCloseTo(0.7, within(0.04));
    }

    @Test
    void noDoctorHoldsTwoConsultationsAtOnceNorPrescribesInBulk() {
        Map<String, List<Consultation>> byDoctor = new HashMap<>();
        traffic.chains().forEach(chain -> byDoctor.computeIfAbsent(chain.consultation().getDoctorId(),
                d -> new ArrayList<>()).add(chain.consultation()));
        assertThat(byDoctor.values()).allSatisfy(consultations -> {
            for (int i = 1; i < consultations.size(); i++) {
                assertThat(consultations.get(i).getStartedAt()).isAfterOrEqualTo(consultations.get(i - 1).getEndedAt());
            }
            for (int i = 20; i < consultations.size(); i++) {
                assertThat(Duration.between(consultations.get(i - 20).getStartedAt(), consultations.get(i).getStartedAt()))
                        .isGreaterThan(Duration.ofMinutes(10));
            }
        });
    }

    @Test
    void noPatientComesBackBeforeHalfTheSupplyIsUsed() {
        World small = World.create(3, new WorldSizes(7, 7, 7, 100, 1_000), TrafficOptions.DEFAULT_START);
        GeneratedTraffic slow = GeneratedTraffic.generate(small,
                GeneratedTraffic.options(3).withViolationRate(0).withHardNegativeRate(0)
                        .withSimulatedGap(Duration.ofMinutes(20)), 1_200);
        Map<String, Prescription> last = new HashMap<>();
        Set<String> returning = new HashSet<>();
        for (GeneratedTraffic.Chain chain : slow.chains()) {
            Prescription p = chain.prescription();
            Prescription previous = last.put(p.getInsuredPersonId(), p);
            if (previous != null) {
                returning.add(p.getInsuredPersonId());
                int days = previous.getLines().get(0).getDaysOfSupply();
                assertThat(Duration.between(previous.getSignedAt(), p.getSignedAt()))
                        .isGreaterThan(Duration.ofHours(12L * days));
            }
        }
        assertThat(returning).isNotEmpty();
    }

    private static PoolingRegion region(String code) {
        return PoolingRegion.ALL.stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
    }

    private static Drug drug(String code) {
        return DrugCatalogue.DRUGS.stream().filter(d -> d.code().equals(code)).findFirst().orElseThrow();
    }

    private static Disease disease(String icd10Code) {
        return java.util.Arrays.stream(Disease.values()).filter(d -> d.icd10Code().equals(icd10Code))
                .findFirst().orElseThrow();
    }
}
