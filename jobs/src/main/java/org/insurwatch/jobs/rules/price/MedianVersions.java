package org.insurwatch.jobs.rules.price;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.insurwatch.jobs.reference.VersionHistory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The recent median versions of each drug in each province, in broadcast state, so that a settlement is judged
 * by the median valid at its time, never one that already holds its own price or later sales.
 */
final class MedianVersions {
    static final MapStateDescriptor<String, List<MedianVersion>> DESCRIPTOR =
            new MapStateDescriptor<>("province-drug-medians", Types.STRING, new ListTypeInfo<>(MedianVersion.class));

    private MedianVersions() {
    }

    /**
     * {@code known} (null for none) with {@code version} added, in order of validity; a version with the same start
     * replaces the one it repeats, as after a restart. A version whose successor is valid by {@code watermark} is
     * dropped: every settlement still to be judged lies after the watermark, so after that successor's start. How
     * far the medians run ahead of the settlements decides how many versions are kept, not a fixed number, so the
     * verdicts are the same whatever the two streams' relative speed.
     */
    static List<MedianVersion> with(List<MedianVersion> known, MedianVersion version, long watermark) {
        List<MedianVersion> versions = new ArrayList<>(known == null ? List.of() : known);
        versions.removeIf(v -> v.validFrom == version.validFrom);
        versions.add(version);
        versions.sort(Comparator.comparingLong(v -> v.validFrom));
        return VersionHistory.stillNeeded(versions, v -> v.validFrom, watermark);
    }

    /** The version valid at {@code time} (epoch millis): the latest one started by then. */
    static Optional<MedianVersion> at(List<MedianVersion> versions, long time) {
        if (versions != null) {
            for (int i = versions.size() - 1; i >= 0; i--) {
                if (versions.get(i).validFrom <= time) {
                    return Optional.of(versions.get(i));
                }
            }
        }
        return Optional.empty();
    }
}
