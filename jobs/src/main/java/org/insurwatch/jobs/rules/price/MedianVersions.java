package org.insurwatch.jobs.rules.price;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;

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

    /**
     * Older versions are dropped: a settlement waits only until the watermark passes it, and the medians newer
     * than it that can arrive meanwhile are the few windows the broadcast runs ahead of the settlements.
     */
    static final int KEPT = 16;

    private MedianVersions() {
    }

    /**
     * {@code known} (null for none) with {@code version} added, in order of validity; a version with the same start
     * replaces the one it repeats, as after a restart.
     */
    static List<MedianVersion> with(List<MedianVersion> known, MedianVersion version) {
        List<MedianVersion> versions = new ArrayList<>(known == null ? List.of() : known);
        versions.removeIf(v -> v.validFrom == version.validFrom);
        versions.add(version);
        versions.sort(Comparator.comparingLong(v -> v.validFrom));
        return versions.size() > KEPT ? new ArrayList<>(versions.subList(versions.size() - KEPT, versions.size())) : versions;
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
