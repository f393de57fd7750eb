package org.insurwatch.jobs.rules.price;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The KLL sketches of unit prices: made empty with a given k, read back from their bytes, asked for the median.
 * A sketch keeps every sample up to k of them, so its median is exact until then; beyond, it keeps about
 * k·log(n/k) samples and the median's rank is off by about 1.3 % at k = 200 (99 % confidence).
 */
final class PriceSketches {
    private PriceSketches() {
    }

    static KllDoublesSketch empty(int k) {
        return KllDoublesSketch.newHeapInstance(k);
    }

    static KllDoublesSketch of(byte[] serialized) {
        return KllDoublesSketch.heapify(Memory.wrap(serialized));
    }

    /**
     * The median in whole fen: the middle sample, or the mean of the two middle ones rounded half up. Both are
     * samples the sketch kept, so the mean is exact in a double (prices are far below 2^52 fen).
     */
    static long medianFen(KllDoublesSketch sketch) {
        double lower = sketch.getQuantile(0.5, QuantileSearchCriteria.INCLUSIVE);
        double upper = sketch.getQuantile(0.5, QuantileSearchCriteria.EXCLUSIVE);
        return new BigDecimal((lower + upper) / 2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
