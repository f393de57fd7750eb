package org.insurwatch.traffic;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The ground truth of a run as JSON lines, one {@link GroundTruth} per chain, written beside the traffic. */
public final class GroundTruthLog implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter writer;

    /** Creates or truncates {@code file}. */
    public GroundTruthLog(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ground truth to " + file, e);
        }
    }

    public void append(GroundTruth truth) {
        try {
            writer.write(JSON.writeValueAsString(truth));
            writer.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void flush() {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<GroundTruth> read(Path file) {
        try {
            List<GroundTruth> truths = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                truths.add(JSON.readValue(line, GroundTruth.class));
            }
            return truths;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ground truth from " + file, e);
        }
    }
}
