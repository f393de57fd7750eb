package org.insurwatch.jobs.rules.settings;

import org.insurwatch.jobs.CommandLineErrors;
import org.insurwatch.jobs.SupervisionJobMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A version that the job would refuse is refused before it reaches the control topic, in one line. */
class RuleSettingsCommandTest {
    @TempDir
    Path dir;

    private String publishError(String settingsYaml) throws Exception {
        Path settings = dir.resolve("settings.yaml");
        Files.writeString(settings, settingsYaml);
        return CommandLineErrors.oneLine(new SupervisionJobMain(), "rule-settings", "publish",
                "--config", CommandLineErrors.unreachableKafka(dir).toString(), "--settings", settings.toString());
    }

    @Test
    void aBadThresholdAnUnknownRuleAndAnUnknownKey() throws Exception {
        String head = "version: 2026-12-01.1\nvalidFrom: 2026-12-01T00:00:00+08:00\npublishedBy: 省医保局基金监管处\n";
        assertThat(publishError(head + "lateUploadThreshold: -PT5M\n"))
                .isEqualTo("error: version 2026-12-01.1: config key 'rules.traceability.lateUploadThreshold' must be a non-negative "
                        + "ISO-8601 duration such as PT30S");
        assertThat(publishError(head + "disabledRules: [RX-TOO-LONG]\n"))
                .isEqualTo("error: version 2026-12-01.1: no rule is called 'RX-TOO-LONG'");
        assertThat(publishError(head + "maxDaysOfSuply: 20\n")).isEqualTo("error: " + dir.resolve("settings.yaml") + ": unknown key 'maxDaysOfSuply'");
        assertThat(publishError("version: v1\n")).endsWith(": give version, validFrom and publishedBy");
    }
}
