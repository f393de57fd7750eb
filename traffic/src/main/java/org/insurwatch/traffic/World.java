package org.insurwatch.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The synthetic world the traffic happens in: pooling regions, institutions, pharmacies, doctors and insured
 * persons, each insured person with one offline diagnosis to follow up. The same seed, sizes and date
 * always build the same world.
 */
public final class World {

    // Diagnoses this recent leave room for weeks of follow-ups before the 3-month window closes.
    private static final Duration NEWEST_DIAGNOSIS = Duration.ofDays(3);
    private static final Duration OLDEST_DIAGNOSIS = Duration.ofDays(60);
    private static final double SECOND_SITE_SHARE = 0.3;
    private static final int MAX_PHARMACISTS_PER_HOSPITAL = 3;
    private static final String[] PHARMACY_CHAINS = {"大参林", "益丰", "老百姓", "一心堂", "国大", "鹭燕"};

    private final Instant asOf;
    private final List<PhysicalInstitution> physicalInstitutions;
    private final List<InternetHospital> internetHospitals;
    private final List<RetailPharmacy> pharmacies;
    private final Map<PoolingRegion, List<RetailPharmacy>> pharmaciesByRegion;
    private final List<Doctor> doctors;
    private final List<InsuredPerson> insuredPersons;

    private World(Instant asOf, List<PhysicalInstitution> physicalInstitutions,
                  List<InternetHospital> internetHospitals, List<RetailPharmacy> pharmacies, List<Doctor> doctors,
                  List<InsuredPerson> insuredPersons) {
        this.asOf = asOf;
        this.physicalInstitutions = physicalInstitutions;
        this.internetHospitals = internetHospitals;
        this.pharmacies = pharmacies;
        this.doctors = doctors;
        this.insuredPersons = insuredPersons;
        this.pharmaciesByRegion = byRegion(pharmacies, RetailPharmacy::region);
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
        List<InsuredPerson> persons = insuredPersons(sizes.insuredPersons(), institutions, asOf, random);
        return new World(asOf, institutions, hospitals, pharmacies, doctors, persons);
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

    public List<InternetHospital> internetHospitals() {
        return internetHospitals;
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

    public List<InsuredPerson> insuredPersons() {
        return insuredPersons;
    }

    /**
     * The world as the job's reference data knows it: institutions with valid agreements, active doctors,
     * the drug catalogue, the chronic disease list, consultation fee caps and every offline visit. Lazy,
     * because a large world has hundreds of thousands of offline visits.
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

    private static List<RetailPharmacy> pharmacies(int count, SplittableRandom random) {
        List<RetailPharmacy> pharmacies = new ArrayList<>(count);
        Map<PoolingRegion, Integer> numbers = new HashMap<>();
        for (PoolingRegion region : PoolingRegion.apportion(count)) {
            int number = numbers.merge(region, 1, Integer::sum);
            String chain = PHARMACY_CHAINS[random.nextInt(PHARMACY_CHAINS.length)];
            pharmacies.add(new RetailPharmacy(String.format("P%s%05d", region.code(), number),
                    chain + "大药房" + region.district() + number + "店", region, 95 + random.nextInt(14)));
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

    private static List<InsuredPerson> insuredPersons(int count, List<PhysicalInstitution> institutions,
                                                      Instant asOf, SplittableRandom random) {
        Map<PoolingRegion, List<PhysicalInstitution>> institutionsByRegion =
                byRegion(institutions, PhysicalInstitution::region);
        WeightedChoice<PoolingRegion> regions =
                new WeightedChoice<>(PoolingRegion.ALL, PoolingRegion::populationWeight);
        WeightedChoice<Disease> diseases = new WeightedChoice<>(List.of(Disease.values()), Disease::prevalenceWeight);
        long newest = NEWEST_DIAGNOSIS.toMillis();
        long oldest = OLDEST_DIAGNOSIS.toMillis();
        List<InsuredPerson> persons = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PoolingRegion region = regions.draw(random);
            List<PhysicalInstitution> local = institutionsByRegion.get(region);
            String serial = String.format("%s%08d", region.code(), i + 1);
            OfflineDiagnosis diagnosis = new OfflineDiagnosis("OV" + serial, local.get(random.nextInt(local.size())),
                    diseases.draw(random), asOf.minusMillis(random.nextLong(newest, oldest + 1)));
            persons.add(new InsuredPerson(i, "IP" + serial, FakePersonalData.name(random),
                    FakePersonalData.residentIdNumber(region, random), region, diagnosis));
        }
        return List.copyOf(persons);
    }

    private static <T> Map<PoolingRegion, List<T>> byRegion(List<T> items, Function<T, PoolingRegion> region) {
        return items.stream().collect(Collectors.groupingBy(region, Collectors.toUnmodifiableList()));
    }
}
