package org.insurwatch.traffic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A pooling region (统筹区): the administrative area whose fund pays for its insured persons.
 *
 * @param code 6-digit administrative division code
 * @param populationWeight relative share of the world's insured persons living here
 * @param consultationFeeCapFen the region's cap on the ordinary outpatient consultation fee
 */
public record PoolingRegion(String code, String city, String district, int populationWeight,
                            long consultationFeeCapFen) {

    /** Real division codes, so that region checks in the job see codes shaped like production data. */
    public static final List<PoolingRegion> ALL = List.of(
            new PoolingRegion("350203", "厦门市", "思明区", 10, 1_500),
            new PoolingRegion("350206", "厦门市", "湖里区", 9, 1_500),
            new PoolingRegion("350211", "厦门市", "集美区", 7, 1_500),
            new PoolingRegion("350102", "福州市", "鼓楼区", 8, 1_500),
            new PoolingRegion("371302", "临沂市", "兰山区", 12, 1_000),
            new PoolingRegion("140105", "太原市", "小店区", 10, 1_200),
            new PoolingRegion("532301", "楚雄彝族自治州", "楚雄市", 5, 800));

    /**
     * {@code count} places shared out among the regions in proportion to their population (largest
     * remainder), each region getting at least one when there are enough; grouped by region, in list order.
     */
    static List<PoolingRegion> apportion(int count) {
        int floor = count >= ALL.size() ? 1 : 0;
        int shared = count - floor * ALL.size();
        int totalWeight = ALL.stream().mapToInt(PoolingRegion::populationWeight).sum();
        int[] places = new int[ALL.size()];
        double[] remainders = new double[ALL.size()];
        for (int r = 0; r < ALL.size(); r++) {
            double exact = (double) shared * ALL.get(r).populationWeight() / totalWeight;
            places[r] = floor + (int) exact;
            remainders[r] = exact - (int) exact;
        }
        int left = count - IntStream.of(places).sum();
        IntStream.range(0, ALL.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer r) -> -remainders[r]).thenComparing(r -> r))
                .limit(left)
                .forEach(r -> places[r]++);
        List<PoolingRegion> regions = new ArrayList<>(count);
        for (int r = 0; r < ALL.size(); r++) {
            for (int i = 0; i < places[r]; i++) {
                regions.add(ALL.get(r));
            }
        }
        return regions;
    }
}
