package org.insurwatch.jobs.rules.settings;

import org.insurwatch.jobs.SupervisionJobMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A version that the job would refuse is refused before it reaches the control topic, in one line. */
class RuleSettingsCommandTest {
    @TempDir
    Path dir;

    private String publishError(String settingsYaml) throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "kafka:\n  bootstrapServers: 127.0.0.1:1\n");
        Path settings = dir.resolve("settings.yaml");
        Files.writeString(settings, settingsYaml);
        CommandLine cli = SupervisionJobMain.commandLine(new SupervisionJobMain());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("rule-settings", "publish", "--config", config.toString(), "--settings", settings.toString());
        assertThat(exit).isEqualTo(2);
        String text = err.toString().strip();
        assertThat(text.lines()).hasSize(1);
        return text;
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
