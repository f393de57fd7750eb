package org.insurwatch.jobs.replay;

import org.insurwatch.jobs.InvalidConfigException;
import org.insurwatch.jobs.JobConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code replay}: the supervision job over a past event-time range, from Kafka or an archive, bounded. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-run the supervision rules over a past event-time range [from, to), from Kafka (default) or an "
                + "archive, writing the range's alerts to an Elasticsearch index and/or an NDJSON file (never to Kafka).")
public final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "YAML config file (see README)")
    Path config;

    @Mixin
    RangeOptions range;

    @Option(names = "--archive", paramLabel = "DIR", description = "read the archive written by 'archive' instead of Kafka")
    Path archive;

    @Option(names = "--alerts-index", paramLabel = "NAME",
            description = "Elasticsearch alert index to write (monthly <NAME>-yyyy.MM); must differ from the config's other indices")
    String alertsIndex;

    @Option(names = "--ndjson", paramLabel = "FILE", description = "also write the alerts as NDJSON, sorted by alert id")
    Path ndjson;

    @Option(names = "--parallelism", paramLabel = "N", description = "overrides the config's parallelism")
    Integer parallelism;

    @Option(names = "--settings-version", paramLabel = "NAME",
            description = "judge the whole range by this rule settings version, or by none (the config file's rules alone); "
                    + "by default each event is judged by the version in force at its time, as the live job did")
    String settingsVersion;

    @Override
    public Integer call() throws Exception {
        JobConfig jobConfig = JobConfig.load(config);
        if (parallelism != null) {
            if (parallelism < 1) {
                throw new InvalidConfigException("--parallelism must be at least 1");
            }
            jobConfig.parallelism = parallelism;
        }
        if (settingsVersion != null) {
            jobConfig.rules.settingsVersion = settingsVersion;
            jobConfig.validate();
        }
        ReplayRange span = range.parse();
        Replay replay = new Replay(jobConfig, span, archive, alertsIndex, ndjson);
        Replay.Summary summary = replay.run();
        System.out.println("replay " + span + " from " + (archive == null ? "Kafka" : "archive " + archive) + ": " + summary.describe());
        return 0;
    }
}
