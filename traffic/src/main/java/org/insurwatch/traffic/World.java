package org.insurwatch.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The synthetic world the traffic happens in: pooling regions, institutions, pharmacies, doctors and insured
 * persons, each insured person with a first offline diagnosis to follow up. The same seed, sizes and date
 * always build the same world.
 *
 * <p>Insured persons are not kept: each is derived from the world's seed and its serial whenever it is asked
 * for, so a world of millions of persons costs no more memory than one of a thousand.
 */
public final class World {

    // First diagnoses this recent leave room for weeks of follow-ups; later ones come with the traffic.
    private static final long NEWEST_DIAGNOSIS_MILLIS = Duration.ofDays(3).toMillis();
    private static final long OLDEST_DIAGNOSIS_MILLIS = Duration.ofDays(60).toMillis();
    private static final WeightedChoice<PoolingRegion> REGIONS =
            new WeightedChoice<>(PoolingRegion.ALL, PoolingRegion::populationWeight);
    private static final double SECOND_SITE_SHARE = 0.3;
    private static final int MAX_PHARMACISTS_PER_HOSPITAL = 3;
    private static final String[] PHARMACY_CHAINS = {"大参林", "益丰", "老百姓", "一心堂", "国大", "鹭燕"};

    private final Instant asOf;
    private final List<PhysicalInstitution> physicalInstitutions;
    private final List<InternetHospital> internetHospitals;
    private final List<RetailPharmacy> pharmacies;
    private final Map<PoolingRegion, List<RetailPharmacy>> pharmaciesByRegion;
    private final List<Doctor> doctors;
    private final int insuredPersonCount;
    private final long personSeed;
    private final Map<PoolingRegion, int[]> institutionsByRegion = new IdentityHashMap<>();
    private final Map<PoolingRegion, InternetHospital> hospitalsWithoutAgreement = new IdentityHashMap<>();
    private final List<InsuredPerson> insuredPersons = new InsuredPersons();

    private World(Instant asOf, List<PhysicalInstitution> physicalInstitutions,
                  List<InternetHospital> internetHospitals, List<RetailPharmacy> pharmacies, List<Doctor> doctors,
                  int insuredPersonCount, long personSeed) {
        this.asOf = asOf;
        this.physicalInstitutions = physicalInstitutions;
        this.internetHospitals = internetHospitals;
        this.pharmacies = pharmacies;
        this.doctors = doctors;
        this.insuredPersonCount = insuredPersonCount;
        this.personSeed = personSeed;
        this.pharmaciesByRegion = byRegion(pharmacies, RetailPharmacy::region);
        for (PoolingRegion region : PoolingRegion.ALL) {
            institutionsByRegion.put(region, IntStream.range(0, physicalInstitutions.size())
                    .filter(i -> physicalInstitutions.get(i).region() == region).toArray());
            hospitalsWithoutAgreement.put(region,
                    hospitalWithoutAgreement(physicalInstitutions.get(institutionsByRegion.get(region)[0])));
        }
    }

    /**
     * @param asOf the day the world is observed, normally the traffic's start: offline diagnoses lie a few
     *     days to two months before it
     */
    public static World create(long seed, WorldSizes sizes, Instant asOf) {
        SplittableRandom random = new SplittableRandom(seed);
        List<PhysicalInstitution> institutions = physicalInstitutions(sizes.physicalInstitutions());
        List<InternetHospital> hospitals = internetHospitals(sizes.internetHospitals(), institutions, random);
        List<RetailPharmacy> pharmacies = pharmacies(sizes.pharmacies(), random);
        List<Doctor> doctors = doctors(sizes.doctors(), hospitals, random);
        return new World(asOf, institutions, hospitals, pharmacies, doctors, sizes.insuredPersons(), random.nextLong());
    }

    public Instant asOf() {
        return asOf;
    }

    public List<PoolingRegion> poolingRegions() {
        return PoolingRegion.ALL;
    }

    public List<PhysicalInstitution> physicalInstitutions() {
        return physicalInstitutions;
    }

    /** The internet hospitals with a valid Internet+ agreement, where the traffic's visits are held. */
    public List<InternetHospital> internetHospitals() {
        return internetHospitals;
    }

    /**
     * One internet hospital in each pooling region whose Internet+ agreement was terminated
     * ({@link ReferenceData#TERMINATED_BEFORE} before the world's date) and which settles with insurance all
     * the same: only {@link Scenario#PAY_NO_AGREEMENT} visits are held there, by doctors registered there only.
     * Derived from the physical institutions, so it takes no draw from the world's seed.
     */
    public List<InternetHospital> hospitalsWithoutAgreement() {
        return PoolingRegion.ALL.stream().map(hospitalsWithoutAgreement::get).toList();
    }

