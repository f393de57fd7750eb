package org.insurwatch.jobs.rules.settings;

import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.reference.ReferenceKind;
import org.insurwatch.jobs.reference.ReferenceState;
import org.insurwatch.schema.control.RuleSettings;
import org.insurwatch.schema.internal.ReferenceVersions;

import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * Which rule settings judge an event, as {@code rules.settingsVersion} chooses: the version in force at the event's
 * time (live, and a replay of the past as it was), none (the config file alone), or one named version throughout.
 */
public final class SettingsSelection implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String KEY = ReferenceKind.RULE_SETTINGS.key(ReferenceKind.RULE_SETTINGS_ID);
    private final SettingsInForce file;
    private final String version;
    /** The last version overlaid, and the result: nearly every event is judged by the same version, so it is made once. */
    private transient RuleSettings lastVersion;
    private transient SettingsInForce lastInForce;

    public SettingsSelection(JobConfig.Rules rules) {
        this.file = SettingsInForce.ofFile(rules);
        this.version = rules.settingsVersion;
    }

    /** Whether {@code update} is a version of the rule settings, rather than other reference data. */
    public static boolean isSettings(ReferenceVersions update) {
        return update.getKey().equals(KEY);
    }

    /** Keeps {@code update} in {@code reference} if it is a version of the rule settings; the registries are other rules' business. */
    public static void keepSettings(BroadcastState<String, ReferenceVersions> reference, ReferenceVersions update, long watermark)
            throws Exception {
        if (isSettings(update)) {
            ReferenceState.apply(reference, update, watermark);
        }
    }

    public SettingsInForce at(ReadOnlyBroadcastState<String, ReferenceVersions> reference, Instant at) throws Exception {
        if (version.equals(JobConfig.Rules.SETTINGS_OF_FILE)) {
            return file;
        }
        if (version.equals(JobConfig.Rules.SETTINGS_BY_TIME)) {
            return ReferenceState.<RuleSettings>at(reference, ReferenceKind.RULE_SETTINGS, ReferenceKind.RULE_SETTINGS_ID, at)
                    .map(this::overlaid).orElse(file);
        }
        return named(reference).map(this::overlaid).orElseThrow(() -> new IllegalStateException(
                "rule settings version " + version + " is not on the control topic (rules.settingsVersion)"));
    }

    private SettingsInForce overlaid(RuleSettings version) {
        if (version != lastVersion) {
            lastInForce = file.overlaidBy(version);
            lastVersion = version;
        }
        return lastInForce;
    }

    private Optional<RuleSettings> named(ReadOnlyBroadcastState<String, ReferenceVersions> reference) throws Exception {
        ReferenceVersions known = reference.get(KEY);
        if (known == null) {
            return Optional.empty();
        }
        return known.getVersions().stream().map(RuleSettings.class::cast).filter(s -> s.getVersion().equals(version)).findFirst();
    }
}
