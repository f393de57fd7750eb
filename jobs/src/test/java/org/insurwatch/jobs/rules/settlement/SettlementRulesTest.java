package org.insurwatch.jobs.rules.settlement;

import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.schema.FeeItem;
import org.insurwatch.schema.FeeKind;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.Settlement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.ChainFixture.T0;
import static org.insurwatch.jobs.rules.RuleTesting.PSEUDONYMISER;
import static org.insurwatch.jobs.rules.RuleTesting.alerts;

class SettlementRulesTest {
    private final DeliveryFeePaidByFundRule deliveryFee = new DeliveryFeePaidByFundRule(PSEUDONYMISER);
    private final AmountMismatchRule amounts = new AmountMismatchRule(PSEUDONYMISER);

    /** 50.00 yuan of drugs (40 fund, 10 account) and a 6.00 yuan delivery fee in cash. */
    private static Settlement balanced() {
        return new ChainFixture("1").settlement(T0, Fulfilment.HOME_DELIVERY);
    }

    @Test
    void aBalancedSettlementWithTheDeliveryFeeInCashRaisesNothing() throws Exception {
        assertThat(alerts(deliveryFee, balanced())).isEmpty();
        assertThat(alerts(amounts, balanced())).isEmpty();
    }

    @Test
    void aDeliveryFeePaidByTheFundOrTheAccountIsReportedWithTheAmount() throws Exception {
        Settlement s = balanced();
        s.setFeeItems(List.of(s.getFeeItems().get(0), new FeeItem(FeeKind.DELIVERY_FEE, "DLV", 1, 600L, 600L, 400L, 200L, 0L)));
        s.setFundFen(4400);
        s.setPersonalAccountFen(1200);
        s.setCashFen(0);
        assertThat(alerts(deliveryFee, s)).singleElement().satisfies(a -> {
            assertThat(a.getRuleId()).isEqualTo("PAY-DELIVERY-FEE");
            assertThat(a.getFundAtRiskFen()).isEqualTo(600L);
        });
        assertThat(alerts(amounts, s)).as("still balanced").isEmpty();
    }

    @Test
    void oneFenOffIsAMismatch() throws Exception {
        Settlement split = balanced();
        split.setCashFen(split.getCashFen() + 1);
        assertThat(alerts(amounts, split)).singleElement()
                .satisfies(a -> assertThat(a.getEvidence().get(0).getFields().get("mismatch")).contains("fund + account + cash"));
        Settlement lines = balanced();
        lines.setTotalFen(lines.getTotalFen() - 1);
        assertThat(alerts(amounts, lines)).singleElement()
                .satisfies(a -> assertThat(a.getEvidence().get(0).getFields().get("mismatch")).contains("lines 5600 ≠ total 5599"));
    }
}
