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
        append(sample.unitPriceFen);
    }

    void addAll(PharmacyPrices other) {
        for (int i = 0; i < other.count; i++) {
            append(other.pricesFen[i]);
        }
        provinceDrug = provinceDrug != null ? provinceDrug : other.provinceDrug;
        pharmacyId = pharmacyId != null ? pharmacyId : other.pharmacyId;
    }

    private void append(long priceFen) {
        if (count == pricesFen.length) {
            pricesFen = Arrays.copyOf(pricesFen, Math.max(4, count * 2));
        }
        pricesFen[count++] = priceFen;
    }

    long[] sorted() {
        long[] prices = Arrays.copyOf(pricesFen, count);
        Arrays.sort(prices);
        return prices;
    }
}
