package org.insurwatch.schema;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build step that guards the contract: every schema of the released version kept in {@code schemas/released}
 * must still be readable by the current schema of the same name (backward compatibility), so consumers
 * deployed with the new schema read everything already on the topics. Releasing a contract version means
 * copying src/main/avro over released/.
 */
class SchemaCompatibilityTest {

    @Test
    void currentSchemasReadEveryReleasedSchema() throws IOException {
        Map<String, Schema> released = parseAll(Path.of(System.getProperty("schemas.released", "released")));
        Map<String, Schema> current = parseAll(Path.of(System.getProperty("schemas.current", "src/main/avro")));
        assertThat(released).isNotEmpty();

        List<String> problems = new ArrayList<>();
        released.forEach((name, old) -> {
            Schema now = current.get(name);
            if (now == null) {
                problems.add(name + " was removed");
                return;
            }
            SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(now, old);
            if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                problems.add(name + ": " + result.getResult().getIncompatibilities());
            }
        });
        assertThat(problems).as("backward-incompatible schema changes").isEmpty();
    }

    @Test
    void aNewFieldWithoutDefaultIsCaught() {
        Schema old = new Schema.Parser().parse("""
                {"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}""");
        Schema added = new Schema.Parser().parse("""
                {"type":"record","name":"R","fields":[{"name":"a","type":"string"},{"name":"b","type":"int"}]}""");
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(added, old).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    /** Shared types first, then the types other schemas refer to (reference data before the job-internal ones). */
    private static int parseOrder(String folder) {
        return switch (folder) {
            case "common" -> 0;
            case "reference" -> 1;
            case "internal" -> 3;
            default -> 2;
        };
    }

    /** Parses a directory of .avsc files, shared types first, into named top-level schemas. */
    private static Map<String, Schema> parseAll(Path dir) throws IOException {
        Schema.Parser parser = new Schema.Parser();
        Map<String, Schema> schemas = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".avsc"))
                    .sorted(Comparator.comparing((Path p) -> parseOrder(p.getParent().getFileName().toString()))
                            .thenComparing(Path::toString))
                    .toList();
        }
        for (Path file : files) {
            Schema schema = parser.parse(file.toFile());
            schemas.put(schema.getFullName(), schema);
        }
        return schemas;
    }
}
