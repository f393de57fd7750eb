package org.insurwatch.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.IdentityVerification;

/**
 * Plans visit chains one after the other on the simulated clock: a clean chain first, then reshaped by the
 * scenario drawn for it; and, through the insured person roster, the offline visits that keep the persons'
 * diagnoses fresh. Every draw comes from one random source in a fixed order, so a seed always plans the
 * same chains and visits.
 *
 * <p>The planner checks what the merge and the scenarios rely on: no event or published reference version
 * before the consultation's start less {@link Timeline#LOOK_BEHIND}, reference versions published no later
 * than the chain's first event, prescriptions signed within the doctor's booking but not before
 * {@link Timeline#EARLIEST_SIGNING}, and no settlement before {@link Timeline#EARLIEST_SETTLEMENT}.
 */
final class ChainPlanner {

    private static final double HOME_DELIVERY_SHARE = 0.7;
    private static final int MAX_LINES = 3;
    private static final String[] CARRIERS = {"顺丰速运", "京东物流", "中国邮政EMS"};
    // Doctors of lower titles charge less than the cap, none more.
    private static final int[] CONSULTATION_FEE_PERCENT_OF_CAP = {100, 80, 60};
    private static final IdentityVerification[] ACCEPTED_VERIFICATIONS =
            {IdentityVerification.FACE_RECOGNITION, IdentityVerification.INSURANCE_E_VOUCHER};

    private final World world;
    private final long startMillis;
    private final long gapMillis;
    private final double violationRate;
    private final List<Scenario> enabledScenarios;
    private final double hardNegativeRate;
    private final List<Scenario> enabledHardNegatives;
    private final String runTag;
    private final SplittableRandom random;
    private final ShapingContext shapingContext;
    private final DoctorRoster doctors;
    private final InsuredPersonRoster insuredPersons;
    private final HospitalSettlements settlements = new HospitalSettlements();
    private long skippedMillis;

    ChainPlanner(World world, TrafficOptions options) {
        this.world = world;
        this.startMillis = options.start().toEpochMilli();
        this.gapMillis = options.simulatedGap().toMillis();
        this.violationRate = options.violationRate();
        this.enabledScenarios = List.copyOf(options.scenarios());
        this.hardNegativeRate = options.hardNegativeRate();
        this.enabledHardNegatives = List.copyOf(options.hardNegatives());
        this.runTag = Long.toUnsignedString(options.seed(), 36).toUpperCase(Locale.ROOT);
        this.random = new SplittableRandom(options.seed());
        this.shapingContext = new ShapingContext(random, world, settlements);
        this.doctors = new DoctorRoster(world.doctors());
        this.insuredPersons = new InsuredPersonRoster(world, startMillis);
    }

    /**
     * When chain {@code number}'s consultation starts, as far as is known before it is planned: never later
     * than it will. Chains start a gap apart, unless nobody was due when one was planned; then the clock
     * skipped ahead to the next person's return, and every later chain starts that much later.
     */
    long startOf(long number) {
        return startMillis + number * gapMillis + skippedMillis;
    }

    VisitChain plan(long number) {
        // one draw decides: violations first, then hard negatives as far as the violations leave room
        double draw = random.nextDouble();
        Scenario scenario = draw < violationRate
                ? enabledScenarios.get(random.nextInt(enabledScenarios.size()))
                : draw < violationRate + hardNegativeRate
                ? enabledHardNegatives.get(random.nextInt(enabledHardNegatives.size()))
                : Scenario.CLEAN;
        if (scenario == Scenario.DLV_TRACE_CODE_REUSED && !shapingContext.hasDispensedPack()) {
            // nothing dispensed yet whose code could be sold again
            scenario = Scenario.CLEAN;
        }
        long startedAt = startOf(number);
        int serial;
        while ((serial = insuredPersons.admit(startedAt, random)) < 0) {
            // nobody is free yet: rather than fail, let simulated time jump to the first person's return
            skippedMillis += insuredPersons.nextReturn() - startedAt;
            startedAt = startOf(number);
        }
        InsuredPerson patient = world.insuredPerson(serial);
        OfflineDiagnosis followedUp = insuredPersons.latestDiagnosis(patient);
        Doctor doctor = doctors.book(startedAt, patient.region(), random);
        InternetHospital hospital = pick(doctor.internetHospitals());
        Participants participants = new Participants(patient, doctor, hospital, pick(hospital.pharmacistIds()),
                pick(world.pharmaciesIn(patient.region())));
        List<PrescribedDrug> drugs = prescribe(followedUp.disease(), scenario);
        long dueAgainAt = insuredPersons.supplied(serial, startedAt, drugs.get(0).daysOfSupply(), random);
        IdentityVerification verification = pick(ACCEPTED_VERIFICATIONS);
        Timeline timeline = Timeline.draw(startedAt, random);
        PaymentTerms terms = paymentTerms(patient.region());
        Fulfilment fulfilment = random.nextDouble() < HOME_DELIVERY_SHARE
                ? Fulfilment.HOME_DELIVERY
                : Fulfilment.PHARMACY_PICKUP;
        VisitChain chain = new VisitChain(number, runTag, scenario, participants, followedUp, verification, drugs,
                timeline, terms, fulfilment, pick(CARRIERS));
        chain.patientDueAgainAt(dueAgainAt);
        scenario.shape(chain, shapingContext);
        check(chain, startedAt);
        shapingContext.planned(chain);
        if (chain.emits(ChainStep.SETTLEMENT)) {
            settlements.settled(chain.participants().internetHospital().id(), timeline.timeOf(ChainStep.SETTLEMENT),
                    startedAt);
        }
        if (chain.emits(ChainStep.SECOND_SETTLEMENT) && chain.settlesTwice()) {
            settlements.settled(chain.participants().internetHospital().id(),
                    timeline.timeOf(ChainStep.SECOND_SETTLEMENT), startedAt);
        }
        return chain;
    }

