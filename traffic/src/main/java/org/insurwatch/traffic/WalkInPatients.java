package org.insurwatch.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Insured persons outside the world's roster, each seen in one visit chain only: patients whose offline
 * history a scenario decides alone (one diagnosis, dated as it wants, published or not), which no other chain
 * can add to. Serials from 100 000 000 on give them ids of nine digits or more, which neither the world's
 * persons nor the relatives of {@link ShapingContext#relativeOutsideTheWorld} ever have.
 */
final class WalkInPatients {

    private static final int FIRST_SERIAL = 100_000_000;
    // As the world's persons were diagnosed before the traffic began.
    private static final long NEWEST_DIAGNOSIS = Duration.ofDays(3).toMillis();
    private static final long OLDEST_DIAGNOSIS = Duration.ofDays(60).toMillis();

    private final World world;
    private int count;

    WalkInPatients(World world) {
        this.world = world;
    }

    /** A new person of {@code region} diagnosed with {@code disease} offline 3 to 60 days before {@code seenAt}. */
    InsuredPerson recentlyDiagnosed(PoolingRegion region, Disease disease, long seenAt, SplittableRandom random) {
        return diagnosedAt(region, disease, seenAt - random.nextLong(NEWEST_DIAGNOSIS, OLDEST_DIAGNOSIS + 1), random);
    }

    /** A new person of {@code region} diagnosed with {@code disease} at an institution of the region. */
    InsuredPerson diagnosedAt(PoolingRegion region, Disease disease, long diagnosedAt, SplittableRandom random) {
        String digits = World.serialDigits(region, FIRST_SERIAL + count++);
        int[] local = world.physicalInstitutionsIn(region);
        OfflineDiagnosis diagnosis = new OfflineDiagnosis("OV" + digits,
                world.physicalInstitutions().get(local[random.nextInt(local.length)]), disease,
                Instant.ofEpochMilli(diagnosedAt));
        return new InsuredPerson(-1, "IP" + digits, FakePersonalData.name(random),
                FakePersonalData.residentIdNumber(region, random), region, diagnosis);
    }
}