    InternetHospital hospitalWithoutAgreementIn(PoolingRegion region) {
        return hospitalsWithoutAgreement.get(region);
    }

    public List<RetailPharmacy> pharmacies() {
        return pharmacies;
    }

    public List<RetailPharmacy> pharmaciesIn(PoolingRegion region) {
        return pharmaciesByRegion.get(region);
    }

    public List<Doctor> doctors() {
        return doctors;
    }

    /**
     * Every insured person, in serial order. A view: each element is derived from the seed when it is read
     * and is equal to, though not the same object as, the element read before.
     */
    public List<InsuredPerson> insuredPersons() {
        return insuredPersons;
    }

    /** The insured person of {@code serial} (0 ≤ serial &lt; the world's count), derived from the seed. */
    public InsuredPerson insuredPerson(int serial) {
        Objects.checkIndex(serial, insuredPersonCount);
        SplittableRandom random = personRandom(serial);
        FirstDiagnosis first = firstDiagnosis(random);
        PhysicalInstitution institution = physicalInstitutions.get(first.institution());
        PoolingRegion region = institution.region();
        String serialDigits = serialDigits(region, serial);
        OfflineDiagnosis diagnosis = new OfflineDiagnosis("OV" + serialDigits, institution, first.disease(),
                Instant.ofEpochMilli(first.diagnosedAtMillis()));
        return new InsuredPerson(serial, "IP" + serialDigits, FakePersonalData.name(random),
                FakePersonalData.residentIdNumber(region, random), region, diagnosis);
    }

    /**
     * The first offline diagnosis of {@code serial} without the rest of the person: the draws of
     * {@link #insuredPerson}, stopped before the names. For the roster, which looks at every person once.
     */
    FirstDiagnosis firstDiagnosis(int serial) {
        Objects.checkIndex(serial, insuredPersonCount);
        return firstDiagnosis(personRandom(serial));
    }

    /** A person's first draws: the region, an institution of it, the disease and the day of the diagnosis. */
    private FirstDiagnosis firstDiagnosis(SplittableRandom random) {
        int[] local = institutionsByRegion.get(REGIONS.draw(random));
        int institution = local[random.nextInt(local.length)];
        Disease disease = Disease.drawByPrevalence(random);
        long diagnosedAt = asOf.toEpochMilli() - random.nextLong(NEWEST_DIAGNOSIS_MILLIS, OLDEST_DIAGNOSIS_MILLIS + 1);
        return new FirstDiagnosis(institution, disease, diagnosedAt);
    }

    /** @param institution index of the diagnosing institution in {@link #physicalInstitutions()} */
    record FirstDiagnosis(int institution, Disease disease, long diagnosedAtMillis) {
    }

    /** Indexes in {@link #physicalInstitutions()} of the institutions of {@code region}. */
    int[] physicalInstitutionsIn(PoolingRegion region) {
        return institutionsByRegion.get(region);
    }

    /**
     * The world as the job's reference data knows it: institutions with valid agreements (but for the
     * {@link #hospitalsWithoutAgreement()}, whose agreement is TERMINATED), active doctors, the drug catalogue,
     * the chronic disease list and consultation fee caps, all dated before {@link #asOf()}. No offline visit is
     * here: the traffic carries each person's first diagnosis on the {@code ref.offline-visits} stream with the
     * person's first visit chain, and the later visits when they happen (see {@link TrafficGenerator}), so that
     * a world of millions of persons is not published, nor held by the job, before anybody is seen.
     */
    public Stream<ReferenceRecord> referenceData() {
        return ReferenceData.of(this);
    }

    private static List<PhysicalInstitution> physicalInstitutions(int count) {
        List<PhysicalInstitution> institutions = new ArrayList<>(count);
        Map<PoolingRegion, Integer> numbers = new HashMap<>();
        for (PoolingRegion region : PoolingRegion.apportion(count)) {
            int number = numbers.merge(region, 1, Integer::sum);
            institutions.add(new PhysicalInstitution(String.format("H%s%05d", region.code(), number),
                    region.city() + region.district() + "第" + number + "人民医院", region));
        }
        return List.copyOf(institutions);
    }

