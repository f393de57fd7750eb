package org.insurwatch.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The Kibana saved objects of dashboards/kibana/*.ndjson, as Kibana's import API reads them. */
final class DashboardSavedObjects {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One saved object: type, id, attributes and references. */
    record SavedObject(String file, int line, String type, String id, JsonNode json) {
        JsonNode attributes() {
            return json.path("attributes");
        }

        String title() {
            return attributes().path("title").asText();
        }

        List<Reference> references() {
            List<Reference> refs = new ArrayList<>();
            json.path("references").forEach(r -> refs.add(new Reference(r.path("name").asText(),
                    r.path("type").asText(), r.path("id").asText())));
            return refs;
        }

        Optional<Reference> reference(String name) {
            return references().stream().filter(r -> r.name().equals(name)).findFirst();
        }

        /** A string attribute that holds JSON (panelsJSON, visState, searchSourceJSON …), parsed. */
        JsonNode jsonAttribute(String... path) {
            JsonNode node = attributes();
            for (String p : path) {
                node = node.path(p);
            }
            try {
                return JSON.readTree(node.asText());
            } catch (IOException e) {
                throw new IllegalStateException(type + " " + id + ": " + String.join(".", path) + " is not JSON", e);
            }
        }

        @Override
        public String toString() {
            return type + " " + id + " (" + file + ":" + line + ")";
        }
    }

    record Reference(String name, String type, String id) {
    }

    final List<SavedObject> all;
    private final Map<String, SavedObject> byKey = new LinkedHashMap<>();

    private DashboardSavedObjects(List<SavedObject> all) {
        this.all = List.copyOf(all);
        for (SavedObject o : all) {
            if (byKey.put(o.type() + "/" + o.id(), o) != null) {
                throw new IllegalStateException("two saved objects " + o.type() + " " + o.id());
            }
        }
    }

    static DashboardSavedObjects load(Path dir) {
        List<SavedObject> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".ndjson")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).isBlank()) {
                        continue;
                    }
                    JsonNode json = JSON.readTree(lines.get(i));
                    objects.add(new SavedObject(file.getFileName().toString(), i + 1, json.path("type").asText(),
                            json.path("id").asText(), json));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DashboardSavedObjects(objects);
    }

    Optional<SavedObject> find(String type, String id) {
        return Optional.ofNullable(byKey.get(type + "/" + id));
    }

    SavedObject get(String type, String id) {
        return find(type, id).orElseThrow(() -> new AssertionError("no saved object " + type + " " + id));
    }

    List<SavedObject> ofType(String type) {
        return all.stream().filter(o -> o.type().equals(type)).toList();
    }

    /** The data view (index-pattern) a Lens layer or a search reads. */
    SavedObject dataView(SavedObject object, String referenceName) {
        Reference ref = object.reference(referenceName)
                .orElseThrow(() -> new AssertionError(object + " has no reference " + referenceName));
        return get("index-pattern", ref.id());
    }
}
