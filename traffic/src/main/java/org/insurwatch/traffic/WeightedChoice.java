package org.insurwatch.traffic;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/** Draws items with probabilities proportional to their weights. */
final class WeightedChoice<T> {

    private final List<T> items;
    private final int[] cumulativeWeights;

    WeightedChoice(List<T> items, ToIntFunction<T> weight) {
        this.items = List.copyOf(items);
        this.cumulativeWeights = new int[items.size()];
        int total = 0;
        for (int i = 0; i < items.size(); i++) {
            total += weight.applyAsInt(items.get(i));
            cumulativeWeights[i] = total;
        }
    }

    T draw(SplittableRandom random) {
        int ticket = random.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
        for (int i = 0; ; i++) {
            if (ticket < cumulativeWeights[i]) {
                return items.get(i);
            }
        }
    }
}
