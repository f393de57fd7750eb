package org.insurwatch.jobs.rules.prescription;

import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.api.common.typeinfo.Types;
import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.reference.ReferenceKind;
import org.insurwatch.jobs.reference.ReferenceRules;
import org.insurwatch.jobs.reference.ReferenceState;
import org.insurwatch.jobs.rules.settings.RuleSettingsFixture;
import org.insurwatch.schema.Diagnosis;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.PrescriptionLine;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.internal.ReferenceVersions;
import org.insurwatch.schema.reference.ChronicDisease;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.ChainFixture.T0;
import static org.insurwatch.jobs.rules.RuleTesting.PSEUDONYMISER;
import static org.insurwatch.jobs.rules.RuleTesting.SETTINGS;

class LongSupplyRuleTest {
    private KeyedBroadcastOperatorTestHarness<String, Prescription, ReferenceVersions, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new ReferenceRules<>(LiveStream.PRESCRIPTION, List.of(new LongSupplyRule(PSEUDONYMISER)), SETTINGS),
                Prescription::getPrescriptionId, Types.STRING, ReferenceState.DESCRIPTOR);
        ChronicDisease hypertension = new ChronicDisease("I10", "高血压", 90, Instant.parse("2020-01-01T00:00:00Z"), null);
        harness.processBroadcastElement(new ReferenceVersions(ReferenceKind.CHRONIC_DISEASE.key("I10"), List.of(hypertension)), 0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private int judged;

    /** Each call a later hour, since event time only moves forward. */
    private List<String> judge(String icd10, int days) throws Exception {
        Instant at = T0.plus(Duration.ofHours(judged++));
        Prescription p = new ChainFixture(icd10 + "-" + days).prescription(at, at.plusSeconds(20));
        p.setDiagnoses(List.of(new Diagnosis(icd10, "")));
        p.setLines(List.of(new PrescriptionLine("XA01", "", 1, "盒", days)));
        harness.processElement(p, p.getUploadedAt().toEpochMilli());
        harness.processBroadcastWatermark(at.plus(Duration.ofMinutes(30)).toEpochMilli());
        harness.processWatermark(at.plus(Duration.ofMinutes(30)).toEpochMilli());
        return harness.extractOutputValues().stream().map(Alert::getPrescriptionId).toList();
    }

    @Test
    void ninetyDaysAreAllowedForAChronicDiseaseOnTheListButNotOneMore() throws Exception {
        assertThat(judge("I10", 90)).isEmpty();
        assertThat(judge("I10", 91)).containsExactly("RX-I10-91");
    }

    @Test
    void otherDiseasesGetTheGeneralLimit() throws Exception {
        assertThat(judge("J06.9", 30)).isEmpty();
        assertThat(judge("J06.9", 31)).containsExactly("RX-J06.9-31");
        assertThat(harness.extractOutputValues().get(0).getEvidence().get(0).getFields())
                .containsEntry("limitDays", "30").containsEntry("daysOfSupply", "31");
    }

    @Test
    void theGeneralLimitIsTheOneOfTheRuleSettingsInForce() throws Exception {
        harness.processBroadcastElement(RuleSettingsFixture.broadcast(RuleSettingsFixture.version("v1", T0.plus(Duration.ofHours(2)))
                .setMaxDaysOfSupply(20).build()), 0);
        assertThat(judge("J06.9", 25)).as("before the version starts").isEmpty();
        assertThat(judge("J06.9", 26)).isEmpty();
        assertThat(judge("J06.9", 20)).as("from its start on, at the new limit").isEmpty();
        assertThat(judge("J06.9", 21)).containsExactly("RX-J06.9-21");
        assertThat(harness.extractOutputValues().get(0).getEvidence().get(0).getFields()).containsEntry("limitDays", "20");
    }
}
