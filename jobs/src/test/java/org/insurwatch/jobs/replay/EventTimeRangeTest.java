package org.insurwatch.jobs.replay;

import org.insurwatch.jobs.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTimeRangeTest {

    @Test
    void isHalfOpen() {
        EventTimeRange range = EventTimeRange.parse("2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");
        assertThat(range.contains(Instant.parse("2026-03-01T00:00:00Z").toEpochMilli())).isTrue();
        assertThat(range.contains(Instant.parse("2026-03-01T23:59:59.999Z").toEpochMilli())).isTrue();
        assertThat(range.contains(Instant.parse("2026-03-02T00:00:00Z").toEpochMilli())).isFalse();
        assertThat(range.contains(Instant.parse("2026-02-28T23:59:59.999Z").toEpochMilli())).isFalse();
    }

    @Test
    void acceptsOffsetsAndPlainDates() {
        EventTimeRange range = EventTimeRange.parse("2026-03-01T08:00:00+08:00", "2026-03-02");
        assertThat(range.fromMillis()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());
        assertThat(range.toMillis()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z").toEpochMilli());
    }

    @Test
    void touchesTheUtcDaysItOverlapsOnly() {
        assertThat(EventTimeRange.parse("2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z").days())
                .containsExactly(LocalDate.parse("2026-03-01"));
        assertThat(EventTimeRange.parse("2026-03-01T23:00:00Z", "2026-03-03T00:00:01Z").days())
                .containsExactly(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-03"));
        assertThat(EventTimeRange.parse("2026-02-28T12:00:00Z", "2026-03-01T12:00:00Z").days())
                .containsExactly(LocalDate.parse("2026-02-28"), LocalDate.parse("2026-03-01"));
    }

    @Test
    void refusesEmptyAndUnparsableRangesInOneLine() {
        assertThatThrownBy(() -> EventTimeRange.parse("2026-03-02T00:00:00Z", "2026-03-01T00:00:00Z"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("empty range").hasMessageContaining("is not before");
        assertThatThrownBy(() -> EventTimeRange.parse("2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("empty range");
        assertThatThrownBy(() -> EventTimeRange.parse("yesterday", "2026-03-01T00:00:00Z"))
                .isInstanceOf(InvalidConfigException.class).hasMessage("--from 'yesterday' is not an ISO-8601 instant such as "
                        + "2026-03-01T00:00:00Z (or a date 2026-03-01)");
        assertThatThrownBy(() -> EventTimeRange.parse("2026-03-01T00:00:00Z", "2026-13-01"))
                .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("--to '2026-13-01'");
    }

    @Test
    void theArchiverWidensToWholeDays() {
        EventTimeRange wide = Archiver.wholeDays(EventTimeRange.parse("2026-03-01T10:00:00Z", "2026-03-02T00:00:00.001Z"));
        assertThat(wide).isEqualTo(EventTimeRange.parse("2026-03-01", "2026-03-03"));
        assertThat(Archiver.wholeDays(EventTimeRange.ALL)).isEqualTo(EventTimeRange.ALL);
    }
}
