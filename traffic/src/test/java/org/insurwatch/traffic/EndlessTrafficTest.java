package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.OfflineDiagnosisRef;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.PrescriptionLine;
import org.insurwatch.schema.reference.OfflineVisit;
import org.junit.jupiter.api.Test;

/**
 * A run far longer than any person's supply or diagnosis lasts, with far fewer persons than it has chains:
 * the traffic must go on, and stay clean, for months of simulated time, as the demo does for hours.
 */
class EndlessTrafficTest {

    private static final int CHAINS = 50_000;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    // the world's persons, and the visits they make while the traffic runs, after their first diagnosis
    private static final String ROSTER_PERSON = "IP\\d{14}";
    private static final String LATER_VISIT = "OV\\d{14}-\\d+";
    // consultations following up nothing known, or something too old or just old enough, on purpose
    private static final Set<Scenario> OFF_THE_WINDOW = EnumSet.of(Scenario.FU_FIRST_VISIT,
            Scenario.FU_DIAGNOSIS_CHANGED, Scenario.FU_WINDOW_EXPIRED, Scenario.FOLLOW_UP_AT_WINDOW_EDGE);

    // the rules judging a person's or a province's history, which a run this long puts to the test
    private static final Set<String> JUDGED_OVER_THE_RUN = Set.of("RX-EARLY-REFILL", "PRICE-ABOVE-MEDIAN");

    @Test
    void aSmallWorldFollowsUpFreshOfflineDiagnosesForMonthsAndOnlyTheInjectedRefillsAndPricesAlert() {
        World world = World.create(21, new WorldSizes(14, 10, 21, 100, 3_000), TrafficOptions.DEFAULT_START);
        // 6 simulated minutes a chain: 50 000 chains span more than 200 days
        Checked run = check(world, GeneratedTraffic.options(21).withSimulatedGap(Duration.ofMinutes(6)), CHAINS);

        assertThat(Duration.ofMillis(run.lastEventTime - TrafficOptions.DEFAULT_START.toEpochMilli()))
                .isGreaterThan(Duration.ofDays(200));
        // everybody came back many times, mostly on diagnoses made while the traffic ran
        assertThat(run.refills).isGreaterThan(CHAINS / 2);
        assertThat(run.laterVisits).isGreaterThan(3_000);
        assertThat(run.followingUpLaterVisits).isGreaterThan(run.rosterConsultations / 2);
        assertThat(run.alerts).extracting(RuleOracle.Alert::ruleId).containsAll(JUDGED_OVER_THE_RUN);
    }

    @Test
    void aWorldFarBiggerThanTheClockNeedsKeepsItsSurplusIdleInsteadOfSendingItToDoctors() {
        // ten times the persons 240 chains a day need: those under treatment come back, the others stay idle
        World world = World.create(22, new WorldSizes(14, 10, 21, 100, 30_000), TrafficOptions.DEFAULT_START);
        Checked run = check(world, GeneratedTraffic.options(22).withSimulatedGap(Duration.ofMinutes(6)), 30_000);

        assertThat(run.followingUpLaterVisits).isGreaterThan(run.rosterConsultations / 3);
        assertThat(run.laterVisits).isLessThan(30_000 / 3);
    }

    @Test
    void personsWhoseDiagnosisIsTooOldWhenTheyAreDrawnSeeAnOfflineDoctorFirst() {
        // the traffic starts 100 days after the world's date: every first diagnosis is past the window
        World world = World.create(23, new WorldSizes(14, 10, 21, 100, 3_000), TrafficOptions.DEFAULT_START);
        TrafficOptions options = GeneratedTraffic.options(23).withSimulatedGap(Duration.ofMinutes(6))
                .withStart(TrafficOptions.DEFAULT_START.plus(Duration.ofDays(100)));
        Checked run = check(world, options, 5_000);

        assertThat(run.followingUpLaterVisits).isEqualTo(run.rosterConsultations);
        assertThat(run.laterVisits).isGreaterThanOrEqualTo(3_000);
    }

    /**
     * @param rosterConsultations those of the world's persons (not walk-ins), which follow up diagnoses the roster
     *     keeps fresh
     * @param laterVisits the visits the persons made while the traffic ran (not their first diagnoses)
     */
    private record Checked(long consultations, long rosterConsultations, long followingUpLaterVisits,
                           long laterVisits, long refills, long lastEventTime, List<RuleOracle.Alert> alerts) {
    }

