package org.insurwatch.jobs.reference;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.insurwatch.schema.internal.ReferenceVersions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The one place that keeps and looks up reference data: every version of every entity, in broadcast state,
 * so that a rule judges an event by the version valid at the event's time — a doctor suspended from the 10th
 * is not reported for the 9th — and a change takes effect without a restart.
 */
public final class ReferenceState {
    public static final MapStateDescriptor<String, ReferenceVersions> DESCRIPTOR =
            new MapStateDescriptor<>("reference-data", Types.STRING, new AvroTypeInfo<>(ReferenceVersions.class));

    /**
     * How long before the watermark a rule may still look up: a rule asks for the version valid at a time of its
     * event that can precede the event time (a prescription is judged by its doctor's registration at signature,
     * and uploaded later). A version is kept until its successor started this long before the watermark.
     */
    static final Duration LOOK_BACK = Duration.ofDays(366);

    private ReferenceState() {
    }

    /**
     * Adds {@code update}'s version to its entity's history; a version with the same start replaces the one it
     * corrects. Versions no lookup can reach any more, given event time is at {@code watermark}, are dropped; but
     * for the rule settings, whose every version stays, as a job may be told to run on any one of them by name.
     */
    public static void apply(BroadcastState<String, ReferenceVersions> state, ReferenceVersions update, long watermark) throws Exception {
        ReferenceVersions known = state.get(update.getKey());
        List<Object> versions = new ArrayList<>(known == null ? List.of() : known.getVersions());
        for (Object version : update.getVersions()) {
            SpecificRecordBase record = (SpecificRecordBase) version;
            ReferenceKind kind = ReferenceKind.of(record);
            versions.removeIf(v -> kind.validFrom((SpecificRecordBase) v).equals(kind.validFrom(record)));
            versions.add(record);
        }
        versions.sort(Comparator.comparing(ReferenceState::validFrom));
        boolean settings = !versions.isEmpty() && ReferenceKind.of((SpecificRecordBase) versions.get(0)) == ReferenceKind.RULE_SETTINGS;
        if (!settings && watermark > Long.MIN_VALUE + LOOK_BACK.toMillis()) {
            versions = VersionHistory.stillNeeded(versions, v -> validFrom(v).toEpochMilli(), watermark - LOOK_BACK.toMillis());
        }
        state.put(update.getKey(), new ReferenceVersions(update.getKey(), versions));
    }

    private static Instant validFrom(Object version) {
        SpecificRecordBase record = (SpecificRecordBase) version;
        return ReferenceKind.of(record).validFrom(record);
    }

    /** The version of an entity valid at {@code at}: the latest one started by then and not yet ended. */
    public static <R extends SpecificRecordBase> Optional<R> at(ReadOnlyBroadcastState<String, ReferenceVersions> state,
                                                               ReferenceKind kind, String entityId, Instant at) throws Exception {
        ReferenceVersions known = state.get(kind.key(entityId));
        if (known == null) {
            return Optional.empty();
        }
        List<Object> versions = known.getVersions();
        for (int i = versions.size() - 1; i >= 0; i--) {
            SpecificRecordBase version = (SpecificRecordBase) versions.get(i);
            Instant to = kind.validTo(version);
            if (!kind.validFrom(version).isAfter(at)) {
                @SuppressWarnings("unchecked")
                Optional<R> found = (to == null || to.isAfter(at)) ? Optional.of((R) version) : Optional.empty();
                return found;
            }
        }
        return Optional.empty();
    }
}
