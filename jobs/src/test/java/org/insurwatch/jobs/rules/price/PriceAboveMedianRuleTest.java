package org.insurwatch.jobs.rules.price;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.insurwatch.jobs.ChainFixture;
import org.apache.flink.types.Either;
import org.insurwatch.jobs.reference.ReferenceState;
import org.insurwatch.jobs.rules.settings.RuleSettingsFixture;
import org.insurwatch.schema.internal.ReferenceVersions;
import org.insurwatch.jobs.alerts.AlertIds;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;
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
import static org.insurwatch.jobs.rules.price.Sales.line;
import static org.insurwatch.jobs.rules.price.Sales.sale;

/** The verdict on one settlement against the median versions broadcast to it (defaults: 1.5 ×, 30 samples). */
class PriceAboveMedianRuleTest {
    private static final Instant LATER = T0.plus(Duration.ofMinutes(10));
    private KeyedBroadcastOperatorTestHarness<String, Settlement, Either<ProvinceMedian, ReferenceVersions>, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = harness();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedBroadcastOperatorTestHarness<String, Settlement, Either<ProvinceMedian, ReferenceVersions>, Alert> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new PriceJudge(new PriceAboveMedianRule(PSEUDONYMISER), SETTINGS),
                Settlement::getSettlementId, Types.STRING, MedianVersions.DESCRIPTOR, ReferenceState.DESCRIPTOR);
    }

    /** The median of {@code drug} in province 350000 from {@code validFrom} on. */
    private void median(String drug, Instant validFrom, long medianFen, long samples) throws Exception {
        harness.processBroadcastElement(Either.Left(new ProvinceMedian(Sales.PROVINCE + "|" + drug,
                new MedianVersion(validFrom.toEpochMilli(), medianFen, samples))), validFrom.toEpochMilli() - 1);
    }

    /** Settles {@code settlements}, lets the watermark pass them all, and returns the alerts. */
    private List<Alert> judge(Settlement... settlements) throws Exception {
        for (Settlement s : settlements) {
            harness.processElement(s, s.getSettledAt().toEpochMilli());
        }
        long end = T0.plus(Duration.ofDays(1)).toEpochMilli();
        harness.processBroadcastWatermark(end);
        harness.processWatermark(end);
        return harness.extractOutputValues();
    }

    private List<Alert> judgeOneSale(long unitPriceFen) throws Exception {
        return judge(sale("s1", "PHA-07", T0.plus(Duration.ofMinutes(5)), "XA01", unitPriceFen));
    }

    @Test
    void aPharmacyAtOnePointSixTimesTheProvinceMedianIsReported() throws Exception {
        median("XA01", T0, 2000, 30);
        Settlement s = sale("s1", "PHA-07", T0.plus(Duration.ofMinutes(5)), "XA01", 3200);
        assertThat(judge(s)).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("PRICE-ABOVE-MEDIAN");
            assertThat(alert.getCategory()).isEqualTo(RuleCategory.PRICE);
            assertThat(alert.getSeverity()).isEqualTo(Severity.MEDIUM);
            assertThat(alert.getCitation()).isEqualTo("002 §4(10)");
            assertThat(alert.getPharmacyId()).isEqualTo("PHA-07");
            assertThat(alert.getInstitutionId()).isEqualTo("PHA-07");
            assertThat(alert.getPoolingRegion()).isEqualTo("350203");
            assertThat(alert.getPatientPseudonym()).isEqualTo(PSEUDONYMISER.pseudonym(ChainFixture.PATIENT_ID));
            assertThat(alert.getDetectedAt()).isEqualTo(s.getSettledAt());
            // the fund paid 2560 of the 3200; the 1200 above the median is 3/8 of the price
            assertThat(alert.getFundAtRiskFen()).isEqualTo(960);
            assertThat(alert.getEvidence()).singleElement().satisfies(e -> {
                assertThat(e.getEventId()).isEqualTo(s.getEventId());
                assertThat(e.getFields()).containsEntry("settlementId", "S-s1").containsEntry("pharmacyId", "PHA-07")
                        .containsEntry("drugCode", "XA01").containsEntry("unitPriceFen", "3200")
                        .containsEntry("provinceMedianFen", "2000").containsEntry("samples", "30")
                        .containsEntry("ratio", "1.60").containsEntry("lineFundFen", "2560");
                assertThat(e.getFields().values()).doesNotContain(ChainFixture.PATIENT_ID);
            });
        });
    }

    @Test
    void aPharmacyPricedJustUnderTheThresholdIsNotReported() throws Exception {
        median("XA01", T0, 2000, 30);
        assertThat(judgeOneSale(2800)).isEmpty();
    }

    @Test
    void exactlyTheRatioIsNotFarAboveTheMedian() throws Exception {
        median("XA01", T0, 2000, 30);
        assertThat(judgeOneSale(3000)).isEmpty();
    }

    @Test
    void oneFenAboveTheRatioIsFarAboveTheMedian() throws Exception {
        median("XA01", T0, 2000, 30);
        assertThat(judgeOneSale(3001)).singleElement()
                .satisfies(alert -> assertThat(alert.getEvidence().get(0).getFields()).containsEntry("ratio", "1.50"));
    }

    @Test
    void theRatioAndSamplesAreTheOnesOfTheRuleSettingsInForce() throws Exception {
        harness.processBroadcastElement(Either.Right(RuleSettingsFixture.broadcast(RuleSettingsFixture.version("v1", T0)
                .setPriceRatio(2.0).setPriceMinSamples(10).build())), 0);
        median("XA01", T0, 2000, 10);
        Settlement notFarAbove = sale("s1", "PHA-07", T0.plus(Duration.ofMinutes(5)), "XA01", 3500);
        Settlement farAbove = sale("s2", "PHA-07", T0.plus(Duration.ofMinutes(6)), "XA01", 4001);
        assertThat(judge(notFarAbove, farAbove)).as("1.75 × is not far above 2 ×, on a median of 10 sales")
                .singleElement().satisfies(a -> assertThat(a.getEvidence().get(0).getFields()).containsEntry("settlementId", farAbove.getSettlementId()));
    }

    @Test
    void aMedianOnFewerThanMinSamplesJudgesNothing() throws Exception {
        median("XA01", T0, 2000, 29);
        assertThat(judgeOneSale(9000)).isEmpty();
    }

    @Test
    void aSaleBeforeAnyMedianOrOfAnotherDrugOrProvinceIsNotJudged() throws Exception {
        median("XA01", LATER, 2000, 30);
        median("XB02", T0, 2000, 30);
        harness.processBroadcastElement(Either.Left(new ProvinceMedian("110000|XA01", new MedianVersion(T0.toEpochMilli(), 2000, 30))), 0);
        assertThat(judgeOneSale(9000)).isEmpty();
    }

    @Test
    void aSaleIsJudgedByTheMedianValidBeforeItNotByALaterCheapWave() throws Exception {
        median("XA01", T0, 2000, 30);
        median("XA01", LATER, 1000, 130);
        assertThat(judgeOneSale(2900)).isEmpty();
    }

    @Test
    void aSaleIsJudgedByTheMedianValidBeforeItNotByALaterExpensiveWave() throws Exception {
        median("XA01", T0, 2000, 30);
        median("XA01", LATER, 4000, 130);
        assertThat(judgeOneSale(3200)).singleElement()
                .satisfies(alert -> assertThat(alert.getEvidence().get(0).getFields()).containsEntry("provinceMedianFen", "2000"));
    }

    @Test
    void aSaleAtTheStartOfAVersionIsJudgedByIt() throws Exception {
        median("XA01", T0, 2000, 30);
        median("XA01", LATER, 1000, 130);
        assertThat(judge(sale("s1", "PHA-07", LATER, "XA01", 1600))).singleElement()
                .satisfies(alert -> assertThat(alert.getEvidence().get(0).getFields()).containsEntry("provinceMedianFen", "1000"));
    }

    @Test
    void aSaleWaitsUntilTheWatermarkHasPassedIt() throws Exception {
        Settlement s = sale("s1", "PHA-07", LATER, "XA01", 3200);
        harness.processElement(s, s.getSettledAt().toEpochMilli());
        median("XA01", T0, 2000, 30);
        harness.processBroadcastWatermark(LATER.toEpochMilli());
        harness.processWatermark(LATER.toEpochMilli() - 1);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processWatermark(LATER.toEpochMilli());
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void severalOverpricedLinesRaiseOneAlertWithTheFundAboveTheMedianOfEach() throws Exception {
        median("XA01", T0, 2000, 30);
        median("XB02", T0, 400, 45);
        median("XC03", T0, 500, 30);
        Settlement s = sale("s1", "PHA-07", T0.plus(Duration.ofMinutes(5)), line("XA01", 3001), line("XC03", 500), line("XB02", 700));
        assertThat(judge(s)).singleElement().satisfies(alert -> {
            assertThat(alert.getEvidence()).singleElement().satisfies(e -> assertThat(e.getFields())
                    .containsEntry("drugCode", "XA01,XB02").containsEntry("unitPriceFen", "3001,700")
                    .containsEntry("provinceMedianFen", "2000,400").containsEntry("samples", "30,45")
                    .containsEntry("ratio", "1.50,1.75").containsEntry("lineFundFen", "2400,560"));
            // floor(2400 × 1001 / 3001) + floor(560 × 300 / 700) = 800 + 240
            assertThat(alert.getFundAtRiskFen()).isEqualTo(800 + 240);
        });
    }

    @Test
    void theAlertIdIsTheRuleAndTheSettlementWhateverTheLinesOrTheRun() throws Exception {
        median("XA01", T0, 2000, 30);
        Settlement s = sale("s1", "PHA-07", T0.plus(Duration.ofMinutes(5)), "XA01", 3200);
        String first = judge(s).get(0).getAlertId();
        assertThat(first).isEqualTo(AlertIds.of("PRICE-ABOVE-MEDIAN", s.getEventId()));

        harness.close();
        harness = harness();
        median("XA01", T0, 1500, 300);
        assertThat(judge(s)).extracting(Alert::getAlertId).containsExactly(first);
    }
}
