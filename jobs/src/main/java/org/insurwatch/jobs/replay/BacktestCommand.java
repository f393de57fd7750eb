package org.insurwatch.jobs.replay;

import org.insurwatch.jobs.JobConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code backtest}: the same range replayed under two configs, and what the change does to the alerts. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Replay one event-time range under a baseline config and a candidate config (e.g. changed thresholds) "
                + "and report, per rule, the alerts the candidate removes, adds and changes, and their fund at risk. Writes "
                + "<OUT>/baseline.ndjson, candidate.ndjson, changes.ndjson, backtest-summary.csv, backtest-changes.csv and "
                + "backtest-report.html; nothing goes to Kafka or Elasticsearch.")
public final class BacktestCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "baseline YAML config (the rules as they are)")
    Path config;

    @Option(names = "--candidate", required = true, paramLabel = "FILE", description = "candidate YAML config (the rules as proposed)")
    Path candidate;

    @Mixin
    RangeOptions range;

    @Option(names = "--archive", paramLabel = "DIR", description = "read the archive instead of Kafka (the baseline config's)")
    Path archive;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for the alert files, the changes and the report")
    Path out;

    @Override
    public Integer call() throws Exception {
        JobConfig baselineConfig = JobConfig.load(config);
        JobConfig candidateConfig = JobConfig.load(candidate);
        // both read the same data: the candidate's rules, the baseline's sources
        candidateConfig.kafka = baselineConfig.kafka;
        candidateConfig.eventTime = baselineConfig.eventTime;
        candidateConfig.privacy = baselineConfig.privacy;
        ReplayRange span = range.parse();
        Replay baselineReplay = new Replay(baselineConfig, span, archive, null, out.resolve("baseline.ndjson"));
        Replay candidateReplay = new Replay(candidateConfig, span, archive, null, out.resolve("candidate.ndjson"));
        Files.createDirectories(out);
        Replay.Summary baseline = baselineReplay.run();
        Replay.Summary proposed = candidateReplay.run();
        Backtest.Diff diff = Backtest.compare(out.resolve("baseline.ndjson"), out.resolve("candidate.ndjson"));

        String source = archive == null ? "Kafka" : "archive " + archive;
        List<String> about = List.of("event time " + span + ", read from " + source,
                "baseline " + config + ": " + baseline.describe(),
                "candidate " + candidate + ": " + proposed.describe());
        Path changes = out.resolve("changes.ndjson");
        Path summaryCsv = out.resolve("backtest-summary.csv");
        Path changesCsv = out.resolve("backtest-changes.csv");
        Path report = out.resolve("backtest-report.html");
        Backtest.writeChanges(diff, changes);
        BacktestCsv.writeSummary(diff, summaryCsv);
        BacktestCsv.writeChanges(diff, changesCsv);
        BacktestHtml.write(diff, "Back-test of " + candidate.getFileName() + " against " + config.getFileName(), about, report);

        System.out.println("backtest " + span + " from " + source);
        System.out.println("baseline:  " + baseline.describe());
        System.out.println("candidate: " + proposed.describe());
        System.out.println(diff.table());
        System.out.println((diff.identical() ? "no change" : diff.changes().size() + " changes") + "; written:");
        for (Path file : List.of(changes, summaryCsv, changesCsv, report)) {
            System.out.println("  " + file);
        }
        return 0;
    }
}
