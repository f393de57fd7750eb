package org.insurwatch.traffic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.insurwatch.schema.reference.DoctorStatus;

/**
 * Plans all the chains of a doctor's burst ({@link DoctorBurst}) at once, numbered one after the other. The
 * doctor is new, so no other chain of his falls within hours of the burst; he practises at one internet
 * hospital, or at two of one region where the world has them, and is registered ACTIVE with the burst's
 * earliest chain, from its start. Every patient is a walk-in of the doctor's region with an offline diagnosis
 * 3 to 60 days old, published with the chain: the follow-up rules see nothing amiss, and no patient's next
 * visit is due early. The burst's first chain expects its alert and cites the events of every chain; the
 * others, complete and clean, expect none.
 */
final class BurstPlanner {

    // ids of nine digits, which no roster doctor (six) or side doctor (fourteen) has
    private static final int FIRST_DOCTOR_NUMBER = 100_000_000;

    private final World world;
    private final SplittableRandom random;
    private final ChainAssembler assembler;
    private final WalkInPatients walkIns;
    private int doctorsJoined;

    BurstPlanner(World world, SplittableRandom random, ChainAssembler assembler, WalkInPatients walkIns) {
        this.world = world;
        this.random = random;
        this.assembler = assembler;
        this.walkIns = walkIns;
    }

    /** The burst's chains, numbered from {@code firstNumber}, the earliest consultation starting at {@code from}. */
    List<VisitChain> plan(long firstNumber, long from, Scenario scenario, DoctorBurst burst) {
        List<InternetHospital> sites = sites(burst.sites());
        Doctor doctor = newDoctor(sites);
        PoolingRegion region = sites.get(0).region();
        DoctorBurst.Visit earliest = burst.earliest();
        long shift = from - earliest.startedAt();
        List<VisitChain> chains = new ArrayList<>(burst.visits().size());
        Disease disease = null;
        List<PrescribedDrug> drugs = null;
        for (DoctorBurst.Visit visit : burst.visits()) {
            if (disease == null || !burst.template()) {
                // no two patients in a row alike, unless all follow the template
                disease = disease == null ? Disease.drawByPrevalence(random) : Disease.drawOtherThan(disease, random);
                drugs = DrugCatalogue.prescription(disease, disease.usualSupplyDays(random), random);
            }
            long startedAt = visit.startedAt() + shift;
            InsuredPerson patient = walkIns.recentlyDiagnosed(region, disease, startedAt, random);
            InternetHospital hospital = sites.get(visit.site());
            Participants who = new Participants(patient, doctor, hospital, pick(hospital.pharmacistIds()),
                    pick(world.pharmaciesIn(region)));
            Timeline timeline = Timeline.scheduled(startedAt, visit.endedAt() + shift, visit.signedAt() + shift,
                    visit.uploadedAt() + shift, random);
            VisitChain chain = assembler.assemble(firstNumber + chains.size(), scenario, who,
                    patient.offlineDiagnosis(), drugs, timeline);
            chain.publishOfflineVisit(patient.offlineDiagnosis());
            if (visit == earliest) {
                chain.publish(ReferenceTopic.DOCTORS, doctor.id(),
                        ReferenceData.registration(doctor, DoctorStatus.ACTIVE, Instant.ofEpochMilli(from), null));
            }
            chains.add(chain);
        }
        VisitChain first = chains.get(0);
        for (VisitChain chain : chains) {
            if (chain != first) {
                chain.accompany();
            }
            if (burst.cited() != null) {
                first.citeEvent(chain.eventId(burst.cited()));
            }
        }
        return chains;
    }

    /** One internet hospital, or two: of one region where the world has two there. */
    private List<InternetHospital> sites(int count) {
        InternetHospital first = pick(world.internetHospitals());
        if (count == 1) {
            return List.of(first);
        }
        List<InternetHospital> others = world.internetHospitals().stream()
                .filter(h -> h != first && h.region().equals(first.region())).toList();
        if (others.isEmpty()) {
            others = world.internetHospitals().stream().filter(h -> h != first).toList();
        }
        if (others.isEmpty()) {
            throw new IllegalStateException("a doctor of two internet hospitals needs a world with two");
        }
        return List.of(first, pick(others));
    }

    private Doctor newDoctor(List<InternetHospital> sites) {
        String number = Integer.toString(FIRST_DOCTOR_NUMBER + doctorsJoined++);
        return new Doctor(-1, "DR" + number, "D" + sites.get(0).region().code() + number,
                FakePersonalData.name(random), String.format("CA%016X", random.nextLong()), sites);
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
