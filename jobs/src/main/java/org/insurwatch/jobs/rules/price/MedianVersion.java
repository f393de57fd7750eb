package org.insurwatch.jobs.rules.price;

import java.time.Instant;

/** The median unit price of a drug in a province as it stood from {@code validFrom} on. A Flink POJO. */
public class MedianVersion {
    /** Epoch millis: the end of the refresh window whose sales it takes in last, so no sale at or after it is in it. */
    public long validFrom;
    public long medianFen;
    /** How many drug lines the median rests on. */
    public long samples;

    public MedianVersion() {
    }

    MedianVersion(long validFrom, long medianFen, long samples) {
        this.validFrom = validFrom;
        this.medianFen = medianFen;
        this.samples = samples;
    }

    @Override
    public String toString() {
        return medianFen + " fen over " + samples + " samples from " + Instant.ofEpochMilli(validFrom);
    }
}
