package org.insurwatch.jobs.replay;

import org.insurwatch.jobs.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayRangeTest {
    private static final EventTimeRange MARCH_2 = EventTimeRange.parse("2026-03-02T06:00:00Z", "2026-03-03T00:00:00Z");

    @Test
    void readsTheWarmUpBeforeTheRangeAndTellsItsEventsApart() {
        ReplayRange span = new ReplayRange(MARCH_2, ReplayRange.parseWarmUp("PT72H"));
        assertThat(span.read()).isEqualTo(EventTimeRange.parse("2026-02-27T06:00:00Z", "2026-03-03T00:00:00Z"));
        assertThat(span.inWarmUp(Instant.parse("2026-03-02T05:59:59.999Z").toEpochMilli())).isTrue();
        assertThat(span.inWarmUp(Instant.parse("2026-03-02T06:00:00Z").toEpochMilli())).isFalse();
        assertThat(span.isWarmUpDay(LocalDate.parse("2026-03-01"))).isTrue();
        assertThat(span.isWarmUpDay(LocalDate.parse("2026-03-02"))).isFalse();
        assertThat(span).hasToString("[2026-03-02T06:00:00Z, 2026-03-03T00:00:00Z) after a warm-up of PT72H");
        assertThat(new ReplayRange(MARCH_2, ReplayRange.parseWarmUp("PT0S")).read()).isEqualTo(MARCH_2);
        assertThat(ReplayRange.parseWarmUp("P7D")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void refusesAWarmUpThatIsNoDurationOrNegativeInOneLine() {
        assertThatThrownBy(() -> ReplayRange.parseWarmUp("3 days")).isInstanceOf(InvalidConfigException.class)
                .hasMessage("--warm-up '3 days' is not an ISO-8601 duration such as PT72H or P7D (PT0S for none)");
        assertThatThrownBy(() -> new ReplayRange(MARCH_2, ReplayRange.parseWarmUp("-PT1H"))).isInstanceOf(InvalidConfigException.class)
                .hasMessage("--warm-up PT-1H is negative; give a duration such as PT72H, or PT0S for none");
    }

    @Test
    void refusesARangeReachingIntoTheFutureNamingTheEndToMove() {
        ReplayRange span = new ReplayRange(MARCH_2, Duration.ZERO);
        assertThatCode(() -> span.requirePast(Instant.parse("2026-03-03T00:00:00Z"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> span.requirePast(Instant.parse("2026-03-02T23:59:59Z"))).isInstanceOf(InvalidConfigException.class)
                .hasMessage("--to 2026-03-03T00:00:00Z is in the future (now is 2026-03-02T23:59:59Z); a replay covers past event "
                        + "time only: end the range no later than now");
        assertThatThrownBy(() -> span.requirePast(Instant.parse("2026-03-02T00:00:00Z")))
                .hasMessageStartingWith("--from 2026-03-02T06:00:00Z is in the future");
    }
}
