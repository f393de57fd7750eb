package org.insurwatch.traffic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Which doctors are free to hold a consultation. A doctor never holds two at once, so overlapping
 * consultations at two internet hospitals never happen by accident; and the free doctor is drawn at random,
 * so no doctor's prescriptions fall into a machine-like cadence. Patients see a doctor of their own region
 * when one is free, as they mostly do; otherwise any free doctor, as internet hospitals serve all comers.
 */
final class DoctorRoster {

    private final List<Doctor> doctors;
    private final Map<PoolingRegion, FreeDoctors> freeByRegion = new HashMap<>();
    private final PriorityQueue<Booking> busy = new PriorityQueue<>();

    private record Booking(long until, int serial) implements Comparable<Booking> {
        @Override
        public int compareTo(Booking other) {
            int byTime = Long.compare(until, other.until);
            return byTime != 0 ? byTime : Integer.compare(serial, other.serial);
        }
    }

    /** Free doctors of one region, drawn from and returned to in constant time. */
    private static final class FreeDoctors {
        private final int[] serials;
        private int count;

        FreeDoctors(int capacity) {
            serials = new int[capacity];
        }

        void add(int serial) {
            serials[count++] = serial;
        }

        int take(int index) {
            int serial = serials[index];
            serials[index] = serials[--count];
            return serial;
        }
    }

    DoctorRoster(List<Doctor> doctors) {
        this.doctors = doctors;
        Map<PoolingRegion, Integer> perRegion = new HashMap<>();
        doctors.forEach(doctor -> perRegion.merge(regionOf(doctor), 1, Integer::sum));
        perRegion.forEach((region, count) -> freeByRegion.put(region, new FreeDoctors(count)));
        doctors.forEach(doctor -> freeByRegion.get(regionOf(doctor)).add(doctor.serial()));
    }

    /**
     * Enough doctors that one is always free when consultations start every {@code gapMillis}, since each
     * takes a doctor for at most {@link Timeline#LONGEST_CONSULTATION}.
     */
    static int doctorsNeeded(long gapMillis) {
        return (int) ((Timeline.LONGEST_CONSULTATION + gapMillis - 1) / gapMillis) + 1;
    }

    /** A free doctor for a patient of {@code region}, booked from {@code startedAt} for the longest consultation. */
    Doctor book(long startedAt, PoolingRegion region, SplittableRandom random) {
        while (!busy.isEmpty() && busy.peek().until() <= startedAt) {
            int serial = busy.poll().serial();
            freeByRegion.get(regionOf(doctors.get(serial))).add(serial);
        }
        FreeDoctors local = freeByRegion.get(region);
        int serial = local != null && local.count > 0 ? local.take(random.nextInt(local.count)) : anyFree(random);
        busy.add(new Booking(startedAt + Timeline.LONGEST_CONSULTATION, serial));
        return doctors.get(serial);
    }

    /** A free doctor of any region, every free doctor equally likely; regions are walked in a fixed order. */
    private int anyFree(SplittableRandom random) {
        int total = 0;
        for (PoolingRegion region : PoolingRegion.ALL) {
            total += free(region);
        }
        int ticket = random.nextInt(total);
        for (PoolingRegion region : PoolingRegion.ALL) {
            if (ticket < free(region)) {
                return freeByRegion.get(region).take(ticket);
            }
            ticket -= free(region);
        }
        throw new AssertionError("a free doctor was counted but not found");
    }

    private int free(PoolingRegion region) {
        FreeDoctors free = freeByRegion.get(region);
        return free == null ? 0 : free.count;
    }

    private static PoolingRegion regionOf(Doctor doctor) {
        return doctor.internetHospitals().get(0).region();
    }
}
