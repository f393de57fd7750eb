package org.insurwatch.jobs.rules.price;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PriceSketchesTest {

    private static long medianOf(long... pricesFen) {
        KllDoublesSketch sketch = PriceSketches.empty(200);
        for (long price : pricesFen) {
            sketch.update(price);
        }
        return PriceSketches.medianFen(PriceSketches.of(sketch.toByteArray()));
    }

    @Test
    void theMedianOfAnOddCountIsTheMiddlePrice() {
        assertThat(medianOf(2500, 900, 3100)).isEqualTo(2500);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwoRoundedHalfUp() {
        assertThat(medianOf(1000, 1001, 9000, 10)).isEqualTo(1001);
        assertThat(medianOf(1000, 1002)).isEqualTo(1001);
    }

    @Test
    void theSameSalesMakeTheSameSketchBeyondKWhateverOrderTheyArrivedIn() {
        Random random = new Random(3);
        List<PriceSample> sales = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            sales.add(new PriceSample("350000", "XA01", "PHA-01", 2_000 + random.nextInt(1_000)));
        }
        PharmacyPriceSketch sketching = new PharmacyPriceSketch(200);
        PharmacyPrices inOrder = sketching.createAccumulator();
        sales.forEach(s -> sketching.add(s, inOrder));
        byte[] first = sketching.getResult(inOrder).sketch;

        // other sketches compacting meanwhile move the Random that KLL shares
        KllDoublesSketch other = PriceSketches.empty(8);
        for (int i = 0; i < 10_000; i++) {
            other.update(i);
        }
        Collections.shuffle(sales, random);
        PharmacyPrices shuffled = sketching.createAccumulator();
        sales.forEach(s -> sketching.add(s, shuffled));
        byte[] again = sketching.getResult(shuffled).sketch;

        assertThat(PriceSketches.of(first).getN()).isEqualTo(5_000);
        assertThat(PriceSketches.of(first).getNumRetained()).as("compacted").isLessThan(5_000);
        assertThat(again).isEqualTo(first);
    }
}