    /**
     * Runs {@code chains} chains and checks, as a consumer sees the output (the reference data first, then the
     * traffic): event time never decreases by more than a late event may lag; every consultation follows up an
     * offline visit of the same person and disease, at a physical institution, emitted before it and less than
     * three months old (but those breaking or testing the follow-up rules on purpose); every visit is emitted
     * once; no person gets the same drug again before half the last supply is used, and no settlement is priced
     * far above the province's median, but those injected to, exactly as the ground truth says.
     */
    private static Checked check(World world, TrafficOptions options, long chains) {
        Set<String> physicalInstitutions = world.physicalInstitutions().stream().map(PhysicalInstitution::id)
                .collect(Collectors.toSet());
        Map<String, OfflineVisit> visits = new HashMap<>();
        Set<String> prescribedBefore = new HashSet<>();
        EarlyRefillOracle refillOracle = new EarlyRefillOracle();
        PriceOracle priceOracle = new PriceOracle();
        long consultations = 0;
        long rosterConsultations = 0;
        long followingUpLaterVisits = 0;
        long refills = 0;
        long latest = 0;

        Map<String, Scenario> scenarios = new HashMap<>();
        List<RuleOracle.Alert> injected = new ArrayList<>();
        Iterator<GeneratedEvent> events = new TrafficGenerator(world, options).events(chains, truth -> {
            scenarios.put(truth.consultationId(), truth.scenario());
            if (truth.expectedRuleId() != null && JUDGED_OVER_THE_RUN.contains(truth.expectedRuleId())) {
                injected.add(new RuleOracle.Alert(truth.expectedRuleId(), String.join(",", truth.evidenceEventIds())));
            }
        });
        while (events.hasNext()) {
            GeneratedEvent event = events.next();
            assertThat(event.eventTimeMillis()).isGreaterThanOrEqualTo(latest - Scenario.LATEST_ARRIVAL_MILLIS);
            latest = Math.max(latest, event.eventTimeMillis());
            refillOracle.add(event.record());
            priceOracle.add(event.record());
            if (event.record() instanceof OfflineVisit visit) {
                assertThat(event.stream()).isEqualTo("ref.offline-visits");
                assertThat(event.key()).isEqualTo(visit.getOfflineVisitId());
                assertThat(physicalInstitutions).contains(visit.getInstitutionId());
                assertThat(visits.put(visit.getOfflineVisitId(), visit)).as("a visit id used twice").isNull();
            } else if (event.record() instanceof Consultation c) {
                consultations++;
                if (OFF_THE_WINDOW.contains(scenarios.get(c.getConsultationId()))) {
                    continue;
                }
                if (c.getInsuredPersonId().matches(ROSTER_PERSON)) {
                    rosterConsultations++;
                }
                OfflineDiagnosisRef followed = c.getFollowUpOf();
                OfflineVisit visit = visits.get(followed.getOfflineVisitId());
                assertThat(visit).as("%s follows up %s, not emitted before it", c.getConsultationId(),
                        followed.getOfflineVisitId()).isNotNull();
                if (followed.getOfflineVisitId().matches(LATER_VISIT)) {
                    followingUpLaterVisits++;
                }
                String icd10 = c.getDiagnoses().get(0).getIcd10Code();
                assertThat(visit.getInsuredPersonId()).isEqualTo(c.getInsuredPersonId());
                assertThat(visit.getInstitutionId()).isEqualTo(followed.getInstitutionId());
                assertThat(visit.getVisitedAt()).isEqualTo(followed.getDiagnosedAt());
                assertThat(visit.getDiagnoses()).extracting(d -> d.getIcd10Code()).containsExactly(icd10);
                assertThat(followed.getDiagnosis().getIcd10Code()).isEqualTo(icd10);
                Instant diagnosedAt = followed.getDiagnosedAt();
                assertThat(diagnosedAt).as("%s follows up a diagnosis of %s", c.getConsultationId(), diagnosedAt)
                        .isBefore(c.getStartedAt())
                        .isAfter(c.getStartedAt().atZone(CHINA).minusMonths(3).toInstant());
            } else if (event.record() instanceof Prescription p) {
                for (PrescriptionLine line : p.getLines()) {
                    if (!prescribedBefore.add(p.getInsuredPersonId() + "/" + line.getDrugCode())) {
                        refills++;
                    }
                }
            }
        }
        Map<String, List<RuleOracle.Alert>> judged = new HashMap<>();
        refillOracle.raiseInto(judged);
        priceOracle.raiseInto(judged);
        List<RuleOracle.Alert> alerts = judged.values().stream().flatMap(List::stream).toList();
        assertThat(alerts).containsExactlyInAnyOrderElementsOf(injected);
        assertThat(scenarios).hasSize((int) chains);
        assertThat(consultations).isGreaterThan(chains * 9 / 10);
        long laterVisits = visits.keySet().stream().filter(id -> id.matches(LATER_VISIT)).count();
        return new Checked(consultations, rosterConsultations, followingUpLaterVisits, laterVisits, refills, latest,
                alerts);
    }
}
