package org.insurwatch.traffic;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.insurwatch.schema.reference.AgreementStatus;
import org.insurwatch.schema.reference.DoctorStatus;
import org.insurwatch.schema.reference.InsuredStatus;

/**
 * What a scenario may draw on while it reshapes a chain: the generator's one random source, which keeps it
 * repeatable, and the world around the chain, for the scenarios that change reference data or participants.
 * Each change is placed so that it reaches no other chain (see {@link Scenario}).
 */
final class ShapingContext {

    private final SplittableRandom random;
    private final World world;
    private final SideDoctors unregisteredDoctors = new SideDoctors(false);
    private final SideDoctors doctorsWithoutAgreement = new SideDoctors(true);
    private final SideDoctors namedDoctors = new SideDoctors(true);
    private final WalkInPatients walkIns;
    private final HospitalSettlements settlements;
    private final ProvincePrices prices;
    private DispensedPack lastCleanPack;
    private DispensedPack lastPack;

    ShapingContext(SplittableRandom random, World world, HospitalSettlements settlements, ProvincePrices prices) {
        this.random = random;
        this.world = world;
        this.settlements = settlements;
        this.prices = prices;
        this.walkIns = new WalkInPatients(world);
    }

    SplittableRandom random() {
        return random;
    }

    /**
     * Another registered doctor than the chain's, of the chain's internet hospital only, free for the
     * consultation: the doctor a consultation may name while the chain's doctor signs. Never signing, yet booked
     * like any doctor, as the consultation counts as held by him: one that overlapped another of his elsewhere
     * would put him at two sites at once (BULK-MULTI-SITE). One who joins is registered ACTIVE from the
     * consultation's start, with the chain.
     */
    Doctor otherDoctor(VisitChain chain) {
        long start = chain.timeline().startedAt();
        return namedDoctors.book(chain.participants().internetHospital(), start, random, registeredWith(chain));
    }

    /**
     * The chain's patient is a walk-in instead: a person of the same region, new to the roster, with the chain's
     * disease diagnosed offline at {@code diagnosedAt}, a diagnosis the insurer knows of only if the scenario
     * publishes it.
     */
    void seeWalkIn(VisitChain chain, long diagnosedAt) {
        chain.seeWalkIn(walkIns.diagnosedAt(chain.participants().patient().region(), chain.followedUp().disease(),
                diagnosedAt, random));
    }

    WalkInPatients walkIns() {
        return walkIns;
    }

    /**
     * The id of an insured person of the patient's region who is not one of the world's persons (serials from
     * 90 000 000 on), so that no scenario of another chain ever changes the person's status: a relative the
     * settlement or the payment may name.
     */
    String relativeOutsideTheWorld(VisitChain chain) {
        return "IP" + chain.participants().patient().region().code() + (90_000_000 + random.nextInt(9_000_000));
    }

    /** The id of another of the world's insured persons than the chain's patient: a guardian. */
    String otherInsuredPerson(VisitChain chain) {
        int count = world.insuredPersons().size();
        int patient = chain.participants().patient().serial();
        int serial = (patient + 1 + random.nextInt(count - 1)) % count;
        return world.insuredPerson(serial).id();
    }

    /**
     * Remembers a planned chain whose dispensing scan carries its own codes: the latest clean one, and the latest
     * of any scenario as a fallback, for a later {@link #codeDispensedBefore}.
     */
    void planned(VisitChain chain) {
        Scenario scenario = chain.scenario();
        if (!chain.emits(chain.dispensingStep()) || chain.uncodedLine() >= 0 || chain.reusedCode() != null
                || scenario == Scenario.DLV_TRACE_CODE_MISSING || scenario == Scenario.DLV_TRACE_CODE_REUSED) {
            return;
        }
        DispensedPack pack = new DispensedPack(chain.drugs().get(0).drug().traceabilityPrefix()
                + String.format("%013d", chain.number() * ChainRecords.UNITS_PER_CHAIN),
                chain.eventId(chain.dispensingStep()), chain.timeline().timeOf(chain.dispensingStep()));
        if (scenario == Scenario.CLEAN) {
            lastCleanPack = pack;
        }
        lastPack = pack;
    }

    /**
     * The first pack of the latest clean chain planned that dispensed one, or, before any, of the latest chain of
     * any scenario that did; each pack is handed out once. Null when no chain dispensed anything yet.
     */
    DispensedPack codeDispensedBefore() {
        DispensedPack pack = lastCleanPack != null ? lastCleanPack : lastPack;
        if (pack != null && pack == lastCleanPack) {
            lastCleanPack = null;
        }
        if (pack == lastPack) {
            lastPack = null;
        }
        return pack;
    }

    /** Whether a pack was dispensed that {@link #codeDispensedBefore} can hand out. */
    boolean hasDispensedPack() {
        return lastCleanPack != null || lastPack != null;
    }

    /** A pack dispensed by an earlier chain: its traceability code and the dispensing event. */
    record DispensedPack(String code, String eventId, long dispensedAt) {
    }

