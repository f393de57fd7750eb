package org.insurwatch.jobs.replay;

import org.insurwatch.jobs.InvalidConfigException;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A half-open event-time range [from, to) in epoch milliseconds, as replay and the archive read it. Days are UTC
 * days: the archive keeps one file per stream and UTC day of event time.
 */
public record EventTimeRange(long fromMillis, long toMillis) implements Serializable {
    /** Everything: for an archive written without --from/--to. */
    public static final EventTimeRange ALL = new EventTimeRange(Long.MIN_VALUE + 1, Long.MAX_VALUE);

    public EventTimeRange {
        if (fromMillis >= toMillis) {
            throw new InvalidConfigException("empty range: --from " + Instant.ofEpochMilli(fromMillis)
                    + " is not before --to " + Instant.ofEpochMilli(toMillis));
        }
    }

    /** Parses --from and --to (ISO-8601 instants, offset date-times, or dates meaning their UTC midnight). */
    public static EventTimeRange parse(String from, String to) {
        return new EventTimeRange(instant("--from", from).toEpochMilli(), instant("--to", to).toEpochMilli());
    }

    /** Like {@link #parse} but both ends optional; both absent means {@link #ALL}. */
    public static EventTimeRange parseOptional(String from, String to) {
        if (from == null && to == null) {
            return ALL;
        }
        long f = from == null ? ALL.fromMillis : instant("--from", from).toEpochMilli();
        long t = to == null ? ALL.toMillis : instant("--to", to).toEpochMilli();
        return new EventTimeRange(f, t);
    }

    static Instant instant(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException(option + " is missing; give an ISO-8601 instant such as 2026-03-01T00:00:00Z");
        }
        String v = value.strip();
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new InvalidConfigException(option + " '" + value
                            + "' is not an ISO-8601 instant such as 2026-03-01T00:00:00Z (or a date 2026-03-01)");
                }
            }
        }
    }

    public boolean contains(long eventTimeMillis) {
        return eventTimeMillis >= fromMillis && eventTimeMillis < toMillis;
    }

    public boolean isAll() {
        return fromMillis == ALL.fromMillis && toMillis == ALL.toMillis;
    }

    /** The UTC day of an event time. */
    public static LocalDate dayOf(long eventTimeMillis) {
        return Instant.ofEpochMilli(eventTimeMillis).atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** The UTC days this range touches, in order; only for a bounded range. */
    public List<LocalDate> days() {
        if (isAll() || fromMillis == ALL.fromMillis || toMillis == ALL.toMillis) {
            throw new IllegalStateException("an open range has no list of days");
        }
        List<LocalDate> days = new ArrayList<>();
        LocalDate last = dayOf(toMillis - 1);
        for (LocalDate d = dayOf(fromMillis); !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    @Override
    public String toString() {
        return "[" + (fromMillis == ALL.fromMillis ? "-∞" : Instant.ofEpochMilli(fromMillis).toString()) + ", "
                + (toMillis == ALL.toMillis ? "+∞" : Instant.ofEpochMilli(toMillis).toString()) + ")";
    }
}
