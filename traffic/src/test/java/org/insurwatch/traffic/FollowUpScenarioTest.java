package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.PrescriptionLine;
import org.insurwatch.schema.VisitType;
import org.insurwatch.schema.reference.OfflineVisit;
import org.junit.jupiter.api.Test;

/**
 * The follow-up scenarios (RULES.md §4): each consultation breaks its rule alone, against exactly the offline
 * history the scenario gives its patient, published before the consultation.
 */
class FollowUpScenarioTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Test
    void aRosterPatientsVisitIsDeclaredAFirstVisitOrAWalkInClaimsAnOfflineVisitTheInsurerNeverLearntOf() {
        ScenarioRun run = ScenarioRun.of(Scenario.FU_FIRST_VISIT);
        Set<String> roster = rosterIds(run);
        List<Boolean> declared = new ArrayList<>();
        assertThat(run.chains()).allSatisfy(chain -> {
            Consultation c = chain.consultation();
            boolean firstVisit = c.getVisitType() == VisitType.FIRST_VISIT;
            declared.add(firstVisit);
            if (firstVisit) {
                assertThat(c.getFollowUpOf()).isNull();
                assertThat(c.getInsuredPersonId()).isIn(roster);
                assertThat(visitsBefore(run, c)).isNotEmpty();
            } else {
                assertThat(c.getInsuredPersonId()).isNotIn(roster);
                assertThat(c.getFollowUpOf().getDiagnosis().getIcd10Code())
                        .isEqualTo(c.getDiagnoses().get(0).getIcd10Code());
                assertThat(visitsOf(run, c.getInsuredPersonId())).isEmpty();
            }
            assertThat(chain.truth().evidenceEventIds()).containsExactly(c.getEventId());
        });
        assertThat(declared).contains(true, false);
        run.assertExactlyTheExpectedAlertsAndTraceable();
    }

    @Test
    void theConsultationDiagnosesAnotherDiseaseThanTheOfflineOneItFollowsUpAndPrescribesForIt() {
        ScenarioRun run = ScenarioRun.of(Scenario.FU_DIAGNOSIS_CHANGED);
        assertThat(run.chains()).allSatisfy(chain -> {
            Consultation c = chain.consultation();
            Prescription p = chain.prescription();
            Disease diagnosed = disease(c.getDiagnoses().get(0).getIcd10Code());
            Disease followed = disease(c.getFollowUpOf().getDiagnosis().getIcd10Code());
            assertThat(diagnosed.icd10Category()).isNotEqualTo(followed.icd10Category());
            assertThat(p.getDiagnoses()).extracting(d -> d.getIcd10Code()).containsExactly(diagnosed.icd10Code());
            assertThat(p.getLines()).extracting(PrescriptionLine::getDrugCode)
                    .isSubsetOf(DrugCatalogue.prescribedFor(diagnosed).stream().map(Drug::code).toList());
            assertThat(p.getLines()).extracting(PrescriptionLine::getDaysOfSupply).allSatisfy(days ->
                    assertThat(days).isLessThanOrEqualTo(Scenario.GENERAL_MAX_DAYS_OF_SUPPLY));
            List<OfflineVisit> history = visitsBefore(run, c);
            assertThat(history).allSatisfy(v -> assertThat(v.getDiagnoses()).extracting(d -> d.getIcd10Code())
                    .containsOnly(followed.icd10Code()));
            assertThat(history).extracting(OfflineVisit::getVisitedAt).allSatisfy(visitedAt ->
                    assertThat(visitedAt).isBeforeOrEqualTo(c.getFollowUpOf().getDiagnosedAt()));
            assertThat(chain.truth().evidenceEventIds())
                    .containsExactly(c.getEventId(), c.getFollowUpOf().getOfflineVisitId());
        });
        run.assertExactlyTheExpectedAlertsAndTraceable();
    }

    @Test
    void aWalkInFollowsUpTheOnlyOfflineDiagnosisTheInsurerKnowsOneToThirtyDaysPastItsWindow() {
        ScenarioRun run = ScenarioRun.of(Scenario.FU_WINDOW_EXPIRED);
        Set<String> roster = rosterIds(run);
        assertThat(run.chains()).allSatisfy(chain -> {
            Consultation c = chain.consultation();
            assertThat(c.getInsuredPersonId()).isNotIn(roster);
            OfflineVisit visit = onlyVisitPublishedBefore(run, c);
            Instant threeMonthsBefore = c.getStartedAt().atZone(CHINA).minusMonths(3).toInstant();
            assertThat(Duration.between(visit.getVisitedAt(), threeMonthsBefore))
                    .isBetween(Duration.ofDays(1), Duration.ofDays(30));
            assertThat(chain.truth().evidenceEventIds()).containsExactly(c.getEventId(), visit.getOfflineVisitId());
        });
        run.assertExactlyTheExpectedAlertsAndTraceable();
    }

    @Test
    void aWalkInFollowsUpAnOfflineDiagnosisExactlyThreeCalendarMonthsOld() {
        ScenarioRun run = ScenarioRun.of(Scenario.FOLLOW_UP_AT_WINDOW_EDGE);
        assertThat(run.chains()).allSatisfy(chain -> {
            Consultation c = chain.consultation();
            OfflineVisit visit = onlyVisitPublishedBefore(run, c);
            assertThat(visit.getVisitedAt().atZone(CHINA).plusMonths(3).toInstant()).isEqualTo(c.getStartedAt());
            assertThat(chain.truth().evidenceEventIds()).isEmpty();
        });
        run.assertExactlyTheExpectedAlertsAndTraceable();
    }

    @Test
    void theOldestDiagnosisAllowedIsThreeMonthsBackOrWhereThatMonthIsShorterTheNextDaysStart() {
        assertThat(oldestAllowed("2026-05-15T10:00")).isEqualTo(at("2026-02-15T10:00"));
        assertThat(oldestAllowed("2026-03-31T10:00")).isEqualTo(at("2025-12-31T10:00"));
        assertThat(oldestAllowed("2026-05-31T10:00")).isEqualTo(at("2026-03-01T00:00"));
        assertThat(oldestAllowed("2026-05-29T23:59")).isEqualTo(at("2026-03-01T00:00"));
        // every hour of two years: the oldest allowed is within the window, a millisecond older is not
        for (Instant start = at("2026-01-01T00:00"); start.isBefore(at("2028-01-01T00:00"));
             start = start.plus(Duration.ofMinutes(61))) {
            long oldest = FollowUpWindow.oldestAllowed(start.toEpochMilli());
            assertThat(Instant.ofEpochMilli(oldest).atZone(CHINA).plusMonths(3).toInstant()).as("%s", start)
                    .isAfterOrEqualTo(start);
            assertThat(Instant.ofEpochMilli(oldest - 1).atZone(CHINA).plusMonths(3).toInstant()).as("%s", start)
                    .isBefore(start);
        }
    }

    private static Instant oldestAllowed(String startedAt) {
        return Instant.ofEpochMilli(FollowUpWindow.oldestAllowed(at(startedAt).toEpochMilli()));
    }

    private static Instant at(String chinaTime) {
        return LocalDateTime.parse(chinaTime).atZone(CHINA).toInstant();
    }

    private static Set<String> rosterIds(ScenarioRun run) {
        return run.world().insuredPersons().stream().map(InsuredPerson::id).collect(Collectors.toSet());
    }

    /** The person's offline visits published in the traffic, in order. */
    private static List<OfflineVisit> visitsOf(ScenarioRun run, String insuredPersonId) {
        return run.traffic().events().stream().map(GeneratedEvent::record)
                .filter(r -> r instanceof OfflineVisit v && v.getInsuredPersonId().equals(insuredPersonId))
                .map(OfflineVisit.class::cast).toList();
    }

    /** The patient's offline visits published before the consultation. */
    private static List<OfflineVisit> visitsBefore(ScenarioRun run, Consultation c) {
        List<GeneratedEvent> events = run.traffic().events();
        int at = run.positions().get(c.getEventId());
        return events.subList(0, at).stream().map(GeneratedEvent::record)
                .filter(r -> r instanceof OfflineVisit v && v.getInsuredPersonId().equals(c.getInsuredPersonId()))
                .map(OfflineVisit.class::cast).toList();
    }

    /** The walk-in's one offline visit, published before the consultation, and the one it follows up. */
    private static OfflineVisit onlyVisitPublishedBefore(ScenarioRun run, Consultation c) {
        assertThat(c.getInsuredPersonId()).isNotIn(rosterIds(run));
        List<OfflineVisit> visits = visitsOf(run, c.getInsuredPersonId());
        assertThat(visitsBefore(run, c)).isEqualTo(visits).hasSize(1);
        OfflineVisit visit = visits.get(0);
        assertThat(visit.getOfflineVisitId()).isEqualTo(c.getFollowUpOf().getOfflineVisitId());
        assertThat(visit.getVisitedAt()).isEqualTo(c.getFollowUpOf().getDiagnosedAt());
        assertThat(visit.getDiagnoses()).isEqualTo(c.getDiagnoses());
        return visit;
    }

    private static Disease disease(String icd10Code) {
        return Arrays.stream(Disease.values()).filter(d -> d.icd10Code().equals(icd10Code))
                .findFirst().orElseThrow();
    }
}
