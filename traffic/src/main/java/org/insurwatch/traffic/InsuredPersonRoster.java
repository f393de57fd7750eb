package org.insurwatch.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Which insured persons are due for an online follow-up. A person comes back only when most of the last
 * supply is used, never early enough for the early-refill rule, and only while the offline diagnosis is
 * recent enough for the follow-up window.
 */
final class InsuredPersonRoster {

    private static final long FIRST_FOLLOW_UP_AFTER = Duration.ofDays(1).toMillis();
    // The follow-up window is three months; stop short of it so no calendar reading of "3 months" expires it.
    private static final long FOLLOW_UP_USABLE_FOR = Duration.ofDays(80).toMillis();
    private static final double SUPPLY_USED_BEFORE_RETURN = 0.75;
    private static final long DAY = Duration.ofDays(1).toMillis();

    private final List<InsuredPerson> persons;
    private final int[] due;
    private int dueCount;
    private final PriorityQueue<Rest> resting = new PriorityQueue<>();

    private record Rest(long until, int serial) implements Comparable<Rest> {
        @Override
        public int compareTo(Rest other) {
            int byTime = Long.compare(until, other.until);
            return byTime != 0 ? byTime : Integer.compare(serial, other.serial);
        }
    }

    InsuredPersonRoster(List<InsuredPerson> persons) {
        this.persons = persons;
        this.due = new int[persons.size()];
        for (InsuredPerson person : persons) {
            resting.add(new Rest(person.offlineDiagnosis().diagnosedAt().toEpochMilli() + FIRST_FOLLOW_UP_AFTER,
                    person.serial()));
        }
    }

    /** A person due for a follow-up at {@code at}; {@link #supplied} tells the roster when to expect them back. */
    InsuredPerson admit(long at, SplittableRandom random) {
        while (!resting.isEmpty() && resting.peek().until() <= at) {
            due[dueCount++] = resting.poll().serial();
        }
        while (dueCount > 0) {
            int pick = random.nextInt(dueCount);
            InsuredPerson person = persons.get(due[pick]);
            due[pick] = due[--dueCount];
            if (at < person.offlineDiagnosis().diagnosedAt().toEpochMilli() + FOLLOW_UP_USABLE_FOR) {
                return person;
            }
        }
        throw new IllegalStateException("no insured person is due for a follow-up at " + Instant.ofEpochMilli(at)
                + ": all " + persons.size() + " are still supplied or past their follow-up window;"
                + " build the World with more insured persons or lengthen the simulated gap");
    }

    /** The person got drugs for {@code daysOfSupply} at {@code at} and rests until most of them are used. */
    void supplied(InsuredPerson person, long at, int daysOfSupply) {
        resting.add(new Rest(at + (long) Math.ceil(daysOfSupply * SUPPLY_USED_BEFORE_RETURN * DAY), person.serial()));
    }
}
