package org.insurwatch.jobs.replay;

import org.insurwatch.jobs.InvalidConfigException;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * What a replay reads and what it reports: the events of [from − warmUp, to) go through the rules, only the alerts
 * of [from, to) come out. The warm-up rebuilds the state that chains cut by {@code from} need (a settlement in the
 * range finds its prescription of the day before), so the range raises no edge alerts at its start. It cannot help
 * at the end, where a step waits in vain for what comes after {@code to}.
 */
public record ReplayRange(EventTimeRange range, Duration warmUp) implements Serializable {
    public static final Duration NO_WARM_UP = Duration.ZERO;

    public ReplayRange {
        if (warmUp.isNegative()) {
            throw new InvalidConfigException("--warm-up " + warmUp + " is negative; give a duration such as PT72H, or PT0S for none");
        }
    }

    /** Parses --warm-up: an ISO-8601 duration such as PT72H or P7D. */
    public static Duration parseWarmUp(String value) {
        try {
            return Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidConfigException("--warm-up '" + value + "' is not an ISO-8601 duration such as PT72H or P7D (PT0S for none)");
        }
    }

    /** The events a replay reads: the range and its warm-up before it. */
    public EventTimeRange read() {
        return warmUp.isZero() ? range : new EventTimeRange(range.fromMillis() - warmUp.toMillis(), range.toMillis());
    }

    /** An event read only to build state: its alerts are the previous range's. */
    public boolean inWarmUp(long eventTimeMillis) {
        return eventTimeMillis < range.fromMillis();
    }

    /** A day read for the warm-up alone, none of whose events belong to the range. */
    public boolean isWarmUpDay(LocalDate day) {
        return day.isBefore(EventTimeRange.dayOf(range.fromMillis()));
    }

    /**
     * Refuses a range that reaches past {@code now}: its events are not all written yet, so the replay would report
     * less than the same command run later, with no sign of it.
     */
    public void requirePast(Instant now) {
        if (range.toMillis() > now.toEpochMilli()) {
            String option = range.fromMillis() > now.toEpochMilli() ? "--from " + Instant.ofEpochMilli(range.fromMillis())
                    : "--to " + Instant.ofEpochMilli(range.toMillis());
            throw new InvalidConfigException(option + " is in the future (now is " + now
                    + "); a replay covers past event time only: end the range no later than now");
        }
    }

    @Override
    public String toString() {
        return range + (warmUp.isZero() ? "" : " after a warm-up of " + warmUp);
    }
}
