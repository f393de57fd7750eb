package org.insurwatch.sandbox;

import org.insurwatch.jobs.SupervisionJobMain;
import org.insurwatch.jobs.alerts.webhook.WebhookResendCommand;
import org.insurwatch.jobs.replay.ArchiveCommand;
import org.insurwatch.jobs.replay.BacktestCommand;
import org.insurwatch.jobs.replay.ReplayCommand;
import org.insurwatch.traffic.GenerateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The local tools: {@code demo} (everything embedded), {@code run} (the job on a local Flink against external Kafka and
 * Elasticsearch), {@code generate} (traffic only), {@code webhooks-resend} (re-delivers webhook dead letters),
 * {@code replay} (the rules over a past event-time range), {@code archive} (the topics into Avro day files) and
 * {@code backtest} (a range replayed under two configs, compared).
 */
@Command(name = "insurwatch", mixinStandardHelpOptions = true,
        description = "Real-time supervision of Internet+ medical insurance payment: local tools.",
        subcommands = {DemoCommand.class, SupervisionJobMain.Run.class, GenerateCommand.class, WebhookResendCommand.class,
                ReplayCommand.class, ArchiveCommand.class, BacktestCommand.class})
public final class SandboxMain {

    public static void main(String[] args) {
        System.exit(SupervisionJobMain.commandLine(new SandboxMain()).execute(args));
    }
}