    /**
     * The chain's drugs whose province median is steady when the chain settles: the job judges the settlement by
     * it, and one line more charged off the pharmacies' range cannot move it ({@link ProvincePrices}).
     */
    List<Drug> drugsWithSteadyMedian(VisitChain chain) {
        return prices.withSteadyMedian(chain.participants().patient().region(), chain.drugs(),
                chain.timeline().timeOf(ChainStep.SETTLEMENT));
    }

    /** A pooling region other than the patient's, where the world's people live too. */
    PoolingRegion otherRegion(VisitChain chain) {
        PoolingRegion own = chain.participants().patient().region();
        List<PoolingRegion> others = world.poolingRegions().stream().filter(r -> !r.equals(own)).toList();
        return others.get(random.nextInt(others.size()));
    }

    /** A doctor of the chain's internet hospital who is in no registry, free for the chain's consultation. */
    Doctor unregisteredDoctor(VisitChain chain) {
        return unregisteredDoctors.book(chain.participants().internetHospital(), chain.timeline().startedAt(), random,
                doctor -> { });
    }

    /**
     * The chain's doctor has {@code status} from {@code from} until the end of the doctor's booking for the
     * consultation, when the doctor is ACTIVE again: two versions, published with the chain. The doctor's
     * other prescriptions are signed before the booking or after it ({@link Timeline#EARLIEST_SIGNING}).
     */
    void suspendDoctor(VisitChain chain, DoctorStatus status, long from) {
        Doctor doctor = chain.participants().doctor();
        long start = chain.timeline().startedAt();
        long bookingEnd = start + Timeline.LONGEST_CONSULTATION;
        if (from < start || from >= bookingEnd) {
            throw new IllegalStateException("a doctor's status change must lie within the booking, got " + from
                    + " for a consultation from " + start);
        }
        chain.publish(ReferenceTopic.DOCTORS, doctor.id(),
                ReferenceData.registration(doctor, status, Instant.ofEpochMilli(from), Instant.ofEpochMilli(bookingEnd)));
        chain.publish(ReferenceTopic.DOCTORS, doctor.id(),
                ReferenceData.registration(doctor, DoctorStatus.ACTIVE, Instant.ofEpochMilli(bookingEnd), null));
    }

    /**
     * The chain's patient has {@code status} from the consultation's start until due for the next follow-up:
     * one version, published with the chain; afterwards the person has no status, as before.
     */
    void suspendPatient(VisitChain chain, InsuredStatus status) {
        long from = chain.timeline().startedAt();
        long to = chain.patientDueAgainAt();
        if (to <= chain.timeline().timeOf(ChainStep.SETTLEMENT)) {
            throw new IllegalStateException("the patient is due again before the chain settles");
        }
        chain.publish(ReferenceTopic.INSURED_PERSONS, chain.participants().patient().id(), ReferenceData.insuredStatus(
                chain.participants().patient(), status, Instant.ofEpochMilli(from), Instant.ofEpochMilli(to)));
    }

    /**
     * The visit moves to the hospital without agreement of its hospital's region, to one of that hospital's
     * own doctors; a doctor who joins it is registered, ACTIVE from the consultation's start, with the chain.
     */
    void moveToHospitalWithoutAgreement(VisitChain chain) {
        InternetHospital hospital = world.hospitalWithoutAgreementIn(chain.participants().internetHospital().region());
        long start = chain.timeline().startedAt();
        Doctor doctor = doctorsWithoutAgreement.book(hospital, start, random, registeredWith(chain));
        List<String> pharmacists = hospital.pharmacistIds();
        chain.moveTo(hospital, doctor, pharmacists.get(random.nextInt(pharmacists.size())));
    }

    /** Registers a doctor ACTIVE from the chain's consultation start, with the chain. */
    private static Consumer<Doctor> registeredWith(VisitChain chain) {
        long start = chain.timeline().startedAt();
        return doctor -> chain.publish(ReferenceTopic.DOCTORS, doctor.id(),
                ReferenceData.registration(doctor, DoctorStatus.ACTIVE, Instant.ofEpochMilli(start), null));
    }

    /**
     * The agreement of the chain's internet hospital has {@code status} for a while within the consultation's
     * first {@link Timeline#EARLIEST_SETTLEMENT}, then is VALID again: two versions, published with the chain.
     * No chain planned so far settles there meanwhile (the stretch is chosen so), nor does any planned later,
     * as it settles later than that.
     */
    void suspendAgreementBriefly(VisitChain chain, AgreementStatus status) {
        InternetHospital hospital = chain.participants().internetHospital();
        long start = chain.timeline().startedAt();
        long[] stretch = settlements.quietStretch(hospital.id(), start, start + Timeline.EARLIEST_SETTLEMENT);
        if (stretch[1] > chain.timeline().timeOf(ChainStep.SETTLEMENT)) {
            throw new IllegalStateException("the chain settles before its hospital's agreement is restored");
        }
        chain.publish(ReferenceTopic.INSTITUTIONS, hospital.id(), ReferenceData.agreement(hospital, status,
                Instant.ofEpochMilli(stretch[0]), Instant.ofEpochMilli(stretch[1])));
        chain.publish(ReferenceTopic.INSTITUTIONS, hospital.id(), ReferenceData.agreement(hospital,
                AgreementStatus.VALID, Instant.ofEpochMilli(stretch[1]), null));
    }
}
