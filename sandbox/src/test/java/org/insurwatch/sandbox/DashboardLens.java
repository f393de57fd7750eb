package org.insurwatch.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.insurwatch.sandbox.DashboardSavedObjects.SavedObject;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.insurwatch.sandbox.DashboardSavedObjects.JSON;

/**
 * One layer of a Lens visualization (8.x form-based datasource) and the Elasticsearch search it stands for:
 * bucket columns nested in column order (terms, date_histogram), metric columns (count, sum, average, max,
 * min, unique_count, percentile, median, each optionally filtered by KQL) inside the innermost bucket, and
 * formula columns evaluated from their stored math tree over those metrics, as Lens does in the browser.
 * Only these operations are supported; any other fails the validation rather than going unchecked.
 */
final class DashboardLens {
    static final String RECORDS = "___records___";
    private static final long SECOND = 1000;
    /** Kibana's auto interval aims at about 50 bars (histogram:barTarget) from this ladder of round intervals. */
    private static final long[] AUTO_INTERVALS = {SECOND, 5 * SECOND, 10 * SECOND, 30 * SECOND, 60 * SECOND,
            300 * SECOND, 600 * SECOND, 1800 * SECOND, 3600 * SECOND, 3 * 3600 * SECOND, 12 * 3600 * SECOND,
            86400 * SECOND, 7 * 86400 * SECOND, 30 * 86400 * SECOND, 365 * 86400 * SECOND};
    private static final Set<String> ES_METRICS = Set.of("count", "sum", "average", "max", "min", "unique_count",
            "percentile", "median");

    record Column(String id, JsonNode json) {
        String op() {
            return json.path("operationType").asText();
        }

        String field() {
            return json.path("sourceField").isMissingNode() ? null : json.path("sourceField").asText();
        }

        boolean bucketed() {
            return json.path("isBucketed").asBoolean();
        }

        String label() {
            return json.path("label").asText();
        }

        JsonNode params() {
            return json.path("params");
        }

        String filterKql() {
            JsonNode filter = json.path("filter");
            if (filter.isMissingNode()) {
                return null;
            }
            if (!filter.path("language").asText().equals("kuery")) {
                throw new AssertionError("column " + id + ": only KQL filters are validated, got " + filter);
            }
            return filter.path("query").asText();
        }

        List<String> references() {
            List<String> refs = new ArrayList<>();
            json.path("references").forEach(r -> refs.add(r.asText()));
            return refs;
        }
    }

    /** The time picker range a dashboard would search: the data view's time field, from min to max inclusive. */
    record TimeRange(String field, long min, long max) {
    }

    /** What the search returned, as the table Lens builds from it: one row per innermost bucket. */
    record Result(long hits, List<Map<String, Object>> rows, Map<String, Set<Object>> keys, long topBucketDocs,
                  long topOther, long topMissing, Map<String, Long> intervals) {
    }

    final SavedObject object;
    final String layerId;
    final SavedObject dataView;
    final String kql;
    final List<Column> columns = new ArrayList<>();
    private final Map<String, Column> byId = new LinkedHashMap<>();

