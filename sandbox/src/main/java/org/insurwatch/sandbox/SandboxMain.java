package org.insurwatch.sandbox;

import org.insurwatch.jobs.SupervisionJobMain;
import org.insurwatch.traffic.GenerateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The local tools: {@code demo} (everything embedded), {@code run} (the job on a local Flink against external Kafka and Elasticsearch), {@code generate} (traffic only). */
@Command(name = "insurwatch", mixinStandardHelpOptions = true,
        description = "Real-time supervision of Internet+ medical insurance payment: local tools.",
        subcommands = {DemoCommand.class, SupervisionJobMain.Run.class, GenerateCommand.class})
public final class SandboxMain {

    public static void main(String[] args) {
        System.exit(SupervisionJobMain.commandLine(new SandboxMain()).execute(args));
    }
}
