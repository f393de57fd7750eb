package org.insurwatch.jobs.replay;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.insurwatch.jobs.JobConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code backtest}: the same range replayed under two configs, and what the change does to the alerts. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Replay one event-time range under a baseline config and a candidate config (e.g. changed thresholds) "
                + "and report, per rule, the alerts the candidate removes, adds and changes. Writes <OUT>/baseline.ndjson, "
                + "<OUT>/candidate.ndjson and <OUT>/changes.ndjson; nothing goes to Kafka or Elasticsearch.")
public final class BacktestCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "baseline YAML config (the rules as they are)")
    Path config;

    @Option(names = "--candidate", required = true, paramLabel = "FILE", description = "candidate YAML config (the rules as proposed)")
    Path candidate;

    @Option(names = "--from", required = true, paramLabel = "ISO", description = "start of the range, inclusive")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ISO", description = "end of the range, exclusive")
    String to;

    @Option(names = "--archive", paramLabel = "DIR", description = "read the archive instead of Kafka (the baseline config's)")
    Path archive;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for the alert files and the changes")
    Path out;

    @Override
    public Integer call() throws Exception {
        JobConfig baselineConfig = JobConfig.load(config);
        JobConfig candidateConfig = JobConfig.load(candidate);
        // both read the same data: the candidate's rules, the baseline's sources
        candidateConfig.kafka = baselineConfig.kafka;
        candidateConfig.eventTime = baselineConfig.eventTime;
        candidateConfig.privacy = baselineConfig.privacy;
        EventTimeRange range = EventTimeRange.parse(from, to);
        Files.createDirectories(out);
        Path a = out.resolve("baseline.ndjson");
        Path b = out.resolve("candidate.ndjson");
        Replay.Summary baseline = new Replay(baselineConfig, range, archive, null, a).run(StreamExecutionEnvironment.getExecutionEnvironment());
        Replay.Summary proposed = new Replay(candidateConfig, range, archive, null, b).run(StreamExecutionEnvironment.getExecutionEnvironment());
        Backtest.Diff diff = Backtest.compare(a, b);
        Backtest.writeChanges(diff, out.resolve("changes.ndjson"));
        System.out.println("backtest " + range + " from " + (archive == null ? "Kafka" : "archive " + archive));
        System.out.println("baseline:  " + baseline.describe());
        System.out.println("candidate: " + proposed.describe());
        System.out.println(diff.table());
        System.out.println(diff.identical() ? "no change" : diff.changes().size() + " changes in " + out.resolve("changes.ndjson"));
        return 0;
    }
}
