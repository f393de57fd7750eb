package org.insurwatch.traffic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code generate}: writes a world's reference data, its traffic and the ground truth to Kafka or files. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generates synthetic Internet+ medical insurance traffic with injected violations.")
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--chains", paramLabel = "N", description = "visit chains to generate (default: until stopped)")
    private Long chains;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "0",
            description = "events per second of wall-clock time, 0 for as fast as possible (default: ${DEFAULT-VALUE})")
    private double rate;

    @Option(names = "--violation-rate", paramLabel = "F", defaultValue = "0.05",
            description = "fraction of chains carrying a violation, 0..1 (default: ${DEFAULT-VALUE})")
    private double violationRate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--scenarios", paramLabel = "SCENARIO", split = ",", completionCandidates = Violations.class,
            description = "violations to inject (default: all): ${COMPLETION-CANDIDATES}")
    private Set<Scenario> scenarios;

    @Option(names = "--hard-negative-rate", paramLabel = "F", defaultValue = "0.02",
            description = "fraction of chains that are hard negatives (clean, though close to a violation), 0..1,"
                    + " as far as the violations leave room (default: ${DEFAULT-VALUE})")
    private double hardNegativeRate;

    @Option(names = "--hard-negatives", paramLabel = "SCENARIO", split = ",",
            completionCandidates = HardNegatives.class,
            description = "hard negatives to draw (default: all): ${COMPLETION-CANDIDATES}")
    private Set<Scenario> hardNegatives;

    @ArgGroup(multiplicity = "1")
    private Output output;

    @Option(names = "--ground-truth", paramLabel = "FILE",
            description = "with --kafka, where to write the ground truth (default: ground-truth.jsonl)")
    private Path groundTruth;

    /** The command line with one-line messages for bad arguments, as {@link #main} runs it. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new GenerateCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((error, args) -> {
            error.getCommandLine().getErr().println("generate: " + error.getMessage().replaceFirst("^Error: ", ""));
            return CommandLine.ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((error, command, parseResult) -> {
            command.getErr().println("generate: " + error.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    @Override
    public Integer call() {
        validate();
        long chainCount = chains == null ? TrafficGenerator.UNBOUNDED : chains;
        TrafficOptions options = TrafficOptions.defaults().withSeed(seed).withViolationRate(violationRate)
                .withScenarios(scenarios == null ? EnumSet.copyOf(Scenario.violations()) : scenarios)
                .withHardNegativeRate(hardNegativeRate)
                .withHardNegatives(hardNegatives == null ? EnumSet.copyOf(Scenario.hardNegatives()) : hardNegatives);
        World world = World.create(seed, WorldSizes.forChains(chainCount), options.start());
        TrafficSink sink = openSink();
        TrafficRun run = new TrafficRun(new TrafficGenerator(world, options), sink, chainCount, rate);
        // Ctrl-C stops the run, then waits for the sink to close so the files and topics end whole
        CountDownLatch closed = new CountDownLatch(1);
        Thread stopOnShutdown = new Thread(() -> {
            run.stop();
            awaitQuietly(closed);
        }, "generate-stop");
        Runtime.getRuntime().addShutdownHook(stopOnShutdown);
        long elapsed;
        try {
            world.referenceData().forEach(sink::writeReference);
            long started = System.nanoTime();
            run.run();
            elapsed = System.nanoTime() - started;
        } finally {
            try {
                sink.close();
            } finally {
                closed.countDown();
            }
        }
        spec.commandLine().getOut().println(summary(run.counters(), elapsed));
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnShutdown);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already running the hook, which is what stopped the run
        }
        return CommandLine.ExitCode.OK;
    }

    private void validate() {
        if (chains != null && chains < 0) {
            throw new ParameterException(spec.commandLine(), "--chains must not be negative, got " + chains);
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new ParameterException(spec.commandLine(), "--rate must be a number >= 0, got " + rate);
        }
        if (!(violationRate >= 0 && violationRate <= 1)) {
            throw new ParameterException(spec.commandLine(), "--violation-rate must lie in 0..1, got " + violationRate);
        }
        if (!(hardNegativeRate >= 0 && hardNegativeRate <= 1)) {
            throw new ParameterException(spec.commandLine(), "--hard-negative-rate must lie in 0..1, got "
                    + hardNegativeRate);
        }
        if (scenarios != null && !scenarios.stream().allMatch(Scenario::isViolation)) {
            throw new ParameterException(spec.commandLine(), "--scenarios takes violations, not "
                    + scenarios.stream().filter(s -> !s.isViolation()).toList());
        }
        if (hardNegatives != null && !hardNegatives.stream().allMatch(Scenario::isHardNegative)) {
            throw new ParameterException(spec.commandLine(), "--hard-negatives takes hard negatives, not "
                    + hardNegatives.stream().filter(s -> !s.isHardNegative()).toList());
        }
        if (groundTruth != null && output.directory != null) {
            throw new ParameterException(spec.commandLine(),
                    "--ground-truth goes with --kafka; --out writes DIR/" + FileTrafficSink.GROUND_TRUTH_FILE);
        }
    }

    private TrafficSink openSink() {
        if (output.directory != null) {
            return new FileTrafficSink(output.directory);
        }
        return new KafkaTrafficSink(output.kafka, groundTruth == null ? Path.of("ground-truth.jsonl") : groundTruth);
    }

    private static String summary(TrafficCounters counters, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        return String.format(Locale.ROOT, "%d events in %.1f s (%.0f events/s) %s; %d chains %s",
                counters.events(), seconds, counters.events() / Math.max(seconds, 1e-9), counters.eventsByStream(),
                counters.chains(), counters.chainsByScenario());
    }

    private static void awaitQuietly(CountDownLatch finished) {
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Either Kafka or a directory, never both. */
    private static final class Output {
        @Option(names = "--kafka", paramLabel = "host:port", required = true,
                description = "Kafka bootstrap servers to write the topics to")
        private String kafka;

        @Option(names = "--out", paramLabel = "DIR", required = true,
                description = "directory for <stream>.avro, reference/*.avro and ground-truth.jsonl")
        private Path directory;
    }

    /** The scenarios --scenarios accepts, for its help. */
    private static final class Violations extends ArrayList<String> {
        Violations() {
            Scenario.violations().forEach(scenario -> add(scenario.name()));
        }
    }

    /** The scenarios --hard-negatives accepts, for its help. */
    private static final class HardNegatives extends ArrayList<String> {
        HardNegatives() {
            Scenario.hardNegatives().forEach(scenario -> add(scenario.name()));
        }
    }
}
