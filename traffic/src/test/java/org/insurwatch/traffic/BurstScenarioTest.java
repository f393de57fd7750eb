package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.reference.DoctorRegistration;
import org.insurwatch.schema.reference.DoctorStatus;
import org.insurwatch.schema.reference.OfflineVisit;
import org.insurwatch.traffic.GeneratedTraffic.Chain;
import org.insurwatch.traffic.GeneratedTraffic.Published;
import org.junit.jupiter.api.Test;

/**
 * The scenarios spanning one doctor's many chains (RULES.md §3): each burst is a new registered doctor's, of
 * walk-in patients whose every chain is complete and clean, and the burst's first chain alone expects the one
 * alert, citing every event of the burst.
 */
class BurstScenarioTest {

    // enough for several bursts of up to 40 chains; a burst the run cannot hold is planned clean
    private static final int CHAINS = 300;

    @Test
    void moreThanTwentyPrescriptionsInTenMinutesAtOneHospitalMakeOneBurst() {
        ScenarioRun run = ScenarioRun.of(Scenario.BULK_RATE, Duration.ofSeconds(1), CHAINS);
        Collection<List<Chain>> bursts = run.traffic().bursts(Scenario.BULK_RATE);
        assertThat(bursts).hasSizeGreaterThan(5).allSatisfy(burst -> {
            assertThat(burst).hasSizeBetween(21, 40);
            assertANewDoctorsBurstOfWalkIns(run, burst, 1);
            List<Instant> uploads = burst.stream().map(c -> c.prescription().getUploadedAt()).toList();
            assertThat(uploads).isSortedAccordingTo(Comparator.naturalOrder()).doesNotHaveDuplicates();
            assertThat(Duration.between(uploads.get(0), uploads.get(uploads.size() - 1)))
                    .isLessThan(Duration.ofMinutes(10));
            assertCitesEvery(burst, Chain::prescription, Prescription::getEventId);
        });
        run.assertExactlyTheExpectedAlertsAndTraceable();
    }

    @Test
    void consultationsOverlappingAtTwoHospitalsMakeOneCluster() {
        ScenarioRun run = ScenarioRun.of(Scenario.BULK_MULTI_SITE, Duration.ofSeconds(1), CHAINS);
        Collection<List<Chain>> bursts = run.traffic().bursts(Scenario.BULK_MULTI_SITE);
        assertThat(bursts).hasSizeGreaterThan(50).allSatisfy(burst -> {
            assertThat(burst).hasSizeBetween(2, 4);
            assertANewDoctorsBurstOfWalkIns(run, burst, 2);
            Instant latestEnd = burst.get(0).consultation().getEndedAt();
            for (Chain chain : burst.subList(1, burst.size())) {
                Consultation c = chain.consultation();
                assertThat(c.getStartedAt()).isBefore(latestEnd);
                latestEnd = c.getEndedAt().isAfter(latestEnd) ? c.getEndedAt() : latestEnd;
            }
            assertThat(burst).extracting(c -> c.consultation().getEventTime()).isSorted();
            assertCitesEvery(burst, Chain::consultation, Consultation::getEventId);
        });
        run.assertExactlyTheExpectedAlertsAndTraceable();
    }

    @Test
    void tenPrescriptionsWithinTheHourAtAConstantIntervalOrOfOneTemplateMakeOneBurst() {
        ScenarioRun run = ScenarioRun.of(Scenario.BULK_MACHINE_CADENCE, Duration.ofSeconds(1), CHAINS);
        Collection<List<Chain>> bursts = run.traffic().bursts(Scenario.BULK_MACHINE_CADENCE);
        List<Boolean> templates = new ArrayList<>();
        assertThat(bursts).hasSizeGreaterThan(10).allSatisfy(burst -> {
            assertThat(burst).hasSizeBetween(10, 14);
            assertANewDoctorsBurstOfWalkIns(run, burst, 1);
            List<Prescription> prescriptions = burst.stream().map(Chain::prescription).toList();
            Set<Long> gaps = new HashSet<>();
            for (int i = 1; i < prescriptions.size(); i++) {
                gaps.add(Duration.between(prescriptions.get(i - 1).getUploadedAt(),
                        prescriptions.get(i).getUploadedAt()).toMillis());
            }
            for (int last = 9; last < prescriptions.size(); last++) {
                assertThat(Duration.between(prescriptions.get(last - 9).getUploadedAt(),
                        prescriptions.get(last).getUploadedAt())).isLessThanOrEqualTo(Duration.ofHours(1));
            }
            boolean template = prescriptions.stream().map(p -> List.of(p.getLines(), p.getDiagnoses()))
                    .distinct().count() == 1;
            templates.add(template);
            // a template's gaps vary, a constant interval's prescriptions do
            if (template) {
                assertThat(gaps).hasSizeGreaterThan(1);
            } else {
                assertThat(gaps).hasSize(1);
                assertThat(prescriptions.stream().map(Prescription::getDiagnoses).distinct()).hasSizeGreaterThan(1);
            }
            assertCitesEvery(burst, Chain::prescription, Prescription::getEventId);
        });
        assertThat(templates).contains(true, false);
        run.assertExactlyTheExpectedAlertsAndTraceable();
    }

