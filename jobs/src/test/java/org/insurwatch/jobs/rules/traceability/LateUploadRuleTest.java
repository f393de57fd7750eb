package org.insurwatch.jobs.rules.traceability;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.reference.ReferenceRules;
import org.insurwatch.jobs.reference.ReferenceState;
import org.insurwatch.jobs.rules.settings.RuleSettingsFixture;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.internal.ReferenceVersions;
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

class LateUploadRuleTest {
    private KeyedBroadcastOperatorTestHarness<String, Prescription, ReferenceVersions, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new ReferenceRules<>(LiveStream.PRESCRIPTION, List.of(new LateUploadRule(new ChainEvents(PSEUDONYMISER))), SETTINGS),
                Prescription::getPrescriptionId, Types.STRING, ReferenceState.DESCRIPTOR);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private List<String> upload(String id, Instant signedAt, Duration late) throws Exception {
        Prescription p = new ChainFixture(id).prescription(signedAt, signedAt.plus(late));
        harness.processElement(p, p.getUploadedAt().toEpochMilli());
        long passed = p.getUploadedAt().plusSeconds(1).toEpochMilli();
        harness.processBroadcastWatermark(passed);
        harness.processWatermark(passed);
        return harness.extractOutputValues().stream().map(Alert::getPrescriptionId).toList();
    }

    @Test
    void thirtyMinutesIsStillRealTimeAndOneSecondMoreIsLate() throws Exception {
        assertThat(upload("on-time", T0, Duration.ofMinutes(30))).isEmpty();
        assertThat(upload("late", T0.plus(Duration.ofHours(1)), Duration.ofMinutes(30).plusSeconds(1))).containsExactly("RX-late");
        assertThat(harness.extractOutputValues().get(0).getEvidence().get(0).getEventId()).isEqualTo("ev-p-late");
    }

    @Test
    void theThresholdIsTheOneOfTheRuleSettingsAtUploadTime() throws Exception {
        harness.processBroadcastElement(RuleSettingsFixture.broadcast(RuleSettingsFixture.version("v1", T0.plus(Duration.ofHours(2)))
                .setLateUploadThresholdMillis(Duration.ofMinutes(10).toMillis()).build()), 0);
        assertThat(upload("before", T0, Duration.ofMinutes(20))).isEmpty();
        assertThat(upload("after", T0.plus(Duration.ofHours(3)), Duration.ofMinutes(11))).containsExactly("RX-after");
    }
}
