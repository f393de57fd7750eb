package org.insurwatch.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server run as a child process of this JVM, its console output appended to a log file whose tail goes into every
 * start-up error. Started through {@code setpriv --pdeathsig=TERM} when available, so it dies with this JVM even on
 * {@code kill -9}; a shutdown hook closes it on a normal JVM exit.
 */
final class ChildProcess implements AutoCloseable {

    static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final int TAIL_LINES = 40;

    /**
     * PR_SET_PDEATHSIG fires when the *thread* that forked the child ends, not the process; so every child is
     * forked from this one long-lived daemon thread (a core thread of a fixed pool never times out).
     */
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "embedded-launcher");
        t.setDaemon(true);
        return t;
    });

    /** What start-up is still waiting for. */
    @FunctionalInterface
    interface Probe {
        /** Null once the child is ready, else what it waits for (reported when start-up times out). */
        String pending() throws InterruptedException;
    }

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Duration stopGrace;
    private final List<Path> deleteOnClose = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private ChildProcess(String name, Process process, Path logFile, Duration stopGrace) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.stopGrace = stopGrace;
        this.shutdownHook = new Thread(this::close, name + " shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * {@code command} run through setpriv with {@code setprivOptions} when setpriv is installed. A single setpriv
     * applies the options and the death signal because a change of user clears an earlier PR_SET_PDEATHSIG.
     */
    static List<String> dyingWithThisJvm(List<String> setprivOptions, List<String> command) {
        if (!Files.isExecutable(SETPRIV)) {
            if (!setprivOptions.isEmpty()) {
                throw new IllegalStateException(SETPRIV + " is missing to run with " + setprivOptions);
            }
            return command;
        }
        List<String> cmd = new ArrayList<>(List.of(SETPRIV.toString()));
        cmd.addAll(setprivOptions);
        cmd.add("--pdeathsig=TERM");
        cmd.addAll(command);
        return cmd;
    }

    /** Launches {@code command} in {@code dir}; {@link #close()} allows it {@code stopGrace} to exit on SIGTERM. */
    static ChildProcess start(String name, List<String> command, Path dir, Path logFile, Duration stopGrace) {
        return start(name, command, dir, logFile, stopGrace, env -> {
        });
    }

    /** As {@link #start(String, List, Path, Path, Duration)}, with {@code environment} adjusting the child's. */
    static ChildProcess start(String name, List<String> command, Path dir, Path logFile, Duration stopGrace,
            Consumer<Map<String, String>> environment) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // every JVM picks these up: this JVM's agents and options (e.g. the test runner's) are not the child's
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        environment.accept(pb.environment());
        try {
            return new ChildProcess(name, LAUNCHER.submit(pb::start).get(), logFile, stopGrace);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot launch " + name + ": " + command, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while launching " + name, e);
        }
    }

    /**
     * Polls {@code probe} until the child is ready. When the child exits or {@code timeout} passes first, closes it
     * and throws ({@link LocalPorts.Clash} when it could not bind its port).
     */
    void awaitReady(Duration timeout, Duration pollInterval, Probe probe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                if (!process.isAlive()) {
                    String message = withLog(name + " exited with code " + process.exitValue() + " during start-up");
                    if (message.contains("BindException") || message.contains("Address already in use")) {
                        throw new LocalPorts.Clash(message);
                    }
                    throw new IllegalStateException(message);
                }
                String pending = probe.pending();
                if (pending == null) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(withLog(name + " did not start within " + timeout.toSeconds()
                            + " s (waiting for " + pending + ")"));
                }
                Thread.sleep(pollInterval.toMillis());
            }
        } catch (RuntimeException | Error | InterruptedException e) {
            close();
            throw e;
        }
    }

    /** For a child that does one job and exits: waits for it and throws unless it exits 0 within the timeout. */
    void awaitSuccessfulExit(Duration timeout) throws InterruptedException {
        boolean exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        close();
        if (!exited) {
            throw new IllegalStateException(withLog(name + " did not finish within " + timeout.toSeconds() + " s"));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(withLog(name + " failed with exit code " + process.exitValue()));
        }
    }

    /** Deleted by {@link #close()} once the child has stopped. */
    void deleteOnClose(Path dir) {
        deleteOnClose.add(dir);
    }

    Path logFile() {
        return logFile;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Resident set size of the child and its descendants in bytes (Linux /proc), or -1 when unknown. */
    long residentSetSizeBytes() {
        long child = rssBytes(process.toHandle());
        if (child < 0) {
            return -1;
        }
        return child + process.descendants().mapToLong(ChildProcess::rssBytes).filter(v -> v > 0).sum();
    }

    /** Stops the child (SIGTERM, then SIGKILL after the grace period) and deletes its directories. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | SecurityException alreadyShuttingDown) {
            // called from the hook itself
        }
        boolean wasRunning = process.isAlive();
        stop();
        deleteOnClose.forEach(ServiceDirs::delete);
        if (wasRunning) {
            LOG.info("{} stopped", name);
        }
    }

    /**
     * The whole tree is awaited, not just the child: a child may stop children of its own on SIGTERM (the
     * Elasticsearch launcher JVM stops the server JVM from its shutdown hook), and any still alive after the grace
     * period are killed.
     */
    private void stop() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        process.destroy();
        long deadline = System.nanoTime() + stopGrace.toNanos();
        for (ProcessHandle h : tree) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                LOG.warn("{}: process {} did not stop within {} s, killing it", name, h.pid(), stopGrace.toSeconds());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String withLog(String message) {
        String tail;
        try {
            String[] lines = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).split("\n");
            tail = String.join("\n",
                    Arrays.asList(lines).subList(Math.max(0, lines.length - TAIL_LINES), lines.length));
        } catch (IOException e) {
            tail = "(no log: " + e + ")";
        }
        return message + "; log " + logFile + ":\n" + tail;
    }

    private static long rssBytes(ProcessHandle handle) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(handle.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or gone
        }
        return -1;
    }
}
