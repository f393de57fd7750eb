package org.insurwatch.jobs.rules.price;

import java.util.Arrays;

/**
 * One pharmacy's unit prices of one drug within one refresh window, exactly: few enough to keep, and sketched only
 * at the window's end, in price order, so the sketch does not depend on the order the sales arrived in. A Flink POJO.
 */
public class PharmacyPrices {
    /** {@code province|drugCode}. */
    public String provinceDrug;
    public String pharmacyId;
    public long[] pricesFen = new long[4];
    public int count;

    public PharmacyPrices() {
    }

    void add(PriceSample sample) {
        provinceDrug = sample.provinceDrug();
        pharmacyId = sample.pharmacyId;
        if (count == pricesFen.length) {
            pricesFen = Arrays.copyOf(pricesFen, count * 2);
        }
        pricesFen[count++] = sample.unitPriceFen;
    }

    void addAll(PharmacyPrices other) {
        for (int i = 0; i < other.count; i++) {
            if (count == pricesFen.length) {
                pricesFen = Arrays.copyOf(pricesFen, Math.max(4, count * 2));
            }
            pricesFen[count++] = other.pricesFen[i];
        }
        provinceDrug = provinceDrug != null ? provinceDrug : other.provinceDrug;
        pharmacyId = pharmacyId != null ? pharmacyId : other.pharmacyId;
    }

    long[] sorted() {
        long[] prices = Arrays.copyOf(pricesFen, count);
        Arrays.sort(prices);
        return prices;
    }
}
