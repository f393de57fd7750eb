package org.insurwatch.traffic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Doctors outside the world's roster, whom only some scenarios draw: each practises at one internet hospital
 * only, so a doctor-hour never spreads over more sites than a roster doctor's. Like the roster, a doctor holds
 * one consultation at a time, booked for {@link Timeline#LONGEST_CONSULTATION}; when all of a hospital's are
 * busy, a new one joins, so a pool grows to the most such visits a hospital holds at once and no further.
 * Registered doctors are numbered from 501 at a hospital, others from 1, so two pools never share an id.
 */
final class SideDoctors {

    private static final class Booking {
        private final Doctor doctor;
        private long until;

        Booking(Doctor doctor) {
            this.doctor = doctor;
        }
    }

    private final boolean insuranceDoctors;
    private final Map<String, List<Booking>> byHospital = new HashMap<>();

    /** @param insuranceDoctors whether the doctors have an insurance doctor code, i.e. are meant to be registered */
    SideDoctors(boolean insuranceDoctors) {
        this.insuranceDoctors = insuranceDoctors;
    }

    /**
     * A doctor of {@code hospital} free at {@code startedAt}, drawn at random among the free ones, booked for the
     * longest consultation; a new doctor, first told to {@code joined}, when none is free.
     */
    Doctor book(InternetHospital hospital, long startedAt, SplittableRandom random, Consumer<Doctor> joined) {
        List<Booking> doctors = byHospital.computeIfAbsent(hospital.id(), id -> new ArrayList<>());
        int free = 0;
        for (Booking booking : doctors) {
            if (booking.until <= startedAt) {
                free++;
            }
        }
        Booking chosen = null;
        if (free == 0) {
            // the hospital id's digits make the id unique among all doctors, roster ones being DR and 6 digits
            String digits = hospital.id().substring(1)
                    + String.format("%03d", (insuranceDoctors ? 501 : 1) + doctors.size());
            chosen = new Booking(new Doctor(-1, "DR" + digits, insuranceDoctors ? "D" + digits : null,
                    FakePersonalData.name(random), String.format("CA%016X", random.nextLong()), List.of(hospital)));
            doctors.add(chosen);
            joined.accept(chosen.doctor);
        } else {
            int ticket = random.nextInt(free);
            for (Booking booking : doctors) {
                if (booking.until <= startedAt && ticket-- == 0) {
                    chosen = booking;
                    break;
                }
            }
        }
        chosen.until = startedAt + Timeline.LONGEST_CONSULTATION;
        return chosen.doctor;
    }
}
