package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.insurwatch.schema.DeliveryStatus;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.Logistics;
import org.insurwatch.traffic.GeneratedTraffic.Chain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each violation has exactly the shape RULES.md describes, and everything else about its chain stays clean. */
class ScenarioTest {

    private static final int CHAINS = 60;

    private static List<Chain> chainsOf(Scenario scenario) {
        TrafficOptions options = GeneratedTraffic.options(5).withViolationRate(1).withScenarios(Set.of(scenario));
        GeneratedTraffic traffic = GeneratedTraffic.generate(options, CHAINS);
        assertThat(traffic.truths()).hasSize(CHAINS).allSatisfy(truth -> {
            assertThat(truth.scenario()).isEqualTo(scenario);
            assertThat(truth.expectedRuleId()).isEqualTo(scenario.ruleId());
        });
        Set<Object> eventIds = traffic.events().stream().map(GeneratedTraffic::eventId).collect(Collectors.toSet());
        assertThat(traffic.truths()).allSatisfy(truth -> assertThat(eventIds).containsAll(truth.evidenceEventIds()));
        return traffic.chains();
    }

    @ParameterizedTest
    @EnumSource(mode = EnumSource.Mode.EXCLUDE, names = "CLEAN")
    void everyViolationNamesTheRuleItMustTrigger(Scenario scenario) {
        assertThat(scenario.ruleId()).isEqualTo(scenario.name().replace('_', '-'));
        assertThat(scenario.isViolation()).isTrue();
    }

    @Test
    void noConsultationIsEmittedForThePrescription() {
        assertThat(chainsOf(Scenario.TRACE_NO_CONSULT)).allSatisfy(chain -> {
            assertThat(chain.consultation()).isNull();
            assertThat(chain.prescription().getConsultationId()).isEqualTo(chain.truth().consultationId());
            assertThat(chain.settlement()).isNotNull();
            assertThat(chain.logistics()).isNotEmpty();
            assertThat(chain.truth().evidenceEventIds()).containsExactly(chain.prescription().getEventId());
        });
    }

    @Test
    void noPrescriptionIsEmittedForTheSettlementAndTheDelivery() {
        assertThat(chainsOf(Scenario.TRACE_NO_RX)).allSatisfy(chain -> {
            assertThat(chain.prescription()).isNull();
            assertThat(chain.consultation()).isNotNull();
            assertThat(chain.settlement().getPrescriptionId()).isEqualTo(chain.truth().prescriptionId());
            assertThat(chain.logistics()).isNotEmpty()
                    .allSatisfy(l -> assertThat(l.getPrescriptionId()).isEqualTo(chain.truth().prescriptionId()));
            assertThat(chain.truth().evidenceEventIds()).containsExactly(chain.settlement().getEventId());
        });
    }

    @Test
    void noSettlementIsEmittedYetTheDrugsAreDispatchedAndDelivered() {
        assertThat(chainsOf(Scenario.TRACE_NO_PAY)).allSatisfy(chain -> {
            assertThat(chain.settlement()).isNull();
            assertThat(chain.consultation()).isNotNull();
            assertThat(chain.prescription()).isNotNull();
            assertThat(chain.logistics()).extracting(Logistics::getStatus)
                    .containsExactly(DeliveryStatus.DISPATCHED, DeliveryStatus.DELIVERED);
            assertThat(chain.logistics()).allSatisfy(l -> assertThat(l.getSettlementId()).isNull());
            assertThat(chain.truth().evidenceEventIds()).containsExactly(chain.logistics().get(0).getEventId());
        });
    }

    @Test
    void aSettledHomeDeliveryIsNeverDispatched() {
        assertThat(chainsOf(Scenario.TRACE_STALLED)).allSatisfy(chain -> {
            assertThat(chain.settlement().getFulfilment()).isEqualTo(Fulfilment.HOME_DELIVERY);
            assertThat(chain.consultation()).isNotNull();
            assertThat(chain.prescription()).isNotNull();
            assertThat(chain.logistics()).isEmpty();
            assertThat(chain.truth().evidenceEventIds()).containsExactly(chain.settlement().getEventId());
        });
    }

    @Test
    void payingBeforePrescribingIsTheOnlyStepOutOfOrder() {
        assertThat(chainsOf(Scenario.TRACE_ORDER)).allSatisfy(chain -> {
            var consultation = chain.consultation();
            var prescription = chain.prescription();
            var settlement = chain.settlement();
            assertThat(settlement.getSettledAt()).isEqualTo(prescription.getSignedAt().minus(Duration.ofMinutes(10)));
            assertThat(settlement.getSettledAt()).isAfter(consultation.getStartedAt())
                    .isAfterOrEqualTo(prescription.getPharmacistReview().getReviewedAt());
            assertThat(prescription.getPharmacistReview().getReviewedAt()).isAfterOrEqualTo(consultation.getStartedAt());
            assertThat(prescription.getSignedAt()).isAfterOrEqualTo(consultation.getStartedAt())
                    .isBeforeOrEqualTo(consultation.getEndedAt());
            assertThat(Duration.between(consultation.getStartedAt(), consultation.getEndedAt()))
                    .isLessThanOrEqualTo(Duration.ofMinutes(15));
            assertThat(Duration.between(prescription.getSignedAt(), prescription.getUploadedAt()))
                    .isLessThanOrEqualTo(Duration.ofMinutes(1));
            assertThat(chain.logistics()).isNotEmpty().allSatisfy(l -> assertThat(l.getEventTime())
                    .isAfterOrEqualTo(settlement.getSettledAt().plus(Duration.ofHours(1))));
            assertThat(chain.truth().evidenceEventIds())
                    .containsExactly(prescription.getEventId(), settlement.getEventId());
        });
    }

    @Test
    void thePrescriptionIsUploadedTwoHoursAfterItWasSigned() {
        assertThat(chainsOf(Scenario.TRACE_LATE_UPLOAD)).allSatisfy(chain -> {
            var prescription = chain.prescription();
            assertThat(Duration.between(prescription.getSignedAt(), prescription.getUploadedAt()))
                    .isEqualTo(Duration.ofHours(2));
            assertThat(chain.consultation()).isNotNull();
            assertThat(chain.settlement()).isNotNull();
            assertThat(chain.logistics()).isNotEmpty();
            assertThat(chain.truth().evidenceEventIds()).containsExactly(prescription.getEventId());
        });
    }

    @Test
    void onlyViolationsCanBeEnabled() {
        assertThat(Scenario.violations()).doesNotContain(Scenario.CLEAN)
                .containsExactlyElementsOf(EnumSet.complementOf(EnumSet.of(Scenario.CLEAN)));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> TrafficOptions.defaults().withScenarios(Set.of(Scenario.CLEAN)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
