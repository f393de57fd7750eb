package org.insurwatch.traffic;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
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
    private final HospitalSettlements settlements;

    ShapingContext(SplittableRandom random, World world, HospitalSettlements settlements) {
        this.random = random;
        this.world = world;
        this.settlements = settlements;
    }

    SplittableRandom random() {
        return random;
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
        Doctor doctor = doctorsWithoutAgreement.book(hospital, start, random, joined -> chain.publish(
                ReferenceTopic.DOCTORS, joined.id(),
                ReferenceData.registration(joined, DoctorStatus.ACTIVE, Instant.ofEpochMilli(start), null)));
        List<String> pharmacists = hospital.pharmacistIds();
        chain.moveTo(hospital, doctor, pharmacists.get(random.nextInt(pharmacists.size())));
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
