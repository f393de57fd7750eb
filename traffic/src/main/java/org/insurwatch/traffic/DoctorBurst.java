package org.insurwatch.traffic;

import java.util.Comparator;
import java.util.List;

/**
 * How a scenario that spans many visit chains lays out the visits of its one doctor: when each consultation
 * runs and its prescription is signed and uploaded, in milliseconds from any origin (the planner moves the
 * earliest start to where the burst begins), and at which of the doctor's internet hospitals. The visits are
 * in the order of the events the alert cites.
 *
 * @param sites how many internet hospitals the doctor practises at, one or two
 * @param template whether every prescription is the same: one disease, the same drugs, boxes and days
 * @param cited the step of every chain the alert cites, null for a burst that must raise none
 */
record DoctorBurst(List<Visit> visits, int sites, boolean template, ChainStep cited) {

    /** One visit of the burst; {@code site} indexes the doctor's internet hospitals. */
    record Visit(long startedAt, long endedAt, long signedAt, long uploadedAt, int site) {
    }

    DoctorBurst {
        visits = List.copyOf(visits);
    }

    /** The visit that starts first, not always the first cited. */
    Visit earliest() {
        return visits.stream().min(Comparator.comparingLong(Visit::startedAt)).orElseThrow();
    }
}
