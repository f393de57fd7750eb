package org.insurwatch.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The visits of the scenarios that span one doctor's many chains (RULES.md §3), each laid out to trigger its
 * bulk rule, or none, and no other. Where a run of prescriptions must not look machine-made, the gaps between
 * uploads alternate between short ones and long ones at least 1.45 times as long, which keeps the coefficient
 * of variation of any nine gaps at 0.17 or more, well above the 0.1 of BULK-MACHINE-CADENCE; and no two patients
 * in a row are alike ({@link BurstPlanner}), so ten in a row never share one template by chance.
 */
final class BurstLayouts {

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;

    private BurstLayouts() {
    }

    /**
     * 21 to 40 prescriptions at one internet hospital within 9 minutes, more than 20 in any 10 minutes from the
     * 21st on: a single BULK-RATE burst citing them all. Uploads 4 to 8 and 16 to 20 s apart in turn, for
     * consultations that overlap at the one site, so neither BULK-MULTI-SITE nor the cadence rule applies.
     */
    static DoctorBurst bulkRate(SplittableRandom random) {
        int count = (int) between(random, 21, 40);
        List<DoctorBurst.Visit> visits = new ArrayList<>(count);
        long uploadedAt = 0;
        for (int i = 0; i < count; i++) {
            visits.add(uploadedAt(uploadedAt, random));
            uploadedAt += alternatingGap(i, 4 * SECOND, 8 * SECOND, 16 * SECOND, 20 * SECOND, random);
        }
        return new DoctorBurst(visits, 1, false, ChainStep.PRESCRIPTION);
    }

    /**
     * 10 to 14 prescriptions at one internet hospital for as many patients, every ten of them within the hour:
     * either uploaded at one constant interval of 2 to 4 minutes, or all of one template uploaded 1 to 2 and 4
     * to 5 minutes apart in turn. Either way every window of ten qualifies, so one BULK-MACHINE-CADENCE burst
     * cites them all; at most 5 in any 10 minutes.
     */
    static DoctorBurst machineCadence(SplittableRandom random) {
        int count = (int) between(random, 10, 14);
        boolean template = random.nextBoolean();
        long interval = between(random, 2 * MINUTE, 4 * MINUTE);
        List<DoctorBurst.Visit> visits = new ArrayList<>(count);
        long uploadedAt = 0;
        for (int i = 0; i < count; i++) {
            visits.add(uploadedAt(uploadedAt, random));
            uploadedAt += template ? alternatingGap(i, MINUTE, 2 * MINUTE, 4 * MINUTE, 5 * MINUTE, random) : interval;
        }
        return new DoctorBurst(visits, 1, template, ChainStep.PRESCRIPTION);
    }

    /**
     * 2 to 4 consultations of 8 to 15 minutes at the doctor's two internet hospitals in turn, each starting 1
     * to 4 minutes after the one before, so before it ends: one overlapping cluster, one BULK-MULTI-SITE alert
     * citing every consultation. Too few prescriptions for the other bulk rules.
     */
    static DoctorBurst multiSite(SplittableRandom random) {
        int count = (int) between(random, 2, 4);
        List<DoctorBurst.Visit> visits = new ArrayList<>(count);
        long startedAt = 0;
        for (int i = 0; i < count; i++) {
            long endedAt = startedAt + between(random, 8 * MINUTE, Timeline.LONGEST_CONSULTATION);
            long signedAt = between(random, startedAt + MINUTE, endedAt - 10 * SECOND);
            visits.add(new DoctorBurst.Visit(startedAt, endedAt, signedAt,
                    signedAt + between(random, 5 * SECOND, MINUTE), i % 2));
            startedAt += between(random, MINUTE, 4 * MINUTE);
        }
        return new DoctorBurst(visits, 2, false, ChainStep.CONSULTATION);
    }

    /**
     * A busy human doctor: 25 to 40 consultations back to back, over four to seven hours, at two internet
     * hospitals in stays of 1 to 4 consultations. Each starts when the one before ended or up to a minute later,
     * never before it ended; they last 5 to 6 and 12 to 15 minutes in turn, and the doctor signs at the end, so
     * uploads come at irregular gaps. No bulk rule may alert.
     */
    static DoctorBurst busyHumanDoctor(SplittableRandom random) {
        int count = (int) between(random, 25, 40);
        List<DoctorBurst.Visit> visits = new ArrayList<>(count);
        long startedAt = 0;
        int site = 0;
        long stay = between(random, 1, 4);
        for (int i = 0; i < count; i++) {
            long endedAt = startedAt + (i % 2 == 0 ? between(random, 5 * MINUTE, 6 * MINUTE)
                    : between(random, 12 * MINUTE, Timeline.LONGEST_CONSULTATION));
            long signedAt = endedAt - between(random, 10 * SECOND, 30 * SECOND);
            visits.add(new DoctorBurst.Visit(startedAt, endedAt, signedAt,
                    signedAt + between(random, 5 * SECOND, 30 * SECOND), site));
            if (--stay == 0) {
                site = 1 - site;
                stay = between(random, 1, 4);
            }
            startedAt = endedAt + between(random, 0, MINUTE);
        }
        return new DoctorBurst(visits, 2, false, null);
    }

    /** A visit whose prescription is uploaded at {@code uploadedAt}, signed 1 to 4 minutes into it. */
    private static DoctorBurst.Visit uploadedAt(long uploadedAt, SplittableRandom random) {
        long signedAt = uploadedAt - between(random, 5 * SECOND, MINUTE);
        long startedAt = signedAt - between(random, MINUTE, 4 * MINUTE);
        return new DoctorBurst.Visit(startedAt, startedAt + between(random, 5 * MINUTE, Timeline.LONGEST_CONSULTATION),
                signedAt, uploadedAt, 0);
    }

    /** A short gap after the even visits, a long one after the odd ones. */
    private static long alternatingGap(int index, long shortFrom, long shortTo, long longFrom, long longTo,
                                       SplittableRandom random) {
        return index % 2 == 0 ? between(random, shortFrom, shortTo) : between(random, longFrom, longTo);
    }

    private static long between(SplittableRandom random, long from, long to) {
        return random.nextLong(from, to + 1);
    }
}
