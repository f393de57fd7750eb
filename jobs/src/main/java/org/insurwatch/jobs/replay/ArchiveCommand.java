package org.insurwatch.jobs.replay;

import org.insurwatch.jobs.JobConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code archive}: the live topics and reference data into Avro day files, for replays without Kafka. */
@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "Write the live topics (up to their latest offsets) into <DIR>/<stream>/<yyyy-MM-dd>.avro by UTC day of "
                + "event time, and the reference topics into <DIR>/reference/<kind>.avro. --from/--to are widened to whole days.")
public final class ArchiveCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "YAML config file (see README)")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "archive directory")
    Path out;

    @Option(names = "--from", paramLabel = "ISO", description = "first event time to archive (widened to its day)")
    String from;

    @Option(names = "--to", paramLabel = "ISO", description = "event time to archive up to, exclusive (widened to its day)")
    String to;

    @Override
    public Integer call() throws Exception {
        JobConfig jobConfig = JobConfig.load(config);
        EventTimeRange range = EventTimeRange.parseOptional(from, to);
        long started = System.nanoTime();
        Archiver.Summary summary = new Archiver(jobConfig, out, range).run();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("archived %,d events %s into %s (%d days%s) | reference %s | not archived: %,d undecodable or without "
                        + "event time, %,d outside the range | %.1f s, %,.0f events/s%n",
                summary.archived(), summary.archivedByStream(), out, summary.days().size(),
                summary.days().isEmpty() ? "" : ", " + summary.days().get(0) + " to " + summary.days().get(summary.days().size() - 1),
                summary.referenceByKind(), summary.skipped(), summary.outsideRange(), seconds, summary.archived() / Math.max(seconds, 1e-9));
        return 0;
    }
}
