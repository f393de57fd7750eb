package org.insurwatch.traffic;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * How long an offline diagnosis may be followed up online (FU-WINDOW-EXPIRED): three calendar months, counted
 * on China's calendar. A consultation starting exactly three months after the diagnosis is still within.
 */
final class FollowUpWindow {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final int MONTHS = 3;

    private FollowUpWindow() {
    }

    /**
     * The oldest diagnosis a consultation starting at {@code startedAt} may follow up: three months earlier, to
     * the millisecond. On the 29th to 31st, three months earlier may be a shorter month, whose last day's window
     * already closed (the 31 May is past 28 February + 3 months); then the first instant of the day after.
     */
    static long oldestAllowed(long startedAt) {
        ZonedDateTime start = Instant.ofEpochMilli(startedAt).atZone(CHINA);
        ZonedDateTime oldest = start.minusMonths(MONTHS);
        if (oldest.plusMonths(MONTHS).isBefore(start)) {
            oldest = oldest.toLocalDate().plusDays(1).atStartOfDay(CHINA);
        }
        return oldest.toInstant().toEpochMilli();
    }
}
