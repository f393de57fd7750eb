package org.insurwatch.jobs.rules.settlement;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.reference.ReferenceKind;
import org.insurwatch.jobs.reference.ReferenceRules;
import org.insurwatch.jobs.reference.ReferenceState;
import org.insurwatch.schema.FeeItem;
import org.insurwatch.schema.FeeKind;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.internal.ReferenceVersions;
import org.insurwatch.schema.reference.AgreementStatus;
import org.insurwatch.schema.reference.DrugCatalogueEntry;
import org.insurwatch.schema.reference.InstitutionAgreement;
import org.insurwatch.schema.reference.InstitutionKind;
import org.insurwatch.schema.reference.InsuredPersonStatus;
import org.insurwatch.schema.reference.InsuredStatus;
import org.insurwatch.schema.reference.PriceCap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.ChainFixture.T0;
import static org.insurwatch.jobs.rules.RuleTesting.PSEUDONYMISER;
import static org.insurwatch.jobs.rules.RuleTesting.SETTINGS;

/** The settlement rules that judge by reference data, each against the version valid at the settlement. */
class SettlementReferenceRulesTest {
    private static final Instant SINCE = Instant.parse("2020-01-01T00:00:00Z");
    private KeyedBroadcastOperatorTestHarness<String, Settlement, ReferenceVersions, Alert> harness;
    private int settled;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new ReferenceRules<>(LiveStream.SETTLEMENT, List.of(new AgreementRule(PSEUDONYMISER),
                        new InsuredPersonSuspendedRule(PSEUDONYMISER), new NotCoveredDrugRule(PSEUDONYMISER),
                        new ConsultationFeeCapRule(PSEUDONYMISER)), SETTINGS),
                Settlement::getSettlementId, Types.STRING, ReferenceState.DESCRIPTOR);
        reference(ReferenceKind.INSTITUTION, "IH-01", new InstitutionAgreement("IH-01", "", InstitutionKind.INTERNET_HOSPITAL, null,
                "350203", AgreementStatus.VALID, SINCE, null));
        reference(ReferenceKind.DRUG, "XA01", new DrugCatalogueEntry("XA01", "氨氯地平片", "盒", true, 2500L, 730, SINCE, null));
        reference(ReferenceKind.PRICE_CAP, "350203/CONSULT", new PriceCap("CONSULT", "350203", 1000L, SINCE, null));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void reference(ReferenceKind kind, String id, SpecificRecordBase version) throws Exception {
        harness.processBroadcastElement(new ReferenceVersions(kind.key(id), List.of(version)), 0);
    }

    /** Settles one chain (each a later hour) changed by {@code change}, and returns the rules that fired. */
    private List<String> settle(Consumer<Settlement> change) throws Exception {
        Instant at = T0.plus(Duration.ofHours(settled));
        Settlement s = new ChainFixture("s" + settled++).settlement(at, Fulfilment.HOME_DELIVERY);
        change.accept(s);
        harness.processElement(s, at.toEpochMilli());
        harness.processBroadcastWatermark(at.plusSeconds(1).toEpochMilli());
        harness.processWatermark(at.plusSeconds(1).toEpochMilli());
        List<String> fired = harness.extractOutputValues().stream().filter(a -> a.getEvidence().get(0).getEventId().equals(s.getEventId()))
                .map(Alert::getRuleId).toList();
        return fired;
    }

    @Test
    void aSettlementInGoodStandingRaisesNothing() throws Exception {
        assertThat(settle(s -> { })).isEmpty();
    }

    @Test
    void anAgreementSuspendedOverTheSettlementIsReportedAndRestoredOneIsNot() throws Exception {
        Instant from = T0.plus(Duration.ofHours(1));
        Instant to = T0.plus(Duration.ofHours(2));
        reference(ReferenceKind.INSTITUTION, "IH-01", new InstitutionAgreement("IH-01", "", InstitutionKind.INTERNET_HOSPITAL, null,
                "350203", AgreementStatus.SUSPENDED, from, to));
        reference(ReferenceKind.INSTITUTION, "IH-01", new InstitutionAgreement("IH-01", "", InstitutionKind.INTERNET_HOSPITAL, null,
                "350203", AgreementStatus.VALID, to, null));
        assertThat(settle(s -> { })).as("before the suspension").isEmpty();
        assertThat(settle(s -> { })).as("during").containsExactly("PAY-NO-AGREEMENT");
        assertThat(settle(s -> { })).as("restored").isEmpty();
    }

    @Test
    void anInsuredPersonSuspendedForFraudIsReportedFromTheSuspensionOn() throws Exception {
        reference(ReferenceKind.INSURED_PERSON, ChainFixture.PATIENT_ID, new InsuredPersonStatus(ChainFixture.PATIENT_ID, "350203",
                InsuredStatus.SUSPENDED_FOR_FRAUD, T0.plus(Duration.ofMinutes(30)), null));
        assertThat(settle(s -> { })).as("settled before the suspension").isEmpty();
        assertThat(settle(s -> { })).containsExactly("PAY-INSURED-SUSPENDED");
    }

    @Test
    void aDrugOutsideTheCatalogueMayNotBePaidByTheFundButMayBePaidInCash() throws Exception {
        FeeItem outside = new FeeItem(FeeKind.DRUG, "ZZ99", 1, 1000L, 1000L, 1000L, 0L, 0L);
        assertThat(settle(s -> s.setFeeItems(List.of(outside)))).containsExactly("PAY-NOT-COVERED");
        FeeItem inCash = new FeeItem(FeeKind.DRUG, "ZZ99", 1, 1000L, 1000L, 0L, 0L, 1000L);
        assertThat(settle(s -> s.setFeeItems(List.of(inCash)))).isEmpty();
    }

    @Test
    void aConsultationFeeAtTheCapPassesAndOneFenAboveDoesNot() throws Exception {
        FeeItem atCap = new FeeItem(FeeKind.CONSULTATION_FEE, "CONSULT", 1, 1000L, 1000L, 1000L, 0L, 0L);
        assertThat(settle(s -> s.setFeeItems(List.of(atCap)))).isEmpty();
        FeeItem above = new FeeItem(FeeKind.CONSULTATION_FEE, "CONSULT", 1, 1001L, 1001L, 1001L, 0L, 0L);
        assertThat(settle(s -> s.setFeeItems(List.of(above)))).containsExactly("PAY-FEE-ABOVE-CAP");
    }
}
