package org.insurwatch.sandbox;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.elasticsearch.client.RestClient;
import org.insurwatch.jobs.InvalidConfigException;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.SupervisionJob;
import org.insurwatch.jobs.elasticsearch.IndexTemplates;
import org.insurwatch.traffic.KafkaTrafficSink;
import org.insurwatch.traffic.Scenario;
import org.insurwatch.traffic.TrafficGenerator;
import org.insurwatch.traffic.TrafficOptions;
import org.insurwatch.traffic.TrafficRun;
import org.insurwatch.traffic.World;
import org.insurwatch.traffic.WorldSizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code demo}: the whole pipeline on this machine. A real Kafka broker and Elasticsearch node, the
 * production job on Flink's MiniCluster, and generated traffic with injected violations; prints progress
 * until Ctrl-C (or --duration), then stops everything it started.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the supervision job on an embedded Kafka, Elasticsearch and Flink with generated traffic.")
public final class DemoCommand implements Callable<Integer> {
    private static final String GROUP_ID = "insurwatch-demo";
    private static final int DEMO_INSURED_PERSONS = 400_000;

    @Option(names = "--elasticsearch-home", required = true, paramLabel = "DIR",
            description = "the unpacked Elasticsearch distribution (bin/demo passes it)")
    Path elasticsearchHome;

    @Option(names = "--rate", defaultValue = "5000", paramLabel = "EVENTS_PER_S",
            description = "generated events per second, 0 for as fast as possible (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--violation-rate", defaultValue = "0.05", paramLabel = "F",
            description = "fraction of visit chains carrying a violation, 0..1 (default: ${DEFAULT-VALUE})")
    double violationRate;

    @Option(names = "--parallelism", defaultValue = "2", description = "parallelism of the job (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
            description = "stop after this many seconds, 0 to run until Ctrl-C (default: ${DEFAULT-VALUE})")
    long durationSeconds;

    @Option(names = "--seed", defaultValue = "1", description = "traffic seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--simulated-gap", paramLabel = "SECONDS", defaultValue = "5",
            description = "simulated seconds between two consultations: at 5 000 events/s the default makes a simulated day"
                    + " pass in ~17 s, so 24 h and 72 h timeouts show within a minute (default: ${DEFAULT-VALUE})")
    long simulatedGapSeconds;

    @Option(names = "--progress-every", paramLabel = "SECONDS", defaultValue = "5",
            description = "seconds between progress lines (default: ${DEFAULT-VALUE})")
    long progressSeconds;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        validate();
        PrintStream out = System.out;
        long startedNanos = System.nanoTime();
        Thread onCtrlC = new Thread(() -> {
            stopRequested.countDown();
            awaitQuietly(stopped);
        }, "demo-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        Path workDir = WorkDirs.create("insurwatch-demo-");
        out.println("starting Kafka and Elasticsearch in " + workDir + " ...");
        try (EmbeddedStack stack = EmbeddedStack.start(elasticsearchHome, workDir);
             RestClient elasticsearch = IndexTemplates.client(List.of(stack.elasticsearch().httpUrl()));
             Admin admin = stack.kafka().admin()) {
            JobConfig config = stack.jobConfig(GROUP_ID);
            config.parallelism = parallelism;

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(SupervisionJob.flinkConfiguration(config));
            JobClient job = SupervisionJob.onKafka(config).start(env);

            // simulated time runs thousands of times faster than the wall clock; start far enough back that it
            // stays in the past for hours, since the job rejects events from the future
            TrafficOptions options = TrafficOptions.defaults().withSeed(seed).withViolationRate(violationRate)
                    .withScenarios(EnumSet.copyOf(Scenario.violations()))
                    .withSimulatedGap(Duration.ofSeconds(simulatedGapSeconds))
                    .withStart(Instant.now().minus(Duration.ofDays(4 * 365)).truncatedTo(ChronoUnit.DAYS));
            // at the default gap a run of hours sees a few hundred thousand patients; a bigger world only lengthens start-up
            World world = World.create(seed, WorldSizes.DEMO.withInsuredPersons(DEMO_INSURED_PERSONS), options.start());
            KafkaTrafficSink sink = new KafkaTrafficSink(stack.kafka().bootstrapServers(), workDir.resolve("ground-truth.jsonl"));
            world.referenceData().forEach(sink::writeReference);
            TrafficRun traffic = new TrafficRun(new TrafficGenerator(world, options), sink, TrafficGenerator.UNBOUNDED, rate);
            Thread generator = new Thread(traffic::run, "traffic-generator");
            generator.start();

            String es = stack.elasticsearch().httpUrl();
            out.printf("ready in %.1f s: Flink job %s running, traffic at %s events/s%n",
                    (System.nanoTime() - startedNanos) / 1e9, job.getJobID(), rate == 0 ? "max" : String.format("%.0f", rate));
            out.println("Elasticsearch: " + es + "   alerts: curl '" + es + "/" + config.elasticsearch.alertsIndex + "-*/_count'");
            out.println("Kafka: " + stack.kafka().bootstrapServers() + "   Ctrl-C stops everything");

            Progress progress = new Progress(out, traffic.counters(), () -> ConsumedEvents.committed(admin, GROUP_ID),
                    () -> AlertCounts.byRule(elasticsearch, config.elasticsearch.alertsIndex));
            long deadline = durationSeconds == 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
            while (!stopRequested.await(progressSeconds, TimeUnit.SECONDS) && System.nanoTime() < deadline) {
                if (job.getJobStatus().get().isGloballyTerminalState()) {
                    out.println("the job ended: " + job.getJobStatus().get());
                    break;
                }
                progress.print();
            }
            out.println("stopping ...");
            traffic.stop();
            generator.join(10_000);
            sink.close();
            job.cancel().get(30, TimeUnit.SECONDS);
            progress.print();
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is what ended the loop
            }
            ServiceDirs.delete(workDir);
        }
        out.println("stopped; nothing left running");
        return 0;
    }

    private void validate() {
        if (!(rate >= 0)) {
            throw new InvalidConfigException("--rate must be 0 (as fast as possible) or a positive number of events per second");
        }
        if (!(violationRate >= 0 && violationRate <= 1)) {
            throw new InvalidConfigException("--violation-rate must lie in 0..1, got " + violationRate);
        }
        if (parallelism < 1) {
            throw new InvalidConfigException("--parallelism must be at least 1");
        }
        if (simulatedGapSeconds < 1) {
            throw new InvalidConfigException("--simulated-gap must be at least 1 second");
        }
        if (durationSeconds < 0 || progressSeconds < 1) {
            throw new InvalidConfigException("--duration must be >= 0 and --progress-every >= 1");
        }
        if (!Files.isDirectory(elasticsearchHome)) {
            throw new InvalidConfigException("--elasticsearch-home " + elasticsearchHome
                    + " does not exist; build first: mvn -q install -DskipTests");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