    private DashboardLens(SavedObject object, String layerId, JsonNode layer, SavedObject dataView) {
        this.object = object;
        this.layerId = layerId;
        this.dataView = dataView;
        JsonNode query = object.attributes().path("state").path("query");
        if (!query.path("language").asText("kuery").equals("kuery")) {
            throw new AssertionError(object + ": only KQL queries are validated");
        }
        this.kql = query.path("query").asText("");
        for (JsonNode id : layer.path("columnOrder")) {
            JsonNode column = layer.path("columns").path(id.asText());
            if (column.isMissingNode()) {
                throw new AssertionError(object + ": columnOrder names " + id + ", which is not a column");
            }
            Column c = new Column(id.asText(), column);
            columns.add(c);
            byId.put(c.id(), c);
        }
        Iterator<String> names = layer.path("columns").fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!byId.containsKey(name)) {
                throw new AssertionError(object + ": column " + name + " is missing from columnOrder");
            }
        }
    }

    /** The layers of a Lens saved object, each with the data view its reference names. */
    static List<DashboardLens> layers(SavedObject lens, DashboardSavedObjects objects) {
        JsonNode layers = lens.attributes().path("state").path("datasourceStates").path("formBased").path("layers");
        if (!layers.isObject() || layers.isEmpty()) {
            throw new AssertionError(lens + " has no state.datasourceStates.formBased.layers");
        }
        List<DashboardLens> result = new ArrayList<>();
        layers.fields().forEachRemaining(e -> result.add(new DashboardLens(lens, e.getKey(), e.getValue(),
                objects.dataView(lens, "indexpattern-datasource-layer-" + e.getKey()))));
        return result;
    }

    Column column(String id) {
        Column c = byId.get(id);
        if (c == null) {
            throw new AssertionError(object + ": no column " + id);
        }
        return c;
    }

    List<Column> buckets() {
        return columns.stream().filter(Column::bucketed).toList();
    }

    List<Column> metrics() {
        return columns.stream().filter(c -> !c.bucketed() && ES_METRICS.contains(c.op())).toList();
    }

    List<Column> formulas() {
        return columns.stream().filter(c -> c.op().equals("formula")).toList();
    }

    /** Every field the layer reads: source fields and the fields its KQL names. */
    Set<String> fields() {
        Set<String> fields = new LinkedHashSet<>();
        for (Column c : columns) {
            if (c.field() != null && !c.field().equals(RECORDS)) {
                fields.add(c.field());
            }
            if (c.filterKql() != null) {
                fields.addAll(DashboardKql.fields(c.filterKql()));
            }
        }
        fields.addAll(DashboardKql.fields(kql));
        return fields;
    }

    /** Every column's operation is one this class knows how to search and check. */
    void checkOperations() {
        for (Column c : columns) {
            switch (c.op()) {
                case "terms", "date_histogram", "count", "sum", "average", "max", "min", "unique_count", "percentile",
                     "median", "formula", "math" -> {
                }
                default -> throw new AssertionError(object + ": column " + c.id() + " uses " + c.op()
                        + ", which the validation does not support");
            }
            if (c.bucketed() != (c.op().equals("terms") || c.op().equals("date_histogram"))) {
                throw new AssertionError(object + ": column " + c.id() + " has isBucketed wrong for " + c.op());
            }
        }
        for (Column f : formulas()) {
            if (f.references().size() != 1 || !column(f.references().get(0)).op().equals("math")) {
                throw new AssertionError(object + ": formula " + f.id() + " must reference its one math column");
            }
            if (f.params().path("isFormulaBroken").asBoolean()) {
                throw new AssertionError(object + ": formula " + f.id() + " is marked broken");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- the search

    long interval(Column date, TimeRange range) {
        String interval = date.params().path("interval").asText("auto");
        if (interval.equals("auto")) {
            long target = Math.max(1, (range.max() - range.min()) / 50);
            for (long candidate : AUTO_INTERVALS) {
                if (candidate >= target) {
                    return candidate;
                }
            }
            return AUTO_INTERVALS[AUTO_INTERVALS.length - 1];
        }
        long amount = Long.parseLong(interval.substring(0, interval.length() - 1));
        return amount * switch (interval.charAt(interval.length() - 1)) {
            case 's' -> SECOND;
            case 'm' -> 60 * SECOND;
            case 'h' -> 3600 * SECOND;
            case 'd' -> 86400 * SECOND;
            case 'w' -> 7 * 86400 * SECOND;
            default -> throw new AssertionError(object + ": unsupported interval " + interval);
        };
    }

    ObjectNode request(TimeRange range) {
        ObjectNode body = JSON.createObjectNode().put("size", 0).put("track_total_hits", true);
        var filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("range").putObject(range.field())
                .put("gte", range.min()).put("lte", range.max()).put("format", "epoch_millis");
        filter.add(DashboardKql.toQuery(kql));
        ObjectNode aggs = aggs(0, range);
        List<Column> buckets = buckets();
        if (!buckets.isEmpty() && buckets.get(0).op().equals("terms")) {
            aggs.putObject(buckets.get(0).id() + "__missing").putObject("missing").put("field", buckets.get(0).field());
        }
        if (!aggs.isEmpty()) {
            body.set("aggs", aggs);
        }
        return body;
    }

    private ObjectNode aggs(int level, TimeRange range) {
        ObjectNode aggs = JSON.createObjectNode();
        List<Column> buckets = buckets();
        if (level == buckets.size()) {
            for (Column m : metrics()) {
                putMetric(aggs, m);
            }
            return aggs;
        }
        Column c = buckets.get(level);
        ObjectNode agg = aggs.putObject(c.id());
        ObjectNode sub = aggs(level + 1, range);
        if (c.op().equals("terms")) {
            ObjectNode terms = agg.putObject("terms").put("field", c.field()).put("size", c.params().path("size").asInt());
            JsonNode orderBy = c.params().path("orderBy");
            String direction = c.params().path("orderDirection").asText("desc");
            if (orderBy.path("type").asText().equals("alphabetical")) {
                terms.putObject("order").put("_key", direction);
            } else if (orderBy.path("type").asText().equals("column")) {
                Column by = column(orderBy.path("columnId").asText());
                if (by.filterKql() != null || by.bucketed()) {
                    throw new AssertionError(object + ": " + c.id() + " is ranked by " + by.id()
                            + ", a filtered or bucket column; the validation does not support that");
                }
                switch (by.op()) {
                    case "count" -> terms.putObject("order").put("_count", direction);
                    case "sum", "average", "max", "min", "unique_count" -> {
                        terms.putObject("order").put(by.id(), direction);
                        if (!sub.has(by.id())) {
                            putMetric(sub, by);
                        }
                    }
                    default -> throw new AssertionError(object + ": " + c.id() + " is ranked by a " + by.op()
                            + " column; the validation does not support that");
                }
            } else {
                throw new AssertionError(object + ": " + c.id() + " has an unsupported orderBy " + orderBy);
            }
        } else {
            agg.putObject("date_histogram").put("field", c.field())
                    .put("fixed_interval", interval(c, range) + "ms").put("min_doc_count", 0).put("time_zone", "UTC")
                    .putObject("extended_bounds").put("min", range.min()).put("max", range.max());
        }
        if (!sub.isEmpty()) {
            agg.set("aggs", sub);
        }
        return aggs;
    }

    private void putMetric(ObjectNode aggs, Column m) {
        ObjectNode metric = JSON.createObjectNode();
        switch (m.op()) {
            case "count" -> {
                if (m.filterKql() == null) {
                    return; // the bucket's doc_count
                }
                aggs.putObject(m.id()).set("filter", DashboardKql.toQuery(m.filterKql()));
                return;
            }
            case "sum" -> metric.putObject("sum").put("field", m.field());
            case "average" -> metric.putObject("avg").put("field", m.field());
            case "max" -> metric.putObject("max").put("field", m.field());
            case "min" -> metric.putObject("min").put("field", m.field());
            case "unique_count" -> metric.putObject("cardinality").put("field", m.field());
            case "percentile", "median" -> metric.putObject("percentiles").put("field", m.field())
                    .putArray("percents").add(percent(m));
            default -> throw new AssertionError(object + ": no search for " + m.op());
        }
        if (m.filterKql() == null) {
            aggs.set(m.id(), metric);
        } else {
            ObjectNode filtered = aggs.putObject(m.id());
            filtered.set("filter", DashboardKql.toQuery(m.filterKql()));
            filtered.putObject("aggs").set("v", metric);
        }
    }

    private static double percent(Column m) {
        return m.op().equals("median") ? 50 : m.params().path("percentile").asDouble();
    }

    // ---------------------------------------------------------------------------------------------- the answer

    Result evaluate(JsonNode response, TimeRange range) {
        long hits = response.path("hits").path("total").path("value").asLong();
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Set<Object>> keys = new LinkedHashMap<>();
        buckets().forEach(b -> keys.put(b.id(), new LinkedHashSet<>()));
        JsonNode aggregations = response.path("aggregations");
        walk(aggregations, 0, new LinkedHashMap<>(), hits, rows, keys);
        long topDocs = 0;
        long other = 0;
        long missing = 0;
        if (!buckets().isEmpty()) {
            JsonNode top = aggregations.path(buckets().get(0).id());
            for (JsonNode b : top.path("buckets")) {
                topDocs += b.path("doc_count").asLong();
            }
            other = top.path("sum_other_doc_count").asLong(0);
            missing = aggregations.path(buckets().get(0).id() + "__missing").path("doc_count").asLong(0);
        }
        Map<String, Long> intervals = new LinkedHashMap<>();
        buckets().stream().filter(b -> b.op().equals("date_histogram")).forEach(b -> intervals.put(b.id(), interval(b, range)));
        return new Result(hits, rows, keys, topDocs, other, missing, intervals);
    }

    private void walk(JsonNode node, int level, Map<String, Object> row, long docCount, List<Map<String, Object>> rows,
                      Map<String, Set<Object>> keys) {
        List<Column> buckets = buckets();
        if (level == buckets.size()) {
            Map<String, Object> complete = new LinkedHashMap<>(row);
            complete.put("_doc_count", docCount);
            for (Column m : metrics()) {
                complete.put(m.id(), metricValue(node, m, docCount));
            }
            for (Column c : columns) {
                if (c.op().equals("math") || c.op().equals("formula")) {
                    complete.put(c.id(), computed(c, complete));
                }
            }
            rows.add(complete);
            return;
        }
        Column c = buckets.get(level);
        for (JsonNode bucket : node.path(c.id()).path("buckets")) {
            Object key = c.op().equals("date_histogram") ? (Object) bucket.path("key").asLong() : bucket.path("key").asText();
            keys.get(c.id()).add(key);
            Map<String, Object> next = new LinkedHashMap<>(row);
            next.put(c.id(), key);
            walk(bucket, level + 1, next, bucket.path("doc_count").asLong(), rows, keys);
        }
    }

    private Double metricValue(JsonNode node, Column m, long docCount) {
        JsonNode agg = node.path(m.id());
        if (m.op().equals("count")) {
            return (double) (m.filterKql() == null ? docCount : agg.path("doc_count").asLong());
        }
        JsonNode metric = m.filterKql() == null ? agg : agg.path("v");
        JsonNode value = m.op().equals("percentile") || m.op().equals("median")
                ? metric.path("values").path(Double.toString(percent(m))) : metric.path("value");
        return value.isNumber() ? value.asDouble() : null;
    }

    private Double computed(Column c, Map<String, Object> row) {
        if (c.op().equals("formula")) {
            Object v = row.containsKey(c.references().get(0)) ? row.get(c.references().get(0))
                    : computed(column(c.references().get(0)), row);
            return (Double) v;
        }
        return math(c.params().path("tinymathAst"), row, c);
    }

    private Double math(JsonNode ast, Map<String, Object> row, Column owner) {
        if (ast.isNumber()) {
            return ast.asDouble();
        }
        if (ast.isTextual()) {
            Column ref = column(ast.asText());
            if (!owner.references().contains(ref.id())) {
                throw new AssertionError(object + ": math column " + owner.id() + " uses " + ref.id()
                        + " without listing it in its references");
            }
            Object v = row.containsKey(ref.id()) ? row.get(ref.id()) : computed(ref, row);
            return (Double) v;
        }
        if (!ast.path("type").asText().equals("function")) {
            throw new AssertionError(object + ": unsupported math node " + ast);
        }
        List<Double> args = new ArrayList<>();
        for (JsonNode arg : ast.path("args")) {
            args.add(math(arg, row, owner));
        }
        if (args.stream().anyMatch(a -> a == null)) {
            return null;
        }
        return switch (ast.path("name").asText()) {
            case "divide" -> args.get(0) / args.get(1);
            case "multiply" -> args.get(0) * args.get(1);
            case "add" -> args.get(0) + args.get(1);
            case "subtract" -> args.get(0) - args.get(1);
            default -> throw new AssertionError(object + ": unsupported math function " + ast.path("name"));
        };
    }
}
