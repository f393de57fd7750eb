package org.insurwatch.jobs.reference;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.rules.identity.DoctorRegistrationRule;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.internal.ReferenceVersions;
import org.insurwatch.schema.reference.DoctorRegistration;
import org.insurwatch.schema.reference.DoctorStatus;
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

/** Reference data in broadcast state: judged at the event's time, changed while running, awaited before judging. */
class ReferenceRulesTest {
    private static final Instant SINCE = Instant.parse("2020-01-01T00:00:00Z");
    private KeyedBroadcastOperatorTestHarness<String, Prescription, ReferenceVersions, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new ReferenceRules<>(LiveStream.PRESCRIPTION, List.of(new DoctorRegistrationRule(PSEUDONYMISER)), SETTINGS),
                Prescription::getPrescriptionId, Types.STRING, ReferenceState.DESCRIPTOR);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static ReferenceVersions doctor(DoctorStatus status, Instant from, Instant to) {
        DoctorRegistration d = DoctorRegistration.newBuilder().setDoctorId("D-01").setInternetPlusQualified(true)
                .setStatus(status).setValidFrom(from).setValidTo(to).build();
        return new ReferenceVersions(ReferenceKind.DOCTOR.key("D-01"), List.of(d));
    }

    /** Both inputs: the rules wait for the reference side's watermark as well. */
    private void advanceEventTime(long to) throws Exception {
        harness.processBroadcastWatermark(to);
        harness.processWatermark(to);
    }

    private void prescribe(String id, Instant signedAt) throws Exception {
        Prescription p = new ChainFixture(id).prescription(signedAt, signedAt.plusSeconds(20));
        harness.processElement(p, p.getUploadedAt().toEpochMilli());
    }

    @Test
    void aSuspensionCountsFromItsValidityTimeOnEvenWhenItArrivesLater() throws Exception {
        Instant suspendedFrom = T0.plus(Duration.ofHours(1));
        harness.processBroadcastElement(doctor(DoctorStatus.ACTIVE, SINCE, suspendedFrom), 0);
        prescribe("before", T0.plus(Duration.ofMinutes(30)));
        prescribe("after", T0.plus(Duration.ofHours(2)));
        // the registry learns of the suspension only now, while the run goes on
        harness.processBroadcastElement(doctor(DoctorStatus.SUSPENDED, suspendedFrom, null), 0);
        advanceEventTime(T0.plus(Duration.ofHours(3)).toEpochMilli());

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("ID-DOCTOR-SUSPENDED");
            assertThat(alert.getPrescriptionId()).isEqualTo("RX-after");
        });
    }

    @Test
    void anEventWaitsForTheWatermarkSoAReferenceRecordReadLaterStillCounts() throws Exception {
        prescribe("early", T0);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processBroadcastElement(doctor(DoctorStatus.ACTIVE, SINCE, null), 0);
        advanceEventTime(T0.plus(Duration.ofHours(1)).toEpochMilli());
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).as("nothing left waiting").isZero();
    }

    @Test
    void eventsAreNotJudgedWhileTheReferenceSideHoldsEventTimeBack() throws Exception {
        prescribe("early", T0);
        harness.processWatermark(T0.plus(Duration.ofHours(1)).toEpochMilli());
        assertThat(harness.extractOutputValues()).as("registry not read yet: no verdict, not a false alarm").isEmpty();
        harness.processBroadcastElement(doctor(DoctorStatus.ACTIVE, SINCE, null), 0);
        harness.processBroadcastWatermark(T0.plus(Duration.ofHours(1)).toEpochMilli());
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aDoctorMissingFromTheRegistryOrWithoutQualificationIsUnregistered() throws Exception {
        DoctorRegistration unqualified = DoctorRegistration.newBuilder().setDoctorId("D-01").setInternetPlusQualified(false)
                .setStatus(DoctorStatus.ACTIVE).setValidFrom(SINCE).build();
        harness.processBroadcastElement(new ReferenceVersions(ReferenceKind.DOCTOR.key("D-01"), List.of(unqualified)), 0);
        prescribe("unqualified", T0);
        Prescription stranger = new ChainFixture("stranger").prescription(T0, T0.plusSeconds(20));
        stranger.setDoctorId("D-99");
        harness.processElement(stranger, stranger.getUploadedAt().toEpochMilli());
        advanceEventTime(T0.plus(Duration.ofHours(1)).toEpochMilli());

        assertThat(harness.extractOutputValues()).extracting(Alert::getRuleId)
                .containsExactlyInAnyOrder("ID-DOCTOR-UNREGISTERED", "ID-DOCTOR-UNREGISTERED");
        assertThat(harness.extractOutputValues()).extracting(a -> a.getEvidence().get(0).getFields().get("registry"))
                .containsExactlyInAnyOrder("no Internet+ qualification", "not in the registry");
    }

    @Test
    void aHistoryReadAheadOfItsEventsKeepsEveryVersionTheyAreJudgedBy() throws Exception {
        // as in a replay, which reads the range's reference data first: forty brief suspensions before any event
        harness.processBroadcastElement(doctor(DoctorStatus.ACTIVE, SINCE, null), 0);
        for (int hour = 1; hour <= 40; hour++) {
            Instant from = T0.plus(Duration.ofHours(hour));
            harness.processBroadcastElement(doctor(DoctorStatus.SUSPENDED, from, from.plus(Duration.ofMinutes(10))), 0);
            harness.processBroadcastElement(doctor(DoctorStatus.ACTIVE, from.plus(Duration.ofMinutes(10)), null), 0);
        }
        prescribe("before-any", T0.plus(Duration.ofMinutes(30)));
        prescribe("in-the-first", T0.plus(Duration.ofMinutes(65)));
        prescribe("between", T0.plus(Duration.ofMinutes(20 * 60 + 30)));
        advanceEventTime(T0.plus(Duration.ofDays(3)).toEpochMilli());

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("ID-DOCTOR-SUSPENDED");
            assertThat(alert.getPrescriptionId()).isEqualTo("RX-in-the-first");
        });
    }

    @Test
    void aVersionIsDroppedOnceItsSuccessorStartedALookBackBeforeTheWatermark() throws Exception {
        Instant suspendedFrom = T0.minus(Duration.ofDays(400));
        Instant reinstatedFrom = suspendedFrom.plus(Duration.ofDays(1));
        harness.processBroadcastElement(doctor(DoctorStatus.ACTIVE, SINCE, null), 0);
        harness.processBroadcastElement(doctor(DoctorStatus.SUSPENDED, suspendedFrom, reinstatedFrom), 0);
        harness.processBroadcastElement(doctor(DoctorStatus.ACTIVE, reinstatedFrom, null), 0);
        advanceEventTime(T0.toEpochMilli());
        harness.processBroadcastElement(doctor(DoctorStatus.SUSPENDED, T0.plus(Duration.ofHours(2)), null), 0);

        List<Object> kept = harness.getBroadcastState(ReferenceState.DESCRIPTOR).get(ReferenceKind.DOCTOR.key("D-01")).getVersions();
        assertThat(kept).extracting(v -> ((DoctorRegistration) v).getValidFrom())
                .as("from the version valid a look-back before the watermark on")
                .containsExactly(reinstatedFrom, T0.plus(Duration.ofHours(2)));
        prescribe("still-active", T0.plus(Duration.ofHours(1)));
        advanceEventTime(T0.plus(Duration.ofHours(3)).toEpochMilli());
        assertThat(harness.extractOutputValues()).isEmpty();
    }
}
