package org.insurwatch.jobs.rules.price;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges the pharmacies' sketches of one refresh window into the running sketch of a drug in a province (keyed
 * state, so it changes once per window, merging the pharmacies in their order whatever order they came in) and publishes the new median, valid
 * from the window's end. It is emitted before the watermark passes the window, so every version valid at a
 * time has reached the judging of settlements before that time is judged.
 */
final class ProvinceMedianRefresh extends ProcessWindowFunction<PharmacySketch, ProvinceMedian, String, TimeWindow> {
    private static final long serialVersionUID = 1L;
    private final int k;
    private final ValueStateDescriptor<byte[]> running =
            new ValueStateDescriptor<>("running-price-sketch", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

    ProvinceMedianRefresh(int k) {
        this.k = k;
    }

    @Override
    public void process(String provinceDrug, Context ctx, Iterable<PharmacySketch> pharmacies, Collector<ProvinceMedian> out)
            throws Exception {
        ValueState<byte[]> state = ctx.globalState().getState(running);
        KllDoublesSketch sketch = state.value() == null ? PriceSketches.empty(k) : PriceSketches.of(state.value());
        // in pharmacy order, each merge seeded by its place, so the running sketch is the same in every run
        List<PharmacySketch> ordered = new ArrayList<>();
        pharmacies.forEach(ordered::add);
        ordered.sort(Comparator.comparing(p -> p.pharmacyId));
        for (PharmacySketch pharmacy : ordered) {
            DeterministicCompaction.run(DeterministicCompaction.seed(provinceDrug, ctx.window().getEnd(), pharmacy.pharmacyId),
                    () -> sketch.merge(PriceSketches.of(pharmacy.sketch)));
        }
        state.update(sketch.toByteArray());
        out.collect(new ProvinceMedian(provinceDrug,
                new MedianVersion(ctx.window().getEnd(), PriceSketches.medianFen(sketch), sketch.getN())));
    }
}
