package org.insurwatch.traffic;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Plans visit chains one after the other on the simulated clock: a clean chain first, then reshaped by the
 * scenario drawn for it, or, for a scenario spanning one doctor's many chains, all the chains of the burst at
 * once ({@link BurstPlanner}); and, through the insured person roster, the offline visits that keep the
 * persons' diagnoses fresh. A chain's patient is the one the roster admits, but for an early refill's: the person
 * of a recent supply ({@link RecentSupplies}), back while the roster still has them rest. Every draw comes from
 * one random source in a fixed order, so a seed always plans the same chains and visits.
 *
 * <p>The planner checks what the merge and the scenarios rely on: no event or published reference version
 * before the consultation's start less {@link Timeline#LOOK_BEHIND}, reference versions published no later
 * than the chain's first event, prescriptions signed within the doctor's booking but not before
 * {@link Timeline#EARLIEST_SIGNING}, and no settlement before {@link Timeline#EARLIEST_SETTLEMENT}.
 */
final class ChainPlanner {

    private final World world;
    private final long startMillis;
    private final long gapMillis;
    private final double violationRate;
    private final WeightedChoice<Scenario> violations;
    private final double hardNegativeRate;
    private final WeightedChoice<Scenario> hardNegatives;
    private final SplittableRandom random;
    private final ShapingContext shapingContext;
    private final ChainAssembler assembler;
    private final BurstPlanner bursts;
    private final DoctorRoster doctors;
    private final InsuredPersonRoster insuredPersons;
    private final HospitalSettlements settlements = new HospitalSettlements();
    private final ProvincePrices prices = new ProvincePrices();
    private final RecentSupplies recentSupplies = new RecentSupplies();
    private long skippedMillis;

    ChainPlanner(World world, TrafficOptions options) {
        this.world = world;
        this.startMillis = options.start().toEpochMilli();
        this.gapMillis = options.simulatedGap().toMillis();
        this.violationRate = options.violationRate();
        this.violations = new WeightedChoice<>(List.copyOf(options.scenarios()), Scenario::drawWeight);
        this.hardNegativeRate = options.hardNegativeRate();
        this.hardNegatives = new WeightedChoice<>(List.copyOf(options.hardNegatives()), Scenario::drawWeight);
        String runTag = Long.toUnsignedString(options.seed(), 36).toUpperCase(Locale.ROOT);
        this.random = new SplittableRandom(options.seed());
        this.shapingContext = new ShapingContext(random, world, settlements, prices);
        this.assembler = new ChainAssembler(runTag, random);
        this.bursts = new BurstPlanner(world, random, assembler, shapingContext.walkIns());
        this.doctors = new DoctorRoster(world.doctors());
        this.insuredPersons = new InsuredPersonRoster(world, startMillis);
    }

    /**
     * When chain {@code number}'s consultation starts, as far as is known before it is planned: never later
     * than it will. Chains start a gap apart, unless nobody was due when one was planned; then the clock
     * skipped ahead to the next person's return, and every later chain starts that much later. The chains of
     * a burst start from the first one's start on, each at the burst's own pace.
     */
    long startOf(long number) {
        return startMillis + number * gapMillis + skippedMillis;
    }

    /**
     * The chains planned from chain {@code number} on: one, or the burst of a scenario spanning many, when the
     * {@code room} left in the run holds it (else a clean chain instead).
     */
    List<VisitChain> plan(long number, long room) {
        // one draw decides: violations first, then hard negatives as far as the violations leave room
        double draw = random.nextDouble();
        Scenario scenario = draw < violationRate
                ? violations.draw(random)
                : draw < violationRate + hardNegativeRate
                ? hardNegatives.draw(random)
                : Scenario.CLEAN;
        if (scenario == Scenario.DLV_TRACE_CODE_REUSED && !shapingContext.hasDispensedPack()
                || scenario == Scenario.RX_EARLY_REFILL && !recentSupplies.hasRefillableAt(startOf(number))) {
            // nothing dispensed yet whose code could be sold again, or no recent supply to come back for
            scenario = Scenario.CLEAN;
        }
        if (scenario.isBurst()) {
            DoctorBurst burst = scenario.drawBurst(random);
            if (burst.visits().size() <= room) {
                long from = startOf(number);
                List<VisitChain> chains = bursts.plan(number, from, scenario, burst);
                chains.forEach(chain -> finish(chain, from));
                return chains;
            }
            scenario = Scenario.CLEAN;
        }
        return List.of(planAlone(number, scenario));
    }

    private VisitChain planAlone(long number, Scenario scenario) {
        VisitChain chain = scenario == Scenario.RX_EARLY_REFILL
                ? planRefill(number, recentSupplies.takeRefillableAt(startOf(number)))
                : planFollowUp(number, scenario);
        finish(chain, chain.timeline().startedAt());
        if (chain.scenario() == Scenario.CLEAN) {
            recentSupplies.supplied(chain);
        }
        return chain;
    }

    /** A person of the roster due for a follow-up, prescribed the usual supply or the scenario's. */
    private VisitChain planFollowUp(long number, Scenario scenario) {
        long startedAt = startOf(number);
        int serial;
        while ((serial = insuredPersons.admit(startedAt, random)) < 0) {
            // nobody is free yet: rather than fail, let simulated time jump to the first person's return
            skippedMillis += insuredPersons.nextReturn() - startedAt;
            startedAt = startOf(number);
        }
        InsuredPerson patient = world.insuredPerson(serial);
        OfflineDiagnosis followedUp = insuredPersons.latestDiagnosis(patient);
        Disease disease = followedUp.disease();
        int days = scenario.daysOfSupply(disease, disease.usualSupplyDays(random), random);
        List<PrescribedDrug> drugs = DrugCatalogue.prescription(disease, days, random);
        long dueAgainAt = insuredPersons.supplied(serial, startedAt, days, random);
        VisitChain chain = visit(number, scenario, startedAt, patient, followedUp, drugs, dueAgainAt);
        chain.scenario().shape(chain, shapingContext);
        // unless a walk-in took the person's place, whose first chain is then still to come
        if (chain.participants().patient().serial() == serial && insuredPersons.learnsOfFirstDiagnosis(serial)) {
            chain.publishOfflineVisit(patient.offlineDiagnosis());
        }
        return chain;
    }

    /**
     * The person of a recent supply, back long before it is half used, prescribed the same drugs again. The
     * person still rests in the roster, due back as planned with the supply.
     */
    private VisitChain planRefill(long number, RecentSupplies.Supply supply) {
        VisitChain chain = visit(number, Scenario.RX_EARLY_REFILL, startOf(number),
                world.insuredPerson(supply.serial()), supply.followedUp(), supply.drugs(), supply.dueAgainAt());
        chain.refillEarly(supply.prescriptionEventId());
        chain.scenario().shape(chain, shapingContext);
        return chain;
    }

    /**
     * The patient's visit with a doctor of the patient's region, clean, for the scenario to shape; of a CLEAN
     * chain instead when the scenario charges against a province median and none of the drugs has a steady one
     * yet.
     */
    private VisitChain visit(long number, Scenario scenario, long startedAt, InsuredPerson patient,
                             OfflineDiagnosis followedUp, List<PrescribedDrug> drugs, long dueAgainAt) {
        Doctor doctor = doctors.book(startedAt, patient.region(), random);
        InternetHospital hospital = pick(doctor.internetHospitals());
        Participants participants = new Participants(patient, doctor, hospital, pick(hospital.pharmacistIds()),
                pick(world.pharmaciesIn(patient.region())));
        Timeline timeline = Timeline.draw(startedAt, random);
        if (scenario.chargesAgainstTheMedian()
                && prices.withSteadyMedian(patient.region(), drugs, timeline.timeOf(ChainStep.SETTLEMENT)).isEmpty()) {
            scenario = Scenario.CLEAN;
        }
        VisitChain chain = assembler.assemble(number, scenario, participants, followedUp, drugs, timeline);
        chain.patientDueAgainAt(dueAgainAt);
        return chain;
    }

    /** Checks a planned chain and notes it for later ones; no chain planned later starts before {@code from}. */
    private void finish(VisitChain chain, long from) {
        check(chain);
        shapingContext.planned(chain);
        prices.settled(chain, from);
        String hospital = chain.participants().internetHospital().id();
        if (chain.emits(ChainStep.SETTLEMENT)) {
            settlements.settled(hospital, chain.timeline().timeOf(ChainStep.SETTLEMENT), from);
        }
        if (chain.emits(ChainStep.SECOND_SETTLEMENT) && chain.settlesTwice()) {
            settlements.settled(hospital, chain.timeline().timeOf(ChainStep.SECOND_SETTLEMENT), from);
        }
    }

    private static void check(VisitChain chain) {
        Scenario scenario = chain.scenario();
        Timeline t = chain.timeline();
        long startedAt = t.startedAt();
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

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
