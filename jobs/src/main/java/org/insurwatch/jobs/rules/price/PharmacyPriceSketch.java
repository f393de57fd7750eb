package org.insurwatch.jobs.rules.price;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Sketches one pharmacy's unit prices of one drug within a refresh window: the prices are kept exactly while the
 * window is open and sketched at its end in price order, so the same sales make the same sketch however they
 * arrived ({@link DeterministicCompaction}).
 */
final class PharmacyPriceSketch implements AggregateFunction<PriceSample, PharmacyPrices, PharmacySketch> {
    private static final long serialVersionUID = 1L;
    private final int k;

    PharmacyPriceSketch(int k) {
        this.k = k;
    }

    @Override
    public PharmacyPrices createAccumulator() {
        return new PharmacyPrices();
    }

    @Override
    public PharmacyPrices add(PriceSample sample, PharmacyPrices prices) {
        prices.add(sample);
        return prices;
    }

    @Override
    public PharmacySketch getResult(PharmacyPrices prices) {
        KllDoublesSketch sketch = PriceSketches.empty(k);
        long[] sorted = prices.sorted();
        DeterministicCompaction.run(DeterministicCompaction.seed(prices.provinceDrug, prices.pharmacyId, sorted.length), () -> {
            for (long price : sorted) {
                sketch.update(price);
            }
        });
        return new PharmacySketch(prices.provinceDrug, prices.pharmacyId, sketch.toByteArray());
    }

    @Override
    public PharmacyPrices merge(PharmacyPrices a, PharmacyPrices b) {
        a.addAll(b);
        return a;
    }
}
