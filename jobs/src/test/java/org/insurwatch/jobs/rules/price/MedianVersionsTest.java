package org.insurwatch.jobs.rules.price;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MedianVersionsTest {

    private static List<MedianVersion> versions(long... validFroms) {
        List<MedianVersion> versions = null;
        for (long validFrom : validFroms) {
            versions = MedianVersions.with(versions, new MedianVersion(validFrom, validFrom * 10, 30 + validFrom), Long.MIN_VALUE);
        }
        return versions;
    }

    private static Optional<Long> medianAt(List<MedianVersion> versions, long time) {
        return MedianVersions.at(versions, time).map(v -> v.medianFen);
    }

    @Test
    void theVersionValidAtATimeIsTheLatestStartedByThen() {
        List<MedianVersion> versions = versions(100, 200, 300);
        assertThat(medianAt(versions, 199)).contains(1000L);
        assertThat(medianAt(versions, 200)).contains(2000L);
        assertThat(medianAt(versions, 250)).contains(2000L);
        assertThat(medianAt(versions, 5000)).contains(3000L);
    }

    @Test
    void nothingIsValidBeforeTheFirstVersionOrForADrugWithoutOne() {
        assertThat(medianAt(versions(100, 200), 99)).isEmpty();
        assertThat(medianAt(null, 99)).isEmpty();
    }

    @Test
    void versionsArrivingOutOfOrderAreKeptInOrderOfValidity() {
        List<MedianVersion> versions = versions(300, 100, 200);
        assertThat(versions).extracting(v -> v.validFrom).containsExactly(100L, 200L, 300L);
        assertThat(medianAt(versions, 250)).contains(2000L);
    }

    @Test
    void aVersionEmittedAgainAfterARestartReplacesTheOneItRepeats() {
        List<MedianVersion> versions = MedianVersions.with(versions(100, 200), new MedianVersion(200, 1999, 61), Long.MIN_VALUE);
        assertThat(versions).extracting(v -> v.medianFen).containsExactly(1000L, 1999L);
    }

    @Test
    void aVersionIsKeptUntilItsSuccessorIsValidByTheWatermarkHoweverManyCameMeanwhile() {
        List<MedianVersion> versions = versions(100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300,
                1400, 1500, 1600, 1700, 1800, 1900, 2000);
        assertThat(versions).as("the watermark has not passed them: a settlement at 150 may still come").hasSize(20);
        assertThat(medianAt(versions, 150)).isPresent();

        List<MedianVersion> pruned = MedianVersions.with(versions, new MedianVersion(2100, 21_000, 2_130), 450);
        assertThat(pruned.get(0).validFrom).as("valid at 450 and after").isEqualTo(400L);
        assertThat(medianAt(pruned, 450)).isPresent();
    }
}