    private static void check(VisitChain chain, long startedAt) {
        Scenario scenario = chain.scenario();
        Timeline t = chain.timeline();
        long firstEvent = Long.MAX_VALUE;
        for (ChainStep step : chain.emittedSteps()) {
            if (t.timeOf(step) < startedAt - Timeline.LOOK_BEHIND) {
                throw new IllegalStateException(scenario + " put " + step + " further before its consultation"
                        + " than Timeline.LOOK_BEHIND allows");
            }
            firstEvent = Math.min(firstEvent, t.timeOf(step));
        }
        for (GeneratedEvent update : chain.referenceUpdates()) {
            if (update.eventTimeMillis() < startedAt - Timeline.LOOK_BEHIND || update.eventTimeMillis() > firstEvent) {
                throw new IllegalStateException(scenario + " published " + update.stream() + " " + update.key()
                        + " outside [consultation start - LOOK_BEHIND, first event]");
            }
        }
        if (t.signedAt() < startedAt + Timeline.EARLIEST_SIGNING
                || t.signedAt() >= startedAt + Timeline.LONGEST_CONSULTATION) {
            throw new IllegalStateException(scenario + " signs outside the doctor's booking, or earlier than"
                    + " Timeline.EARLIEST_SIGNING");
        }
        if (t.timeOf(ChainStep.SETTLEMENT) < startedAt + Timeline.EARLIEST_SETTLEMENT) {
            throw new IllegalStateException(scenario + " settles earlier than Timeline.EARLIEST_SETTLEMENT");
        }
    }

    /**
     * The offline visits dated before {@code time}, as events of the {@code ref.offline-visits} stream, in
     * time order. Planning chain n decides visits dated at its start or later, never earlier; so asking, after
     * each chain, for the visits before the next chain's {@link #startOf} hands every visit over before the
     * merge can pass its date, and before any consultation that follows it up.
     */
    void offlineVisitsBefore(long time, Consumer<GeneratedEvent> visits) {
        insuredPersons.visitsBefore(time,
                (person, diagnosis) -> visits.accept(ChainRecords.offlineVisit(person, diagnosis)));
    }

    /** One to three of the disease's drugs, all for the same number of days, as long as the scenario wants. */
    private List<PrescribedDrug> prescribe(Disease disease, Scenario scenario) {
        List<Drug> candidates = new ArrayList<>(DrugCatalogue.prescribedFor(disease));
        int[] supplyChoices = disease.supplyDayChoices();
        int days = scenario.daysOfSupply(disease, supplyChoices[random.nextInt(supplyChoices.length)], random);
        int lines = 1 + random.nextInt(Math.min(MAX_LINES, candidates.size()));
        List<PrescribedDrug> drugs = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            Drug drug = candidates.remove(random.nextInt(candidates.size()));
            drugs.add(new PrescribedDrug(drug, drug.boxesFor(days), days));
        }
        return List.copyOf(drugs);
    }

    private PaymentTerms paymentTerms(PoolingRegion region) {
        int feePercent = CONSULTATION_FEE_PERCENT_OF_CAP[random.nextInt(CONSULTATION_FEE_PERCENT_OF_CAP.length)];
        long consultationFee = region.consultationFeeCapFen() * feePercent / 100;
        long deliveryFee = 500 + 100L * random.nextInt(11);
        return new PaymentTerms(consultationFee, deliveryFee, 50 + random.nextInt(31), random.nextInt(101));
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }
}
