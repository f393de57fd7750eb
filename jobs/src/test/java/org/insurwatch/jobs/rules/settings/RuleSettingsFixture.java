package org.insurwatch.jobs.rules.settings;

import org.insurwatch.jobs.reference.ReferenceKind;
import org.insurwatch.schema.control.RuleSettings;
import org.insurwatch.schema.internal.ReferenceVersions;

import java.time.Instant;
import java.util.List;

/** Versions of the rule settings as the control topic carries them, and as the broadcast hands them on. */
public final class RuleSettingsFixture {
    private RuleSettingsFixture() {
    }

    public static RuleSettings.Builder version(String version, Instant validFrom) {
        return RuleSettings.newBuilder().setVersion(version).setValidFrom(validFrom).setPublishedBy("省医保局基金监管处")
                .setReason("test");
    }

    public static ReferenceVersions broadcast(RuleSettings settings) {
        return new ReferenceVersions(ReferenceKind.RULE_SETTINGS.key(ReferenceKind.RULE_SETTINGS_ID), List.of(settings));
    }
}
