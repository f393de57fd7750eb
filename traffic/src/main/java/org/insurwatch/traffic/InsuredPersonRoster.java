package org.insurwatch.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Which insured persons are due for an online follow-up, and the offline visits that keep their diagnoses
 * fresh. A person comes back only when most of the last supply is used, never early enough for the
 * early-refill rule (RX_EARLY_REFILL brings a resting person back early, without the roster: {@link
 * RecentSupplies}); and always with an offline diagnosis recent enough for the 3-month follow-up window,
 * because the roster sends the person to a physical institution of their region before the diagnosis gets
 * too old.
 *
 * <p>Persons back from a supply (or from an offline visit) are drawn first, at random among them, as patients
 * under treatment come back when their drugs run low; persons not seen yet are drawn only when too few come
 * back. So a world bigger than the clock needs keeps its surplus idle, rather than have everybody wait
 * months to be drawn and see an offline doctor for nothing in the meantime.
 *
 * <p>Every offline visit is dated no earlier than the start of the chain being planned when it is decided, and
 * at least {@link #FIRST_FOLLOW_UP_AFTER} before the first consultation that follows it up. The generator's
 * merge holds only about a day and a half of chains and cannot go back days, so a visit is not invented
 * when the consultation needing it is planned, which would date it days before traffic already written.
 * Instead it is planned ahead: when a person gets a supply whose return would find the diagnosis old, the
 * visit is placed while the supply lasts, 1 to 20 days before the person is back ({@link #supplied}); and a
 * person drawn with a diagnosis that expired all the same (idle for long, or back later than planned) is sent
 * to the visit first and drawn again only 1 to 20 days after it ({@link #admit}). Visits wait here, a few bytes each, until the
 * traffic reaches their date ({@link #visitsBefore}).
 *
 * <p>The world's first diagnoses are dated before the traffic; the insurer learns of each with its person's
 * first visit chain ({@link #learnsOfFirstDiagnosis}), not all at once before anybody is seen.
 *
 * <p>Memory is a few primitive arrays over all persons, 32 bytes and a bit a person (~70 MB for the demo's 2.1
 * million), and no derived person is kept.
 */
final class InsuredPersonRoster {

    private static final long DAY = Duration.ofDays(1).toMillis();
    /** The shortest time between an offline diagnosis and the online follow-up of it. */
    static final long FIRST_FOLLOW_UP_AFTER = DAY;
    /** The follow-up window is three months; stop short of it so no calendar reading of "3 months" expires it. */
    static final long FOLLOW_UP_USABLE_FOR = 80 * DAY;
    static final double SUPPLY_USED_BEFORE_RETURN = 0.75;
    // A person back from a supply waits to be drawn; renew early enough that most never need the fallback.
    private static final long RENEW_AHEAD_OF_RETURN = 20 * DAY;
    private static final long LONGEST_VISIT_LEAD = 20 * DAY;
    // A person whose diagnosis expired while waiting sees an offline doctor within this time of being drawn.
    private static final long EXPIRED_VISIT_WITHIN = 2 * DAY;
    private static final double SAME_INSTITUTION_SHARE = 0.8;

    private final World world;
    private final long[] latestVisitAt;
    // 0 for the world's first diagnosis, then 1, 2, ... for the visits planned here
    private final int[] latestVisitNumber;
    private final int[] latestInstitution;
    private final BitSet firstDiagnosisKnown;
    // persons due: those back from a rest at [0, returningCount), those not seen yet at [length - idleCount, length)
    private final int[] due;
    private int returningCount;
    private int idleCount;
    private final TimedQueue resting;
    // planned visits not yet handed to the traffic: time, serial, payload = visit number << 32 | institution
    private final TimedQueue visits = new TimedQueue(1_024, true);

    /** @param startMillis when the traffic starts: persons whose first follow-up is due by then are due at once */
    InsuredPersonRoster(World world, long startMillis) {
        this.world = world;
        int count = world.insuredPersons().size();
        latestVisitAt = new long[count];
        latestVisitNumber = new int[count];
        latestInstitution = new int[count];
        firstDiagnosisKnown = new BitSet(count);
        due = new int[count];
        resting = new TimedQueue(count, false);
        for (int serial = 0; serial < count; serial++) {
            World.FirstDiagnosis first = world.firstDiagnosis(serial);
            latestVisitAt[serial] = first.diagnosedAtMillis();
            latestInstitution[serial] = first.institution();
            long dueFrom = first.diagnosedAtMillis() + FIRST_FOLLOW_UP_AFTER;
            if (dueFrom <= startMillis) {
                due[count - ++idleCount] = serial;
            } else {
                resting.add(dueFrom, serial, 0);
            }
        }
    }

    /**
     * The serial of a person drawn at random among those due at {@code at} (those coming back first) whose
     * latest diagnosis is recent enough, or -1 when nobody is (then {@link #nextReturn()} says when somebody
     * will be). A drawn person whose diagnosis is too old is sent to an offline visit on the way, and comes
     * back later. {@link #supplied} tells the roster when to expect the admitted person back.
     */
    int admit(long at, SplittableRandom random) {
        while (!resting.isEmpty() && resting.peekTime() <= at) {
            due[returningCount++] = resting.peekSerial();
            resting.remove();
        }
        while (returningCount > 0 || idleCount > 0) {
            int serial;
            if (returningCount > 0) {
                int pick = random.nextInt(returningCount);
                serial = due[pick];
                due[pick] = due[--returningCount];
            } else {
                int pick = due.length - 1 - random.nextInt(idleCount);
                serial = due[pick];
                due[pick] = due[due.length - idleCount--];
            }
            if (at - latestVisitAt[serial] < FOLLOW_UP_USABLE_FOR) {
                return serial;
            }
            long visitAt = at + random.nextLong(EXPIRED_VISIT_WITHIN + 1);
            planVisit(serial, visitAt, random);
            resting.add(visitAt + between(random, FIRST_FOLLOW_UP_AFTER, LONGEST_VISIT_LEAD), serial, 0);
        }
        return -1;
    }

    /**
     * Whether the insurer is yet to learn of the person's first diagnosis, which it does now: true the first
     * time a person is asked for, false ever after.
     */
    boolean learnsOfFirstDiagnosis(int serial) {
        if (firstDiagnosisKnown.get(serial)) {
            return false;
        }
        firstDiagnosisKnown.set(serial);
        return true;
    }

    /** When the first resting person is due again; only meaningful when {@link #admit} found nobody. */
    long nextReturn() {
        return resting.peekTime();
    }

    /** The offline diagnosis the person's consultation now follows up: the latest visit, already dated. */
    OfflineDiagnosis latestDiagnosis(InsuredPerson person) {
        int serial = person.serial();
        int number = latestVisitNumber[serial];
        return number == 0 ? person.offlineDiagnosis()
                : diagnosis(person, number, latestInstitution[serial], latestVisitAt[serial]);
    }

    /**
     * The person got drugs for {@code daysOfSupply} at {@code at} and rests until most of them are used. If the
     * diagnosis would then be close to expiring, the person has an offline visit before coming back.
     *
     * @return when the person is due again: no chain of the person starts earlier
     */
    long supplied(int serial, long at, int daysOfSupply, SplittableRandom random) {
        long back = at + (long) Math.ceil(daysOfSupply * SUPPLY_USED_BEFORE_RETURN * DAY);
        if (back + RENEW_AHEAD_OF_RETURN - latestVisitAt[serial] >= FOLLOW_UP_USABLE_FOR) {
            long earliest = Math.max(at + FIRST_FOLLOW_UP_AFTER, back - LONGEST_VISIT_LEAD);
            long latest = back - FIRST_FOLLOW_UP_AFTER;
            if (earliest <= latest) {
                planVisit(serial, between(random, earliest, latest), random);
            }
        }
        resting.add(back, serial, 0);
        return back;
    }

    /**
     * Hands over, in time order, the planned offline visits dated before {@code time}, each with its person.
     * Every visit is dated at or after the start of the chain that planned it, so a caller that asks before
     * each chain's start reaches a visit's date never hands one out behind the traffic.
     */
    void visitsBefore(long time, BiConsumer<InsuredPerson, OfflineDiagnosis> visit) {
        while (!visits.isEmpty() && visits.peekTime() < time) {
            long visitedAt = visits.peekTime();
            long payload = visits.peekPayload();
            InsuredPerson person = world.insuredPerson(visits.peekSerial());
            visits.remove();
            visit.accept(person, diagnosis(person, (int) (payload >>> 32), (int) payload, visitedAt));
        }
    }

    /** Planned visits not yet handed over. */
    int plannedVisits() {
        return visits.size();
    }

    /** Usually at the institution of the last diagnosis, sometimes at another one of the person's region. */
    private void planVisit(int serial, long visitAt, SplittableRandom random) {
        int institution = latestInstitution[serial];
        if (random.nextDouble() >= SAME_INSTITUTION_SHARE) {
            int[] local = world.physicalInstitutionsIn(world.physicalInstitutions().get(institution).region());
            institution = local[random.nextInt(local.length)];
        }
        int number = ++latestVisitNumber[serial];
        latestInstitution[serial] = institution;
        latestVisitAt[serial] = visitAt;
        visits.add(visitAt, serial, ((long) number << 32) | institution);
    }

    /** Visit {@code number} of the person: the first one's id with the number appended, the same disease. */
    private OfflineDiagnosis diagnosis(InsuredPerson person, int number, int institution, long visitedAt) {
        OfflineDiagnosis first = person.offlineDiagnosis();
        return new OfflineDiagnosis(first.offlineVisitId() + "-" + number, world.physicalInstitutions().get(institution),
                first.disease(), Instant.ofEpochMilli(visitedAt));
    }

    private static long between(SplittableRandom random, long from, long to) {
        return random.nextLong(from, to + 1);
    }
}
