package org.insurwatch.traffic;

/**
 * How many of each participant a {@link World} holds. Physical institutions and pharmacies are spread over
 * all pooling regions, so there must be at least one per region.
 */
public record WorldSizes(int physicalInstitutions, int internetHospitals, int pharmacies, int doctors,
                         int insuredPersons) {

    /**
     * Enough doctors for a consultation starting every 0.6 s or more, and enough insured persons for a chain
     * every simulated second for ever: nobody comes back before 75 % of the last supply is used, at most
     * 30 days × 75 % ≈ 23 simulated days, i.e. ~1.95 million chains at one a second. Persons are derived on
     * demand, so their number costs the generator's roster 32 bytes each (~70 MB), and the traffic one offline
     * visit each, the first diagnosis, published with the person's first visit chain. A faster clock needs more
     * persons; without them, simulated time skips ahead until someone is back.
     */
    public static final WorldSizes DEMO = new WorldSizes(40, 30, 140, 1_500, 2_100_000);

    public WorldSizes {
        int regions = PoolingRegion.ALL.size();
        if (physicalInstitutions < regions || pharmacies < regions) {
            throw new IllegalArgumentException("a world needs at least one physical institution and one pharmacy"
                    + " in each of its " + regions + " pooling regions");
        }
        if (internetHospitals < 1 || doctors < 1 || insuredPersons < 1) {
            throw new IllegalArgumentException("a world needs internet hospitals, doctors and insured persons");
        }
    }

    /** The demo world with as many insured persons as {@code chains} visits need, within the demo's size. */
    public static WorldSizes forChains(long chains) {
        if (chains >= DEMO.insuredPersons()) {
            return DEMO;
        }
        return DEMO.withInsuredPersons((int) Math.min(DEMO.insuredPersons(), Math.max(2_000, chains + chains / 10)));
    }

    public WorldSizes withInsuredPersons(int count) {
        return new WorldSizes(physicalInstitutions, internetHospitals, pharmacies, doctors, count);
    }
}
