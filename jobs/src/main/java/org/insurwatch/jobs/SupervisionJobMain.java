package org.insurwatch.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.insurwatch.jobs.alerts.webhook.WebhookResendCommand;
import org.insurwatch.jobs.replay.ArchiveCommand;
import org.insurwatch.jobs.replay.BacktestCommand;
import org.insurwatch.jobs.replay.ReplayCommand;
import org.insurwatch.jobs.rules.settings.RuleSettingsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The job jar's entry point, for {@code flink run} and Flink application mode: {@code run --config FILE};
 * {@code webhooks-resend --config FILE}, which re-delivers the alerts webhook endpoints did not take; {@code replay}, the
 * rules over a past event-time range from Kafka or an archive; {@code archive}, which writes that archive;
 * {@code backtest}, which replays a range under two configs and reports what the change does to the alerts; and
 * {@code rule-settings}, which lists and publishes the versions of the live rule settings.
 */
@Command(name = "insurwatch-job", mixinStandardHelpOptions = true,
        description = "Real-time supervision of Internet+ medical insurance payment.",
        subcommands = {SupervisionJobMain.Run.class, WebhookResendCommand.class, ReplayCommand.class, ArchiveCommand.class,
                BacktestCommand.class, RuleSettingsCommand.class})
public final class SupervisionJobMain {

    public static void main(String[] args) {
        int exit = commandLine(new SupervisionJobMain()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** A command line whose bad values end in one line that says what to fix, not a stack trace. */
    public static CommandLine commandLine(Object command) {
        return new CommandLine(command).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof InvalidConfigException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run the supervision job against the Kafka and Elasticsearch named in the config file.")
    public static final class Run implements Callable<Integer> {
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "YAML config file (see README)")
        Path config;

        @Override
        public Integer call() throws Exception {
            JobConfig jobConfig = JobConfig.load(config);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            SupervisionJob.onKafka(jobConfig).build(env);
            env.execute("insurwatch-supervision");
            return 0;
        }
    }
}
