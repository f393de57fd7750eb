package org.insurwatch.jobs.rules.followup;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.types.Either;
import org.insurwatch.jobs.reference.ReferenceState;
import org.insurwatch.jobs.rules.settings.RuleSettingsFixture;
import org.insurwatch.jobs.rules.settings.SettingsSelection;
import org.insurwatch.schema.internal.ReferenceVersions;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.rules.RuleTesting;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.Diagnosis;
import org.insurwatch.schema.VisitType;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.Evidence;
import org.insurwatch.schema.reference.OfflineVisit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.ChainFixture.T0;

class FollowUpEligibilityTest {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private KeyedBroadcastOperatorTestHarness<String, Either<Consultation, OfflineVisit>, ReferenceVersions, Alert> harness;

    private void open(JobConfig.FollowUp config) throws Exception {
        JobConfig.Rules rules = new JobConfig.Rules();
        rules.followUp = config;
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new FollowUpEligibility(config, List.of(new FirstVisitRule(RuleTesting.PSEUDONYMISER),
                        new DiagnosisChangedRule(RuleTesting.PSEUDONYMISER), new WindowExpiredRule(config, RuleTesting.PSEUDONYMISER)),
                        new SettingsSelection(rules)),
                r -> r.isLeft() ? r.left().getInsuredPersonId() : r.right().getInsuredPersonId(), Types.STRING, ReferenceState.DESCRIPTOR);
        harness.processBroadcastWatermark(Long.MAX_VALUE);
    }

    private void visit(OfflineVisit v) throws Exception {
        harness.processElement(Either.Right(v), Long.MIN_VALUE);
    }

    private void consult(Consultation c) throws Exception {
        harness.processElement(Either.Left(c), c.getEventTime().toEpochMilli());
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private List<Alert> judge(List<OfflineVisit> visits, Consultation consultation) throws Exception {
        if (harness == null) {
            open(new JobConfig.FollowUp());
        }
        for (OfflineVisit v : visits) {
            visit(v);
        }
        consult(consultation);
        harness.processWatermark(consultation.getEventTime().plus(Duration.ofMinutes(1)).toEpochMilli());
        return harness.extractOutputValues();
    }

    private static Consultation followUp(Instant startedAt, String icd10) {
        return Consultation.newBuilder(new ChainFixture("fu").consultation(startedAt))
                .setDiagnoses(List.of(new Diagnosis(icd10, ""))).build();
    }

    private static Instant monthsBefore(Instant at, int months) {
        return at.atZone(CHINA).minusMonths(months).toInstant();
    }

    @Test
    void aFollowUpOfARecentOfflineDiagnosisIsPayable() throws Exception {
        assertThat(judge(List.of(ChainFixture.offlineVisit("OV-1", T0.minus(Duration.ofDays(30)))), followUp(T0, "I10"))).isEmpty();
    }

    @Test
    void aFinerCodeOfTheSameDiseaseStillFollowsItUp() throws Exception {
        assertThat(judge(List.of(ChainFixture.offlineVisit("OV-1", T0.minus(Duration.ofDays(30)))), followUp(T0, "I10.0"))).isEmpty();
    }

    @Test
    void withoutAnyOfflineVisitKnownToTheInsurerTheVisitIsAFirstVisitWhateverTheHospitalClaims() throws Exception {
        Consultation claimed = followUp(T0, "I10");
        assertThat(judge(List.of(), claimed)).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("FU-FIRST-VISIT");
            assertThat(alert.getEvidence()).singleElement().satisfies(e -> {
                assertThat(e.getEventId()).isEqualTo(claimed.getEventId());
                assertThat(e.getFields()).containsEntry("claimedOfflineVisitId", "OV-01").containsEntry("offlineVisitsKnown", "false");
            });
            assertThat(alert.getCitation()).contains("000 art.3(五)");
            assertThat(alert.getPatientPseudonym()).startsWith("P-");
        });
    }

    @Test
    void aVisitTheHospitalDeclaresFirstIsNotPayableOnline() throws Exception {
        Consultation declared = Consultation.newBuilder(followUp(T0, "I10")).setVisitType(VisitType.FIRST_VISIT).setFollowUpOf(null).build();
        assertThat(judge(List.of(ChainFixture.offlineVisit("OV-1", T0.minus(Duration.ofDays(30)))), declared))
                .extracting(Alert::getRuleId).containsExactly("FU-FIRST-VISIT");
    }

    @Test
    void anOfflineVisitAfterTheConsultationDoesNotMakeItAFollowUp() throws Exception {
        assertThat(judge(List.of(ChainFixture.offlineVisit("OV-1", T0.plus(Duration.ofDays(1)))), followUp(T0, "I10")))
                .extracting(Alert::getRuleId).containsExactly("FU-FIRST-VISIT");
    }

    @Test
    void anotherDiseaseThanAnyDiagnosedOfflineIsReportedCitingTheLatestOfflineVisit() throws Exception {
        List<OfflineVisit> visits = List.of(ChainFixture.offlineVisit("OV-old", T0.minus(Duration.ofDays(60))),
                ChainFixture.offlineVisit("OV-new", T0.minus(Duration.ofDays(20))));
        Consultation diabetes = followUp(T0, "E11.9");
        assertThat(judge(visits, diabetes)).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("FU-DIAGNOSIS-CHANGED");
            assertThat(alert.getEvidence()).extracting(Evidence::getEventId).containsExactly(diabetes.getEventId(), "OV-new");
        });
    }

    @Test
    void aDiagnosisOlderThanThreeCalendarMonthsHasExpired() throws Exception {
        OfflineVisit visit = ChainFixture.offlineVisit("OV-1", monthsBefore(T0, 3).minusSeconds(1));
        assertThat(judge(List.of(visit), followUp(T0, "I10"))).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("FU-WINDOW-EXPIRED");
            assertThat(alert.getEvidence()).extracting(Evidence::getEventId).containsExactly("ev-c-fu", "OV-1");
            assertThat(alert.getEvidence().get(0).getFields()).containsEntry("followUpWindow", "P3M");
        });
    }

    @Test
    void aFollowUpExactlyAtTheWindowsEdgeIsStillWithinIt() throws Exception {
        assertThat(judge(List.of(ChainFixture.offlineVisit("OV-1", monthsBefore(T0, 3))), followUp(T0, "I10"))).isEmpty();
    }

    @Test
    void theLatestDiagnosisOfTheDiseaseCountsNotAnOlderOne() throws Exception {
        List<OfflineVisit> visits = List.of(ChainFixture.offlineVisit("OV-old", monthsBefore(T0, 7)),
                ChainFixture.offlineVisit("OV-recent", monthsBefore(T0, 2)));
        assertThat(judge(visits, followUp(T0, "I10"))).isEmpty();
    }

    @Test
    void aPoolingRegionMaySetALongerWindow() throws Exception {
        JobConfig.FollowUp config = new JobConfig.FollowUp();
        config.windowByPoolingRegion.put("350203", Period.ofMonths(6));
        open(config);
        assertThat(judge(List.of(ChainFixture.offlineVisit("OV-1", monthsBefore(T0, 5))), followUp(T0, "I10"))).isEmpty();
    }

    @Test
    void anOfflineVisitArrivingAfterItsConsultationButBeforeTheWatermarkStillCounts() throws Exception {
        open(new JobConfig.FollowUp());
        Consultation c = followUp(T0, "I10");
        consult(c);
        visit(ChainFixture.offlineVisit("OV-1", T0.minus(Duration.ofDays(30))));
        harness.processWatermark(c.getEventTime().toEpochMilli());
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aVisitOlderThanTheHistoryIsForgottenAndCountsAsNone() throws Exception {
        open(new JobConfig.FollowUp());
        visit(ChainFixture.offlineVisit("OV-1", monthsBefore(T0, 13)));
        harness.processWatermark(T0.toEpochMilli());
        assertThat(((HeapKeyedStateBackend<?>) ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend())
                .numKeyValueStateEntries()).isZero();
        assertThat(judge(List.of(), followUp(T0.plus(Duration.ofDays(1)), "I10")))
                .extracting(Alert::getRuleId).containsExactly("FU-FIRST-VISIT");
    }

    @Test
    void theWindowIsTheOneOfTheRuleSettingsInForceInTheConsultationsPoolingRegion() throws Exception {
        open(new JobConfig.FollowUp());
        harness.processBroadcastElement(RuleSettingsFixture.broadcast(RuleSettingsFixture.version("v1", T0.minus(Duration.ofDays(1)))
                .setFollowUpWindowByPoolingRegion(Map.of("350203", "P6M")).build()), 0);
        assertThat(judge(List.of(ChainFixture.offlineVisit("OV-1", monthsBefore(T0, 5))), followUp(T0, "I10")))
                .as("five months is within the region's six").isEmpty();
        assertThat(judge(List.of(), followUp(T0.plus(Duration.ofDays(40)), "I10"))).extracting(Alert::getRuleId)
                .containsExactly("FU-WINDOW-EXPIRED");
        assertThat(harness.extractOutputValues().get(0).getEvidence().get(0).getFields()).containsEntry("followUpWindow", "P6M");
    }
}
