package org.insurwatch.jobs.rules.price;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MedianVersionsTest {

    private static List<MedianVersion> versions(long... validFroms) {
        List<MedianVersion> versions = null;
        for (long validFrom : validFroms) {
            versions = MedianVersions.with(versions, new MedianVersion(validFrom, validFrom * 10, 30 + validFrom));
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
        List<MedianVersion> versions = MedianVersions.with(versions(100, 200), new MedianVersion(200, 1999, 61));
        assertThat(versions).extracting(v -> v.medianFen).containsExactly(1000L, 1999L);
    }

    @Test
    void onlyTheLatestVersionsAreKept() {
        long[] starts = new long[MedianVersions.KEPT + 4];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = 100L * (i + 1);
        }
        List<MedianVersion> versions = versions(starts);
        assertThat(versions).hasSize(MedianVersions.KEPT);
        assertThat(versions.get(0).validFrom).isEqualTo(500L);
        assertThat(medianAt(versions, 450)).isEmpty();
    }
}
