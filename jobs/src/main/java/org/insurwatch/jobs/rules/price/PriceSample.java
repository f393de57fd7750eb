package org.insurwatch.jobs.rules.price;

import org.insurwatch.schema.FeeItem;
import org.insurwatch.schema.FeeKind;
import org.insurwatch.schema.Settlement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One drug line of a settlement as a price sample: what a pharmacy charged for one unit of a drug in a province.
 * It keeps its settlement's event time as the stream timestamp. A Flink POJO.
 */
public class PriceSample {
    /** Province code: the pooling region's first two digits followed by 0000 (350203 → 350000). */
    public String province;
    public String drugCode;
    public String pharmacyId;
    public long unitPriceFen;

    public PriceSample() {
    }

    PriceSample(String province, String drugCode, String pharmacyId, long unitPriceFen) {
        this.province = province;
        this.drugCode = drugCode;
        this.pharmacyId = pharmacyId;
        this.unitPriceFen = unitPriceFen;
    }

    static List<PriceSample> of(Settlement s) {
        List<PriceSample> samples = new ArrayList<>();
        for (FeeItem item : s.getFeeItems()) {
            if (isSample(s, item)) {
                // without a pharmacy, the institution that settled the drugs dispensed them
                String pharmacy = s.getPharmacyId() != null ? s.getPharmacyId() : s.getSettlingInstitutionId();
                samples.add(new PriceSample(province(s.getPoolingRegion()), item.getItemCode(), pharmacy, item.getUnitPriceFen()));
            }
        }
        return samples;
    }

    /** The key of the median a fee line adds to and is judged by; empty for a line that is no price sample. */
    static Optional<String> provinceDrug(Settlement s, FeeItem item) {
        return isSample(s, item) ? Optional.of(key(province(s.getPoolingRegion()), item.getItemCode())) : Optional.empty();
    }

    String provinceDrug() {
        return key(province, drugCode);
    }

    /**
     * A drug line sold at a price (a line given away or refunded says nothing about prices), of a settlement whose
     * province is known: the pooling region is not validated upstream.
     */
    private static boolean isSample(Settlement s, FeeItem item) {
        return item.getKind() == FeeKind.DRUG && item.getUnitPriceFen() > 0 && s.getPoolingRegion().matches("\\d{6}");
    }

    private static String key(String province, String drugCode) {
        return province + "|" + drugCode;
    }

    private static String province(String poolingRegion) {
        return poolingRegion.substring(0, 2) + "0000";
    }
}
