package org.insurwatch.jobs.rules;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.jobs.rules.identity.DoctorMismatchCheck;
import org.insurwatch.jobs.rules.identity.PatientMismatchCheck;
import org.insurwatch.jobs.rules.prescription.ReviewAfterSettlementCheck;
import org.insurwatch.jobs.rules.traceability.ChainEvent;
import org.insurwatch.jobs.rules.traceability.ChainEvents;
import org.insurwatch.jobs.rules.traceability.StepPairCheck;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.PharmacistReview;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.Evidence;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.ChainFixture.T0;
import static org.insurwatch.jobs.rules.RuleTesting.PSEUDONYMISER;

/** The rules judged where two steps of one chain meet. */
class StepPairChecksTest {
    private final ChainEvents chainEvents = new ChainEvents(PSEUDONYMISER);
    private final ChainFixture chain = new ChainFixture("1");

    private static List<Alert> check(StepPairCheck check, ChainEvent predecessor, ChainEvent step) {
        List<Alert> alerts = new ArrayList<>();
        check.check(predecessor, step, new ListCollector<>(alerts));
        return alerts;
    }

    @Test
    void theConsultingDoctorMustSign() {
        ChainEvent consulted = chainEvents.of(chain.consultation(T0));
        assertThat(check(new DoctorMismatchCheck(), consulted, chainEvents.of(chain.prescription(T0.plusSeconds(60), T0.plusSeconds(80)))))
                .isEmpty();
        Prescription byAnother = chain.prescription(T0.plusSeconds(60), T0.plusSeconds(80));
        byAnother.setDoctorId("D-02");
        assertThat(check(new DoctorMismatchCheck(), consulted, chainEvents.of(byAnother))).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("ID-DOCTOR-MISMATCH");
            assertThat(alert.getEvidence()).extracting(Evidence::getEventId).containsExactly("ev-c-1", "ev-p-1");
        });
    }

    @Test
    void thePatientSeenMustBeTheInsuredPersonCharged() {
        ChainEvent consulted = chainEvents.of(chain.consultation(T0));
        Settlement own = chain.settlement(T0.plusSeconds(900), Fulfilment.HOME_DELIVERY);
        assertThat(check(new PatientMismatchCheck(), consulted, chainEvents.of(own))).isEmpty();
        Settlement someoneElse = chain.settlement(T0.plusSeconds(900), Fulfilment.HOME_DELIVERY);
        someoneElse.setInsuredPersonId("IP3502030999");
        assertThat(check(new PatientMismatchCheck(), consulted, chainEvents.of(someoneElse)))
                .singleElement().satisfies(alert -> {
                    assertThat(alert.getRuleId()).isEqualTo("ID-PATIENT-MISMATCH");
                    assertThat(alert.toString()).doesNotContain("IP3502030999").doesNotContain(ChainFixture.PATIENT_ID);
                });
    }

    @Test
    void aGuardianAuthorisedAtTheVisitMaySettleForTheChildButNoOneElse() {
        Consultation child = chain.consultation(T0);
        child.setGuardianInsuredPersonIds(List.of("IP-MOTHER", "IP-FATHER"));
        ChainEvent consulted = chainEvents.of(child);
        Settlement byFather = chain.settlement(T0.plusSeconds(900), Fulfilment.HOME_DELIVERY);
        byFather.setPayingGuardianId("IP-FATHER");
        assertThat(check(new PatientMismatchCheck(), consulted, chainEvents.of(byFather))).isEmpty();
        Settlement byStranger = chain.settlement(T0.plusSeconds(900), Fulfilment.HOME_DELIVERY);
        byStranger.setPayingGuardianId("IP-NEIGHBOUR");
        assertThat(check(new PatientMismatchCheck(), consulted, chainEvents.of(byStranger))).hasSize(1);
    }

    @Test
    void theReviewMustComeBeforeThePayment() {
        Prescription reviewedLate = chain.prescription(T0, T0.plusSeconds(20));
        Settlement settled = chain.settlement(T0.plus(Duration.ofMinutes(10)), Fulfilment.HOME_DELIVERY);
        assertThat(check(new ReviewAfterSettlementCheck(), chainEvents.of(reviewedLate), chainEvents.of(settled))).isEmpty();
        reviewedLate.setPharmacistReview(new PharmacistReview("PH-1", T0.plus(Duration.ofMinutes(11)), true));
        assertThat(check(new ReviewAfterSettlementCheck(), chainEvents.of(reviewedLate), chainEvents.of(settled)))
                .singleElement().satisfies(alert -> assertThat(alert.getRuleId()).isEqualTo("RX-NO-PHARMACIST"));
    }
}
