package org.insurwatch.jobs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.insurwatch.jobs.alerts.AlertDocument;
import org.insurwatch.schema.alert.Alert;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Alerts as NDJSON, one {@link AlertDocument} per line. Each writer appends to a part file of its own in a
 * directory; {@link #merge} then writes the final file sorted by alert id (one line per id: a restart may have
 * written an alert twice, with the same content), so two replays of the same range give byte-identical files.
 * The part directory must be on a file system the client that merges can read (local runs, or a shared mount).
 */
public final class NdjsonAlertSink implements Sink<Alert> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String partsDir;

    public NdjsonAlertSink(Path partsDir) {
        this.partsDir = partsDir.toAbsolutePath().toString();
    }

    @Override
    public SinkWriter<Alert> createWriter(WriterInitContext context) throws IOException {
        Path dir = Path.of(partsDir);
        Files.createDirectories(dir);
        BufferedWriter out = Files.newBufferedWriter(dir.resolve("part-" + UUID.randomUUID() + ".ndjson"), StandardCharsets.UTF_8);
        return new SinkWriter<>() {
            @Override
            public void write(Alert alert, Context context) throws IOException {
                out.write(new String(AlertDocument.toBytes(alert), StandardCharsets.UTF_8));
                out.write('\n');
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    /** Writes {@code target} from the part files, sorted by alert id, and returns the alert count by rule id. */
    public static Map<String, Long> merge(Path partsDir, Path target) throws IOException {
        TreeMap<String, String> byId = new TreeMap<>();
        if (Files.isDirectory(partsDir)) {
            List<Path> parts;
            try (Stream<Path> files = Files.list(partsDir)) {
                parts = files.filter(f -> f.getFileName().toString().endsWith(".ndjson")).sorted().toList();
            }
            for (Path part : parts) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        byId.put(JSON.readTree(line).path("alertId").asText(), line);
                    }
                }
            }
        }
        Map<String, Long> byRule = new TreeMap<>();
        if (target != null) {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = parent.resolve(target.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                for (String line : byId.values()) {
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        for (String line : byId.values()) {
            JsonNode alert = JSON.readTree(line);
            byRule.merge(alert.path("ruleId").asText(), 1L, Long::sum);
        }
        return byRule;
    }

    /** Deletes a part directory after merging. */
    public static void deleteParts(Path partsDir) throws IOException {
        if (!Files.isDirectory(partsDir)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(partsDir)) {
            list.forEach(files::add);
        }
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
        Files.deleteIfExists(partsDir);
    }
}
