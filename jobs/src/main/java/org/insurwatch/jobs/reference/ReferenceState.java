package org.insurwatch.jobs.reference;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.insurwatch.schema.internal.ReferenceVersions;

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

    /** Older versions beyond this many are dropped: events that old are replayed with the reference data of their time. */
    static final int MAX_VERSIONS = 32;

    private ReferenceState() {
    }

    /** Adds {@code update}'s version to its entity's history; a version with the same start replaces the one it corrects. */
    public static void apply(BroadcastState<String, ReferenceVersions> state, ReferenceVersions update) throws Exception {
        ReferenceVersions known = state.get(update.getKey());
        List<Object> versions = new ArrayList<>(known == null ? List.of() : known.getVersions());
        for (Object version : update.getVersions()) {
            SpecificRecordBase record = (SpecificRecordBase) version;
            ReferenceKind kind = ReferenceKind.of(record);
            versions.removeIf(v -> kind.validFrom((SpecificRecordBase) v).equals(kind.validFrom(record)));
            versions.add(record);
        }
        versions.sort(Comparator.comparing(v -> ReferenceKind.of((SpecificRecordBase) v).validFrom((SpecificRecordBase) v)));
        if (versions.size() > MAX_VERSIONS) {
            versions = new ArrayList<>(versions.subList(versions.size() - MAX_VERSIONS, versions.size()));
        }
        state.put(update.getKey(), new ReferenceVersions(update.getKey(), versions));
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
