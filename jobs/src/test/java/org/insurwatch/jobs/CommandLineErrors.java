package org.insurwatch.jobs;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs a command that must fail on a bad argument, and returns the one line it printed. */
public final class CommandLineErrors {
    private CommandLineErrors() {
    }

    public static String oneLine(Object command, String... args) {
        CommandLine cli = SupervisionJobMain.commandLine(command);
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute(args)).isEqualTo(2);
        String text = err.toString().strip();
        assertThat(text.lines()).hasSize(1);
        return text;
    }

    /** A config file in {@code dir} whose Kafka no command reaches: a bad argument must fail before it tries. */
    public static Path unreachableKafka(Path dir) throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "kafka:\n  bootstrapServers: 127.0.0.1:1\n");
        return config;
    }
}