    /** Internet hospitals where the people are, each run by a physical institution of its region. */
    private static List<InternetHospital> internetHospitals(int count, List<PhysicalInstitution> institutions,
                                                            SplittableRandom random) {
        Map<PoolingRegion, List<PhysicalInstitution>> owners = byRegion(institutions, PhysicalInstitution::region);
        Map<PoolingRegion, Integer> numbers = new HashMap<>();
        List<InternetHospital> hospitals = new ArrayList<>(count);
        for (PoolingRegion region : PoolingRegion.apportion(count)) {
            int number = numbers.merge(region, 1, Integer::sum);
            List<PhysicalInstitution> local = owners.get(region);
            PhysicalInstitution owner = local.get((number - 1) % local.size());
            String id = String.format("H%s%05d", region.code(), 90_000 + number);
            List<String> pharmacists = new ArrayList<>();
            int pharmacistCount = 1 + random.nextInt(MAX_PHARMACISTS_PER_HOSPITAL);
            for (int p = 1; p <= pharmacistCount; p++) {
                pharmacists.add(String.format("PH%s%02d", id.substring(1), p));
            }
            int ownersHospital = (number - 1) / local.size() + 1;
            hospitals.add(new InternetHospital(id, owner.name() + "互联网医院" + (ownersHospital > 1 ? ownersHospital : ""),
                    owner, List.copyOf(pharmacists)));
        }
        return List.copyOf(hospitals);
    }

    /** Run by the region's first physical institution, numbered after any internet hospital of the world. */
    private static InternetHospital hospitalWithoutAgreement(PhysicalInstitution owner) {
        String id = String.format("H%s%05d", owner.region().code(), 99_901);
        return new InternetHospital(id, owner.name() + "智慧互联网医院", owner,
                List.of(String.format("PH%s%02d", id.substring(1), 1)));
    }

    private static List<RetailPharmacy> pharmacies(int count, SplittableRandom random) {
        List<RetailPharmacy> pharmacies = new ArrayList<>(count);
        Map<PoolingRegion, Integer> numbers = new HashMap<>();
        for (PoolingRegion region : PoolingRegion.apportion(count)) {
            int number = numbers.merge(region, 1, Integer::sum);
            String chain = PHARMACY_CHAINS[random.nextInt(PHARMACY_CHAINS.length)];
            int pricePercent = random.nextInt(RetailPharmacy.LOWEST_PRICE_PERCENT,
                    RetailPharmacy.HIGHEST_PRICE_PERCENT + 1);
            pharmacies.add(new RetailPharmacy(String.format("P%s%05d", region.code(), number),
                    chain + "大药房" + region.district() + number + "店", region, pricePercent));
        }
        return List.copyOf(pharmacies);
    }

    private static List<Doctor> doctors(int count, List<InternetHospital> hospitals, SplittableRandom random) {
        List<Doctor> doctors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            InternetHospital first = hospitals.get(random.nextInt(hospitals.size()));
            List<InternetHospital> sites = new ArrayList<>(List.of(first));
            if (random.nextDouble() < SECOND_SITE_SHARE) {
                // multi-site practice happens within a city
                List<InternetHospital> sameRegion = hospitals.stream()
                        .filter(h -> h != first && h.region().equals(first.region())).toList();
                if (!sameRegion.isEmpty()) {
                    sites.add(sameRegion.get(random.nextInt(sameRegion.size())));
                }
            }
            doctors.add(new Doctor(i, String.format("DR%06d", i + 1),
                    String.format("D%s%06d", first.region().code(), i + 1), FakePersonalData.name(random),
                    String.format("CA%016X", random.nextLong()), List.copyOf(sites)));
        }
        return List.copyOf(doctors);
    }

    /** A person's own random source: the world's person seed and the serial, mixed so neighbours differ. */
    private SplittableRandom personRandom(int serial) {
        long z = personSeed + (serial + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    /**
     * The region code and the serial from 1 in eight digits or more, e.g. 35020300000042: ids of persons and
     * visits.
     */
    static String serialDigits(PoolingRegion region, int serial) {
        String number = Integer.toString(serial + 1);
        StringBuilder digits = new StringBuilder(region.code().length() + Math.max(8, number.length()))
                .append(region.code());
        for (int pad = number.length(); pad < 8; pad++) {
            digits.append('0');
        }
        return digits.append(number).toString();
    }

    private static <T> Map<PoolingRegion, List<T>> byRegion(List<T> items, Function<T, PoolingRegion> region) {
        return items.stream().collect(Collectors.groupingBy(region, Collectors.toUnmodifiableList()));
    }

    /** The persons as a read-only list that derives each one when it is read. */
    private final class InsuredPersons extends AbstractList<InsuredPerson> implements RandomAccess {
        @Override
        public InsuredPerson get(int serial) {
            return insuredPerson(serial);
        }

        @Override
        public int size() {
            return insuredPersonCount;
        }
    }
}
