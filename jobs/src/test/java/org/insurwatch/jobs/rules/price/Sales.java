package org.insurwatch.jobs.rules.price;

import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.schema.FeeItem;
import org.insurwatch.schema.FeeKind;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.Settlement;

import java.time.Instant;
import java.util.List;

/** Settlements of drugs by pharmacies in pooling region 350203 (province 350000), the fund paying 80 % of each line. */
final class Sales {
    static final String PROVINCE = "350000";

    private Sales() {
    }

    /** One box of {@code drug} sold by {@code pharmacy} at {@code unitPriceFen}. */
    static Settlement sale(String id, String pharmacy, Instant at, String drug, long unitPriceFen) {
        return sale(id, pharmacy, at, line(drug, unitPriceFen));
    }

    static Settlement sale(String id, String pharmacy, Instant at, FeeItem... lines) {
        long total = 0;
        long fund = 0;
        for (FeeItem line : lines) {
            total += line.getAmountFen();
            fund += line.getFundFen();
        }
        return Settlement.newBuilder(new ChainFixture(id).settlement(at, Fulfilment.PHARMACY_PICKUP))
                .setSettlingInstitutionId(pharmacy).setPharmacyId(pharmacy)
                .setTotalFen(total).setFundFen(fund).setPersonalAccountFen(0).setCashFen(total - fund)
                .setFeeItems(List.of(lines))
                .build();
    }

    static FeeItem line(String drug, long unitPriceFen) {
        long fund = unitPriceFen * 8 / 10;
        return new FeeItem(FeeKind.DRUG, drug, 1, unitPriceFen, unitPriceFen, fund, 0L, unitPriceFen - fund);
    }
}
