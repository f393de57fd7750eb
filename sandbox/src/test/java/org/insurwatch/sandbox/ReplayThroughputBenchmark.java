package org.insurwatch.sandbox;

import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.replay.Archiver;
import org.insurwatch.jobs.replay.EventTimeRange;
import org.insurwatch.jobs.replay.Replay;
import org.insurwatch.traffic.TrafficOptions;
import org.insurwatch.traffic.WorldSizes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay throughput on a national-scale day: one simulated day of generated traffic (10 million live events by
 * default, {@code -Dbenchmark.events=N}) on the embedded Kafka broker, archived to day files, then replayed from
 * the archive and from Kafka with keyed state in RocksDB ({@code -Dbenchmark.stateBackend=hashmap} for the heap);
 * prints events/s of each and checks both replays raised the identical alert set.
 * A figure, not a test: {@code mvn -pl sandbox test -Dtest=ReplayThroughputBenchmark -Dsurefire.excludedGroups=none}.
 */
@Tag("benchmark")
class ReplayThroughputBenchmark {
    private static final long EVENTS = Long.getLong("benchmark.events", 10_000_000);
    /** Live events per visit chain, about, with 5 % violations. */
    private static final double EVENTS_PER_CHAIN = 4.3;
    private static final int PARALLELISM = Integer.getInteger("benchmark.parallelism", 2);
    /** RocksDB by default: at 10 million events the day's keyed state outgrew a 6 GB heap. */
    private static final JobConfig.StateBackend STATE_BACKEND = Objects.requireNonNull(
            JobConfig.StateBackend.of(System.getProperty("benchmark.stateBackend", "rocksdb")),
            "-Dbenchmark.stateBackend must be hashmap or rocksdb");

    @TempDir
    Path work;

    @Test
    void aDayOfTrafficReplayedFromTheArchiveAndFromKafka() throws Exception {
        JobConfig config = TestStack.isolatedConfig("bench");
        // as a deployment would: the test stack's 5 s suit small runs, but every checkpoint of the heap backend copies
        // the whole state, gigabytes by the end of a day
        config.checkpoint.interval = Duration.ofMinutes(2);
        long chains = (long) (EVENTS / EVENTS_PER_CHAIN);
        Duration day = Duration.ofDays(1);
        TrafficOptions options = TrafficOptions.defaults().withSeed(5).withSimulatedGap(Duration.ofMillis(Math.max(1, day.toMillis() / chains)));
        // a consultation every ~20 ms: twice the doctors that many 15-minute bookings keep busy at once, and a
        // person for each chain of the day
        long booking = Duration.ofMinutes(15).toMillis();
        WorldSizes sizes = new WorldSizes(400, 300, 1_400, (int) (2 * chains * booking / day.toMillis()) + 1_500,
                (int) (chains + chains / 10));
        AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        AtomicLong last = new AtomicLong(Long.MIN_VALUE);
        Set<String> live = Set.of("consultation", "prescription", "settlement", "logistics");
        AtomicLong liveEvents = new AtomicLong();
        long started = System.nanoTime();
        GeneratedRun traffic = GeneratedRun.write(config, options, sizes, chains, work.resolve("ground-truth.jsonl"), e -> {
            if (live.contains(e.stream())) {
                liveEvents.incrementAndGet();
                first.accumulateAndGet(e.eventTimeMillis(), Math::min);
                last.accumulateAndGet(e.eventTimeMillis(), Math::max);
            }
        });
        System.out.printf("generated %,d chains: %,d live events (%,d with reference records) over %.1f simulated hours in %.0f s%n",
                chains, liveEvents.get(), traffic.events, (last.get() - first.get()) / 3.6e6, (System.nanoTime() - started) / 1e9);
        EventTimeRange range = new EventTimeRange(first.get(), last.get() + 1);

        started = System.nanoTime();
        Archiver.Summary archived = new Archiver(config, work.resolve("archive"), range).run();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("archive: %,d events in %.0f s, %,.0f events/s%n", archived.archived(), seconds, archived.archived() / seconds);

        // a day's checkpoints run to gigabytes: in the test's own directory, which goes when the test ends
        config.checkpoint.directory = work.resolve("checkpoints").toUri().toString();
        config.checkpoint.stateBackend = STATE_BACKEND;
        Path fromArchive = work.resolve("archive.ndjson");
        Replay.Summary archiveRun = ReplayEndToEndTest.replay(config, range, work.resolve("archive"), null, fromArchive, PARALLELISM);
        Path fromKafka = work.resolve("kafka.ndjson");
        Replay.Summary kafkaRun = ReplayEndToEndTest.replay(config, range, null, null, fromKafka, PARALLELISM);

        boolean identical = Files.mismatch(fromArchive, fromKafka) == -1;
        System.out.printf("replay at parallelism %d on %s: archive %,.0f events/s (%,d events, %.0f s), Kafka %,.0f events/s (%,d events, %.0f s);"
                        + " alerts %,d and %,d, identical: %s%n", PARALLELISM, STATE_BACKEND.flinkName(), archiveRun.eventsPerSecond(),
                archiveRun.eventsRead(), archiveRun.seconds(), kafkaRun.eventsPerSecond(), kafkaRun.eventsRead(), kafkaRun.seconds(),
                archiveRun.alerts(), kafkaRun.alerts(), identical);
        assertThat(identical).as("archive and Kafka replays raise the identical alert set").isTrue();
        assertThat(archiveRun.eventsRead()).isEqualTo(kafkaRun.eventsRead()).isEqualTo(liveEvents.get());
    }
}