    @Test
    void aBusyDoctorSeesPatientAfterPatientForHoursAtTwoHospitalsWithoutAlerting() {
        ScenarioRun run = ScenarioRun.of(Scenario.BUSY_HUMAN_DOCTOR, Duration.ofSeconds(1), CHAINS);
        Collection<List<Chain>> bursts = run.traffic().bursts(Scenario.BUSY_HUMAN_DOCTOR);
        assertThat(bursts).hasSizeGreaterThan(5).allSatisfy(burst -> {
            assertThat(burst).hasSizeBetween(25, 40);
            assertANewDoctorsBurstOfWalkIns(run, burst, 2);
            for (int i = 1; i < burst.size(); i++) {
                assertThat(burst.get(i).consultation().getStartedAt())
                        .isAfterOrEqualTo(burst.get(i - 1).consultation().getEndedAt())
                        .isBeforeOrEqualTo(burst.get(i - 1).consultation().getEndedAt().plus(Duration.ofMinutes(1)));
            }
            Instant first = burst.get(0).consultation().getStartedAt();
            Instant last = burst.get(burst.size() - 1).consultation().getEndedAt();
            assertThat(Duration.between(first, last)).isBetween(Duration.ofHours(3), Duration.ofHours(8));
            assertThat(burst).allSatisfy(chain -> assertThat(chain.truth().evidenceEventIds()).isEmpty());
        });
        run.assertExactlyTheExpectedAlertsAndTraceable();
    }

    /**
     * One doctor, in no roster, registered ACTIVE once, from the burst's earliest start, before any of its
     * events, for the burst's {@code sites} internet hospitals, where the visits are held; nobody else's
     * doctor. Every patient a walk-in seen once, following up a diagnosis 3 to 60 days old the insurer learnt
     * of before the consultation. The first chain, the lowest numbered, expects the scenario's rule; the others
     * expect none.
     */
    private static void assertANewDoctorsBurstOfWalkIns(ScenarioRun run, List<Chain> burst, int sites) {
        Set<String> rosterDoctors = run.world().doctors().stream().map(Doctor::id).collect(Collectors.toSet());
        Set<String> rosterPersons = run.world().insuredPersons().stream().map(InsuredPerson::id)
                .collect(Collectors.toSet());
        Map<String, Integer> positions = run.positions();
        String doctor = burst.get(0).consultation().getDoctorId();
        assertThat(doctor).isNotIn(rosterDoctors);
        assertThat(run.chains())
                .filteredOn(c -> c.consultation() != null && doctor.equals(c.consultation().getDoctorId()))
                .containsExactlyInAnyOrderElementsOf(burst);
        assertThat(burst).allSatisfy(chain -> assertThat(chain.prescription().getDoctorId()).isEqualTo(doctor));
        Instant earliest = burst.stream().map(c -> c.consultation().getStartedAt()).min(Comparator.naturalOrder())
                .orElseThrow();
        int firstEvent = burst.stream().mapToInt(c -> positions.get(c.consultation().getEventId())).min().orElseThrow();
        List<Published> registrations = run.traffic().published(ReferenceTopic.DOCTORS, doctor);
        assertThat(registrations).singleElement().satisfies(published -> {
            DoctorRegistration registration = (DoctorRegistration) published.event().record();
            assertThat(registration.getStatus()).isEqualTo(DoctorStatus.ACTIVE);
            assertThat(registration.getInternetPlusQualified()).isTrue();
            assertThat(registration.getValidFrom()).isEqualTo(earliest);
            assertThat(published.event().eventTimeMillis()).isEqualTo(earliest.toEpochMilli());
            assertThat(published.position()).isLessThan(firstEvent);
            assertThat(registration.getInstitutionIds()).hasSize(sites).containsExactlyInAnyOrderElementsOf(
                    burst.stream().map(c -> c.consultation().getInternetHospitalId()).distinct().toList());
        });
        assertThat(burst).extracting(c -> c.consultation().getInsuredPersonId()).doesNotHaveDuplicates()
                .allSatisfy(person -> assertThat(person).isNotIn(rosterPersons));
        assertThat(burst).allSatisfy(chain -> {
            Consultation c = chain.consultation();
            List<Published> visits = run.traffic().published(ReferenceTopic.OFFLINE_VISITS,
                    c.getFollowUpOf().getOfflineVisitId());
            assertThat(visits).singleElement().satisfies(published -> {
                OfflineVisit visit = (OfflineVisit) published.event().record();
                assertThat(visit.getInsuredPersonId()).isEqualTo(c.getInsuredPersonId());
                assertThat(visit.getDiagnoses()).isEqualTo(c.getDiagnoses());
                assertThat(Duration.between(visit.getVisitedAt(), c.getStartedAt()))
                        .isBetween(Duration.ofDays(3), Duration.ofDays(60));
                assertThat(published.position()).isLessThan(positions.get(c.getEventId()));
            });
        });
        assertThat(burst).extracting(c -> c.truth().chainNumber()).isSorted();
        assertThat(burst.get(0).truth().expectedRuleId()).isEqualTo(burst.get(0).truth().scenario().ruleId());
        assertThat(burst.subList(1, burst.size())).allSatisfy(chain -> {
            assertThat(chain.truth().expectedRuleId()).isNull();
            assertThat(chain.truth().evidenceEventIds()).isEmpty();
        });
    }

    /** The first chain cites the step of every chain of the burst, in the burst's order. */
    private static <T> void assertCitesEvery(List<Chain> burst, Function<Chain, T> step, Function<T, String> eventId) {
        assertThat(burst.get(0).truth().evidenceEventIds())
                .containsExactlyElementsOf(burst.stream().map(step).map(eventId).toList());
    }
}
