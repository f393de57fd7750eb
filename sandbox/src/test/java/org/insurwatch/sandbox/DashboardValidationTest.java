package org.insurwatch.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.assertj.core.api.SoftAssertions;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.JobSinks;
import org.insurwatch.jobs.SupervisionJob;
import org.insurwatch.jobs.alerts.AlertDocument;
import org.insurwatch.jobs.elasticsearch.IndexTemplates;
import org.insurwatch.jobs.ingest.KafkaStreamSources;
import org.insurwatch.jobs.rules.traceability.ChainStage;
import org.insurwatch.sandbox.DashboardLens.Column;
import org.insurwatch.sandbox.DashboardLens.Result;
import org.insurwatch.sandbox.DashboardLens.TimeRange;
import org.insurwatch.sandbox.DashboardSavedObjects.Reference;
import org.insurwatch.sandbox.DashboardSavedObjects.SavedObject;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.traffic.Scenario;
import org.insurwatch.traffic.TrafficOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.sandbox.DashboardSavedObjects.JSON;

/**
 * The Kibana saved objects of dashboards/kibana against a real Elasticsearch holding realistic data (a Kafka broker
 * and an Elasticsearch node of the class's own, stopped afterwards): the index templates of
 * dashboards/index-templates installed as they are; the alert, chain-health and doctor-activity indices filled by
 * the real job (Flink MiniCluster) from generated traffic with injected violations, plus stand-in alerts of the
 * rule families the job does not raise yet. Then every reference must resolve, every field a panel uses must be
 * mapped and aggregatable, and every panel's search, built from the saved object itself, must answer with
 * sensible buckets, single numbers matching what the generated events and the job's alerts hold. The
 * panel-by-panel table goes to stdout.
 */
class DashboardValidationTest {
    private static final long CHAINS = 1_500;
    private static final String ALERTS = "insurwatch-alerts";
    private static final String CHAIN_HEALTH = "insurwatch-chain-health";
    private static final String DOCTOR_ACTIVITY = "insurwatch-doctor-activity";
    private static final List<String> INDICES = List.of(ALERTS, CHAIN_HEALTH, DOCTOR_ACTIVITY);
    private static final Set<String> DASHBOARDS = Set.of("insurwatch-overview", "insurwatch-doctor-capacity",
            "insurwatch-traceability", "insurwatch-price");
    /** Patient identity as the live streams carry it; none of it may appear in a saved object. */
    private static final List<String> PATIENT_IDENTITY = List.of("insuredPersonId", "patientName", "patientIdNumber",
            "residentIdNumber", "recipientInsuredPersonId", "payingGuardianId", "guardianInsuredPersonIds");

    private static Path repoRoot;
    private static Path workDir;
    private static EmbeddedStack stack;
    private static DashboardSavedObjects objects;
    private static RestClient es;
    private static DashboardTraffic traffic;
    private static long jobAlerts;
    private static Map<String, Long> jobAlertsByRule;
    private static double allAlertsFundFen;
    private static List<Alert> standIns;
    private static final Map<String, Map<String, JsonNode>> fieldCaps = new HashMap<>();
    private static final Map<String, TimeRange> ranges = new HashMap<>();

    @BeforeAll
    static void fillTheIndices() throws Exception {
        long started = System.nanoTime();
        String root = System.getProperty("repo.root");
        repoRoot = (root == null || root.isBlank() ? Path.of("..") : Path.of(root)).toAbsolutePath().normalize();
        objects = DashboardSavedObjects.load(repoRoot.resolve("dashboards/kibana"));

        // a stack of its own, stopped after the class: the shared TestStack would outlive this class and leave
        // child processes that EmbeddedServicesTest (which runs later in the same JVM) rightly complains about
        workDir = WorkDirs.create("insurwatch-dashboards-");
        stack = EmbeddedStack.start(Path.of(System.getProperty("elasticsearch.home", "target/elasticsearch")), workDir);
        JobConfig config = stack.jobConfig("dashboards");
        config.parallelism = 2;
        config.elasticsearch.alertsIndex = ALERTS;
        config.elasticsearch.chainHealthIndex = CHAIN_HEALTH;
        config.elasticsearch.doctorActivityIndex = DOCTOR_ACTIVITY;
        double stackReady = (System.nanoTime() - started) / 1e9;
        es = IndexTemplates.client(config.elasticsearch.hosts);
        for (String index : INDICES) {
            try {
                es.performRequest(new Request("DELETE", "/" + index + "*"));
            } catch (ResponseException e) {
                if (e.getResponse().getStatusLine().getStatusCode() != 404) {
                    throw e;
                }
            }
            Request put = new Request("PUT", "/_index_template/" + index);
            put.setJsonEntity(Files.readString(repoRoot.resolve("dashboards/index-templates/" + index + ".json")));
            es.performRequest(put);
        }

        TrafficOptions options = TrafficOptions.defaults().withSeed(23).withViolationRate(0.2)
                .withScenarios(EnumSet.copyOf(Scenario.violations())).withSimulatedGap(Duration.ofSeconds(3));
        traffic = DashboardTraffic.write(config, options, CHAINS, Path.of("target/dashboards-ground-truth.jsonl"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new SupervisionJob(config, KafkaStreamSources.upToLatest(config), JobSinks.kafkaAndElasticsearch(config)).build(env);
        double trafficWritten = (System.nanoTime() - started) / 1e9;
        env.execute("dashboards");
        double jobDone = (System.nanoTime() - started) / 1e9;
        refresh();
        jobAlertsByRule = new java.util.TreeMap<>();
        for (JsonNode alert : StoredDocuments.alerts(stack.elasticsearch().httpUrl(), ALERTS)) {
            jobAlertsByRule.merge(alert.path("ruleId").asText(), 1L, Long::sum);
        }
        jobAlerts = jobAlertsByRule.values().stream().mapToLong(Long::longValue).sum();
        standIns = traffic.standInAlerts(jobAlertsByRule.keySet());
        bulk(ALERTS, standIns.stream().map(AlertDocument::toJson).toList(), "alertId");
        refresh();

        ObjectNode fundSum = JSON.createObjectNode().put("size", 0);
        fundSum.putObject("aggs").putObject("fund").putObject("sum").put("field", "fundAtRiskFen");
        allAlertsFundFen = search(ALERTS, fundSum).path("aggregations").path("fund").path("value").asDouble();

        for (SavedObject view : objects.ofType("index-pattern")) {
            String title = view.attributes().path("title").asText();
            JsonNode caps = get("/" + title + "/_field_caps?fields=*").path("fields");
            Map<String, JsonNode> byField = new LinkedHashMap<>();
            caps.fields().forEachRemaining(e -> byField.put(e.getKey(), e.getValue()));
            fieldCaps.put(title, byField);
            String timeField = view.attributes().path("timeFieldName").asText();
            ObjectNode body = JSON.createObjectNode().put("size", 0);
            ObjectNode aggs = body.putObject("aggs");
            aggs.putObject("min").putObject("min").put("field", timeField);
            aggs.putObject("max").putObject("max").put("field", timeField);
            JsonNode answer = search(title, body).path("aggregations");
            if (answer.path("min").path("value").isNumber()) {
                ranges.put(view.id(), new TimeRange(timeField, answer.path("min").path("value").asLong(),
                        answer.path("max").path("value").asLong()));
            }
        }
        System.out.printf("dashboards: %,d generated events → job: %,d alerts %s, %,d chain-health and %,d doctor-activity"
                        + " documents; %,d stand-in alerts %s; in %.1f s (stack %.1f s, traffic %.1f s, job %.1f s)%n",
                traffic.events, jobAlerts, jobAlertsByRule, count(CHAIN_HEALTH), count(DOCTOR_ACTIVITY), standIns.size(),
                standIns.stream().collect(Collectors.groupingBy(Alert::getRuleId, java.util.TreeMap::new, Collectors.counting())),
                (System.nanoTime() - started) / 1e9, stackReady, trafficWritten - stackReady, jobDone - trafficWritten);
        assertThat(jobAlerts).as("alerts the job wrote").isPositive();
    }

    @AfterAll
    static void close() throws IOException {
        try {
            if (es != null) {
                es.close();
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
            if (workDir != null && workDir.getFileName().toString().startsWith("insurwatch-dashboards-")) {
                try (var files = Files.walk(workDir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ structure

    @Test
    void everySavedObjectIsWellFormedAndEveryReferenceResolves() {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(objects.all).as("saved objects in dashboards/kibana").isNotEmpty();
        soft.assertThat(objects.ofType("dashboard").stream().map(SavedObject::id).collect(Collectors.toSet()))
                .as("dashboards").isEqualTo(DASHBOARDS);
        for (SavedObject o : objects.all) {
            soft.assertThat(o.type()).as("%s type", o).isIn("index-pattern", "lens", "visualization", "search", "dashboard");
            soft.assertThat(o.id()).as("%s id", o).matches("[a-z0-9-]+");
            soft.assertThat(o.title()).as("%s title", o).isNotBlank();
            soft.assertThat(o.json().path("coreMigrationVersion").asText()).as("%s coreMigrationVersion", o).isNotBlank();
            soft.assertThat(o.json().path("typeMigrationVersion").asText()).as("%s typeMigrationVersion", o).isNotBlank();
            Set<String> names = new HashSet<>();
            for (Reference ref : o.references()) {
                soft.assertThat(names.add(ref.name())).as("%s reference name %s is unique", o, ref.name()).isTrue();
                soft.assertThat(objects.find(ref.type(), ref.id())).as("%s reference %s → %s %s", o, ref.name(), ref.type(), ref.id())
                        .isPresent();
            }
        }
        for (SavedObject lens : objects.ofType("lens")) {
            List<DashboardLens> layers = DashboardLens.layers(lens, objects);
            Set<String> expected = layers.stream().map(l -> "indexpattern-datasource-layer-" + l.layerId).collect(Collectors.toSet());
            soft.assertThat(lens.references().stream().map(Reference::name).collect(Collectors.toSet()))
                    .as("%s references exactly its layers' data views", lens).isEqualTo(expected);
            JsonNode visualization = lens.attributes().path("state").path("visualization");
            Set<String> accessors = accessors(lens.attributes().path("visualizationType").asText(), visualization);
            for (DashboardLens layer : layers) {
                layer.checkOperations();
                for (String accessor : accessors) {
                    soft.assertThatCode(() -> layer.column(accessor)).as("%s shows column %s", lens, accessor).doesNotThrowAnyException();
                }
            }
            soft.assertThat(accessors).as("%s shows at least one column", lens).isNotEmpty();
        }
        for (SavedObject vis : objects.ofType("visualization")) {
            JsonNode visState = vis.jsonAttribute("visState");
            soft.assertThat(visState.path("type").asText()).as("%s visState.type", vis).isIn("markdown", "vega");
            soft.assertThat(visState.path("title").asText()).as("%s visState.title", vis).isEqualTo(vis.title());
        }
        for (SavedObject search : objects.ofType("search")) {
            JsonNode source = search.jsonAttribute("kibanaSavedObjectMeta", "searchSourceJSON");
            soft.assertThat(search.reference(source.path("indexRefName").asText())).as("%s indexRefName", search).isPresent();
        }
        Set<String> used = new HashSet<>();
        for (SavedObject dashboard : objects.ofType("dashboard")) {
            JsonNode panels = dashboard.jsonAttribute("panelsJSON");
            List<int[]> cells = new ArrayList<>();
            Set<String> panelIndexes = new HashSet<>();
            for (JsonNode panel : panels) {
                String panelIndex = panel.path("panelIndex").asText();
                soft.assertThat(panelIndexes.add(panelIndex)).as("%s panelIndex %s unique", dashboard, panelIndex).isTrue();
                soft.assertThat(panel.path("gridData").path("i").asText()).as("%s gridData.i", dashboard).isEqualTo(panelIndex);
                String refName = panelIndex + ":" + panel.path("panelRefName").asText();
                var ref = dashboard.reference(refName);
                soft.assertThat(ref).as("%s panel %s reference %s", dashboard, panelIndex, refName).isPresent();
                ref.ifPresent(r -> {
                    soft.assertThat(r.type()).as("%s panel %s type", dashboard, panelIndex).isEqualTo(panel.path("type").asText());
                    used.add(r.type() + "/" + r.id());
                });
                JsonNode grid = panel.path("gridData");
                int[] cell = {grid.path("x").asInt(), grid.path("y").asInt(), grid.path("w").asInt(), grid.path("h").asInt()};
                soft.assertThat(cell[0] + cell[2]).as("%s panel %s fits the 48 columns", dashboard, panelIndex).isLessThanOrEqualTo(48);
                soft.assertThat(cell[2] > 0 && cell[3] > 0).as("%s panel %s has a size", dashboard, panelIndex).isTrue();
                for (int[] other : cells) {
                    boolean overlap = cell[0] < other[0] + other[2] && other[0] < cell[0] + cell[2]
                            && cell[1] < other[1] + other[3] && other[1] < cell[1] + cell[3];
                    soft.assertThat(overlap).as("%s panel %s overlaps another panel", dashboard, panelIndex).isFalse();
                }
                cells.add(cell);
            }
        }
        for (SavedObject o : objects.all) {
            if (!o.type().equals("index-pattern") && !o.type().equals("dashboard")) {
                soft.assertThat(used).as("%s is on a dashboard", o).contains(o.type() + "/" + o.id());
            }
        }
        soft.assertAll();
    }

    @Test
    void dataViewsCoverTheIndicesWithTheirTimeFields() throws IOException {
        Map<String, String> expected = Map.of(ALERTS, "detectedAt", CHAIN_HEALTH, "windowStart", DOCTOR_ACTIVITY, "windowStart");
        SoftAssertions soft = new SoftAssertions();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            SavedObject view = objects.get("index-pattern", e.getKey());
            String title = view.attributes().path("title").asText();
            soft.assertThat(view.attributes().path("timeFieldName").asText()).as("%s time field", view).isEqualTo(e.getValue());
            JsonNode resolved = get("/_resolve/index/" + title);
            List<String> indices = new ArrayList<>();
            resolved.path("indices").forEach(i -> indices.add(i.path("name").asText()));
            soft.assertThat(indices).as("the job's monthly indices are in data view %s", title)
                    .anySatisfy(index -> assertThat(index).startsWith(e.getKey() + "-"));
            JsonNode time = fieldCaps.get(title).get(e.getValue());
            soft.assertThat(time).as("%s in the mapping", e.getValue()).isNotNull();
            if (time != null) {
                soft.assertThat(time.has("date")).as("%s is a date", e.getValue()).isTrue();
            }
            soft.assertThat(ranges).as("documents in %s", title).containsKey(view.id());
        }
        soft.assertAll();
    }

    @Test
    void everyFieldAPanelUsesIsMappedAggregatableAndNotNested() {
        SoftAssertions soft = new SoftAssertions();
        for (SavedObject lens : objects.ofType("lens")) {
            for (DashboardLens layer : DashboardLens.layers(lens, objects)) {
                String title = layer.dataView.attributes().path("title").asText();
                Map<String, JsonNode> caps = fieldCaps.get(title);
                for (String field : layer.fields()) {
                    checkField(soft, lens + " (" + title + ")", caps, field);
                }
                for (Column c : layer.columns) {
                    if (c.field() == null || c.field().equals(DashboardLens.RECORDS) || caps.get(c.field()) == null) {
                        continue;
                    }
                    Set<String> types = typesOf(caps.get(c.field()));
                    Set<String> allowed = switch (c.op()) {
                        case "date_histogram" -> Set.of("date");
                        case "terms" -> Set.of("keyword");
                        case "sum", "average", "percentile", "median" -> Set.of("long", "integer", "double", "float", "scaled_float");
                        case "max", "min" -> Set.of("long", "integer", "double", "float", "scaled_float", "date");
                        default -> types;
                    };
                    soft.assertThat(allowed).as("%s column %s: %s on %s %s", lens, c.id(), c.op(), c.field(), types).containsAll(types);
                }
            }
        }
        for (SavedObject search : objects.ofType("search")) {
            SavedObject view = objects.dataView(search, "kibanaSavedObjectMeta.searchSourceJSON.index");
            Map<String, JsonNode> caps = fieldCaps.get(view.attributes().path("title").asText());
            search.attributes().path("columns").forEach(c -> soft.assertThat(caps).as("%s column %s mapped", search, c.asText())
                    .containsKey(c.asText()));
            search.attributes().path("sort").forEach(s -> checkField(soft, search.toString(), caps, s.path(0).asText()));
        }
        for (SavedObject vega : vegaVisualizations()) {
            JsonNode url = vegaSpec(vega).path("data").path("url");
            Map<String, JsonNode> caps = fieldCaps.get(url.path("index").asText());
            soft.assertThat(caps).as("%s index %s is a data view's index pattern", vega, url.path("index").asText()).isNotNull();
            if (caps == null) {
                continue;
            }
            Set<String> nestedPaths = new LinkedHashSet<>();
            Set<String> fields = new LinkedHashSet<>();
            collectVegaFields(url.path("body"), fields, nestedPaths);
            fields.add(url.path("%timefield%").asText());
            for (String path : nestedPaths) {
                soft.assertThat(caps.get(path)).as("%s nested path %s", vega, path).isNotNull();
                if (caps.get(path) != null) {
                    soft.assertThat(caps.get(path).has("nested")).as("%s %s is nested", vega, path).isTrue();
                }
            }
            for (String field : fields) {
                JsonNode cap = caps.get(field);
                soft.assertThat(cap).as("%s field %s in the mapping", vega, field).isNotNull();
                if (cap != null) {
                    soft.assertThat(cap.elements().next().path("aggregatable").asBoolean()).as("%s %s aggregatable", vega, field).isTrue();
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void noPatientIdentityAnywhereAndThePseudonymIsHidden() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(repoRoot.resolve("dashboards/kibana"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson")).toList()) {
                all.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        for (String identity : PATIENT_IDENTITY) {
            assertThat(all.toString()).as("saved objects mention %s", identity).doesNotContain(identity);
        }
        SoftAssertions soft = new SoftAssertions();
        for (SavedObject lens : objects.ofType("lens")) {
            for (DashboardLens layer : DashboardLens.layers(lens, objects)) {
                soft.assertThat(layer.fields()).as("%s uses the patient pseudonym", lens).doesNotContain("patientPseudonym");
            }
        }
        for (SavedObject o : objects.all) {
            if (!o.type().equals("index-pattern")) {
                soft.assertThat(o.json().toString()).as("%s mentions patientPseudonym", o).doesNotContain("patientPseudonym");
            }
        }
        JsonNode sourceFilters = objects.get("index-pattern", ALERTS).jsonAttribute("sourceFilters");
        soft.assertThat(sourceFilters.findValuesAsText("value")).as("the alerts data view hides the pseudonym from Discover")
                .contains("patientPseudonym");
        soft.assertAll();
    }

    @Test
    void titlesAndLabelsAreChineseWithTheEnglishTerm() {
        SoftAssertions soft = new SoftAssertions();
        for (SavedObject o : objects.all) {
            if (o.type().equals("index-pattern")) {
                soft.assertThat(hasCjk(o.attributes().path("name").asText())).as("%s name in Chinese", o).isTrue();
                continue;
            }
            soft.assertThat(hasCjk(o.title()) && o.title().matches(".*[A-Za-z].*")).as("%s title «%s» in Chinese and English", o, o.title())
                    .isTrue();
        }
        for (SavedObject lens : objects.ofType("lens")) {
            for (DashboardLens layer : DashboardLens.layers(lens, objects)) {
                Set<String> helpers = new HashSet<>();
                layer.columns.forEach(c -> helpers.addAll(c.references()));
                for (Column c : layer.columns) {
                    if (!helpers.contains(c.id())) {
                        soft.assertThat(c.json().path("customLabel").asBoolean() && hasCjk(c.label()))
                                .as("%s column %s label «%s» in Chinese", lens, c.id(), c.label()).isTrue();
                    }
                }
            }
        }
        soft.assertAll();
    }

    // ------------------------------------------------------------------------------------------------ panels

    @Test
    void everyPanelFindsSensibleBucketsInTheRealIndices() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        List<String> table = new ArrayList<>();
        table.add("| dashboard | panel | data view · query | aggregation | found |");
        table.add("|---|---|---|---|---|");
        for (String dashboardId : List.of("insurwatch-overview", "insurwatch-doctor-capacity", "insurwatch-traceability",
                "insurwatch-price")) {
            SavedObject dashboard = objects.get("dashboard", dashboardId);
            String dashboardTitle = dashboard.title().split(" ")[0];
            for (JsonNode panel : dashboard.jsonAttribute("panelsJSON")) {
                String refName = panel.path("panelIndex").asText() + ":" + panel.path("panelRefName").asText();
                var o = dashboard.reference(refName).flatMap(ref -> objects.find(ref.type(), ref.id()));
                if (o.isEmpty()) {
                    soft.fail("%s: panel %s refers to no saved object", dashboard, refName);
                    table.add("| " + dashboardTitle + " | " + refName + " | — | — | MISSING |");
                    continue;
                }
                try {
                    table.addAll(checkPanel(soft, dashboardTitle, o.get()));
                } catch (AssertionError | RuntimeException e) {
                    String message = String.valueOf(e.getMessage());
                    soft.fail("%s: %s", o.get(), message);
                    table.add(row(dashboardTitle, o.get(), new String[] {"—", "—", "FAILED: " + message.lines().findFirst().orElse("")}));
                }
            }
        }
        System.out.println(String.join("\n", table));
        soft.assertAll();
    }

    /**
     * What the single-number panels must show over the whole time range, worked out from the generated events,
     * the job's alerts and the stand-ins, independently of Elasticsearch.
     */
    private static Map<String, Double> expectedMetricValues() {
        Map<String, Double> expected = new HashMap<>();
        Map<String, Long> byRule = new HashMap<>(jobAlertsByRule);
        standIns.forEach(a -> byRule.merge(a.getRuleId(), 1L, Long::sum));
        expected.put("insurwatch-ov-alerts", (double) byRule.values().stream().mapToLong(Long::longValue).sum());
        expected.put("insurwatch-tr-alerts", (double) byRule.entrySet().stream().filter(e -> e.getKey().startsWith("TRACE-"))
                .mapToLong(Map.Entry::getValue).sum());
        expected.put("insurwatch-tr-stalled", (double) traffic.groundTruth.stream()
                .filter(t -> "TRACE-STALLED".equals(t.expectedRuleId())).count());
        expected.put("insurwatch-pr-alerts", (double) byRule.getOrDefault("PRICE-ABOVE-MEDIAN", 0L));
        expected.put("insurwatch-dc-bulk", (double) byRule.entrySet().stream().filter(e -> e.getKey().startsWith("BULK-"))
                .mapToLong(Map.Entry::getValue).sum());
        expected.put("insurwatch-ov-fund", allAlertsFundFen / 100);
        // the job's summaries against the same events counted here, outside Flink
        expected.put("insurwatch-tr-steps", (double) traffic.steps.size());
        expected.put("insurwatch-tr-fund", traffic.steps.stream().filter(s -> s.stage == ChainStage.SETTLED)
                .mapToLong(s -> s.fundFen).sum() / 100.0);
        expected.put("insurwatch-dc-max-rx", (double) traffic.doctorHours().stream()
                .mapToInt(h -> h.prescriptions().size()).max().orElse(0));
        expected.put("insurwatch-dc-max-ih", (double) traffic.doctorHours().stream()
                .mapToInt(h -> h.internetHospitals().size()).max().orElse(0));
        expected.put("insurwatch-dc-doctors", (double) traffic.doctorHours().stream()
                .map(DashboardTraffic.DoctorHour::doctorId).distinct().count());
        return expected;
    }

    private List<String> checkPanel(SoftAssertions soft, String dashboardTitle, SavedObject o) throws IOException {
        List<String> rows = new ArrayList<>();
        switch (o.type()) {
            case "lens" -> {
                for (DashboardLens layer : DashboardLens.layers(o, objects)) {
                    rows.add(row(dashboardTitle, o, checkLens(soft, layer)));
                }
            }
            case "search" -> rows.add(row(dashboardTitle, o, checkSearch(soft, o)));
            case "visualization" -> {
                JsonNode visState = o.jsonAttribute("visState");
                rows.add(row(dashboardTitle, o, visState.path("type").asText().equals("vega") ? checkVega(soft, o)
                        : new String[] {"—", visState.path("type").asText(), "links and notes"}));
            }
            default -> soft.fail("%s: unexpected panel type", o);
        }
        return rows;
    }

    private String[] checkLens(SoftAssertions soft, DashboardLens layer) throws IOException {
        String index = layer.dataView.attributes().path("title").asText();
        TimeRange range = ranges.get(layer.dataView.id());
        String what = layer.object.title();
        String query = index + (layer.kql.isBlank() ? "" : " · `" + layer.kql + "`");
        if (range == null) {
            soft.fail("%s: no documents in %s", what, index);
            return new String[] {query, describe(layer, null), "NO DATA"};
        }
        ObjectNode request = layer.request(range);
        JsonNode response = search(index, request);
        Result result = layer.evaluate(response, range);
        soft.assertThat(result.hits()).as("%s: documents matching %s", what, query).isPositive();
        soft.assertThat(result.rows()).as("%s: rows", what).isNotEmpty();
        List<Column> buckets = layer.buckets();
        for (Column b : buckets) {
            soft.assertThat(result.keys().get(b.id())).as("%s: buckets of %s", what, b.label()).isNotEmpty();
            if (b.op().equals("terms")) {
                soft.assertThat(result.keys().get(b.id()).size()).as("%s: %s buckets within size", what, b.label())
                        .isLessThanOrEqualTo(b.params().path("size").asInt());
            }
        }
        if (!buckets.isEmpty()) {
            Column top = buckets.get(0);
            long accounted = result.topBucketDocs() + result.topOther() + result.topMissing();
            soft.assertThat(accounted).as("%s: %s buckets + other + missing add up to the hits", what, top.label())
                    .isEqualTo(result.hits());
        }
        for (Column b : buckets) {
            if (b.op().equals("date_histogram")) {
                long[] span = minMax(index, b.field(), request.path("query"));
                long interval = result.intervals().get(b.id());
                long first = result.keys().get(b.id()).stream().mapToLong(k -> (Long) k).min().orElse(Long.MAX_VALUE);
                long last = result.keys().get(b.id()).stream().mapToLong(k -> (Long) k).max().orElse(Long.MIN_VALUE);
                soft.assertThat(first).as("%s: histogram starts by the first document", what).isLessThanOrEqualTo(span[0]);
                soft.assertThat(last + interval).as("%s: histogram reaches past the last document", what).isGreaterThan(span[1]);
                long buckets100 = (last - first) / interval + 1;
                soft.assertThat(buckets100).as("%s: histogram bars", what).isBetween(1L, 1000L);
            }
        }
        for (Column m : layer.metrics()) {
            List<Double> values = result.rows().stream().map(r -> (Double) r.get(m.id())).filter(Objects::nonNull).toList();
            soft.assertThat(values).as("%s: values of %s", what, m.label()).isNotEmpty();
            if (m.op().equals("unique_count") && m.filterKql() == null) {
                result.rows().forEach(r -> {
                    if (r.get(m.id()) != null) {
                        soft.assertThat((Double) r.get(m.id())).as("%s: %s at most the bucket's documents", what, m.label())
                                .isLessThanOrEqualTo(((Long) r.get("_doc_count")).doubleValue());
                    }
                });
            }
            // a misnamed field sums to nothing; the top buckets themselves may rightly sum to 0 (the doctors with most
            // alerts can be those whose alerts carry no money, as bulk prescribing's do)
            if (m.op().equals("sum")) {
                soft.assertThat(values).as("%s: values of %s", what, m.label()).allMatch(v -> v >= 0);
                soft.assertThat(sum(index, m.field(), request.path("query"))).as("%s: %s over the panel's documents", what, m.label())
                        .isPositive();
            }
        }
        for (Column f : layer.formulas()) {
            double total = result.rows().stream().map(r -> (Double) r.get(f.id())).filter(Objects::nonNull)
                    .mapToDouble(Double::doubleValue).sum();
            String formula = f.params().path("formula").asText();
            soft.assertThat(total).as("%s: %s (%s)", what, f.label(), formula).isNotNegative().isFinite();
            // the stored math tree must compute what the formula text says: sum(field) / divisor
            Matcher yuan = Pattern.compile("sum\\((\\w+)\\) / (\\d+)").matcher(formula);
            soft.assertThat(yuan.matches()).as("%s: formula %s is a fen-to-yuan sum", what, formula).isTrue();
            if (yuan.matches()) {
                Column math = layer.column(f.references().get(0));
                soft.assertThat(math.params().path("tinymathAst").path("text").asText()).as("%s: math text", what).isEqualTo(formula);
                Column part = layer.column(math.references().get(0));
                soft.assertThat(part.op() + "(" + part.field() + ")").as("%s: formula part", what).isEqualTo("sum(" + yuan.group(1) + ")");
                soft.assertThat(sum(index, yuan.group(1), request.path("query"))).as("%s: %s over the panel's documents", what, yuan.group(1))
                        .isPositive();
                double divisor = Double.parseDouble(yuan.group(2));
                for (Map<String, Object> r : result.rows()) {
                    if (r.get(f.id()) != null && r.get(part.id()) != null) {
                        soft.assertThat((Double) r.get(f.id())).as("%s: %s of a row", what, formula)
                                .isCloseTo((Double) r.get(part.id()) / divisor, org.assertj.core.data.Offset.offset(1e-6));
                    }
                }
            }
        }
        Map<String, Column> byOp = new HashMap<>();
        layer.metrics().forEach(m -> byOp.putIfAbsent(m.op() + "/" + m.field(), m));
        for (Column m : layer.metrics()) {
            Column max = byOp.get("max/" + m.field());
            if (max != null && (m.op().equals("average") || m.op().equals("percentile"))) {
                result.rows().forEach(r -> {
                    if (r.get(m.id()) != null && r.get(max.id()) != null) {
                        soft.assertThat((Double) r.get(m.id())).as("%s: %s ≤ max", what, m.label())
                                .isLessThanOrEqualTo((Double) r.get(max.id()));
                    }
                });
            }
        }
        Double expected = expectedMetricValues().get(layer.object.id());
        if (expected != null) {
            String accessor = layer.object.attributes().path("state").path("visualization").path("metricAccessor").asText();
            soft.assertThat(result.rows()).as("%s: one value", what).hasSize(1);
            soft.assertThat((Double) result.rows().get(0).get(accessor)).as("%s: the value the data holds", what)
                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(0.005));
        }
        return new String[] {query, describe(layer, range), summary(layer, result)};
    }

    private String[] checkVega(SoftAssertions soft, SavedObject vega) throws IOException {
        JsonNode spec = vegaSpec(vega);
        JsonNode url = spec.path("data").path("url");
        String index = url.path("index").asText();
        ObjectNode body = url.path("body").deepCopy();
        SavedObject view = objects.ofType("index-pattern").stream()
                .filter(v -> v.attributes().path("title").asText().equals(index)).findFirst().orElseThrow();
        TimeRange range = ranges.get(view.id());
        if (url.path("%context%").asBoolean()) {
            soft.assertThat(body.has("query")).as("%s: %%context%% and a query of its own", vega).isFalse();
            body.putObject("query").putObject("bool").putArray("filter").addObject().putObject("range")
                    .putObject(url.path("%timefield%").asText()).put("gte", range.min()).put("lte", range.max())
                    .put("format", "epoch_millis");
        }
        JsonNode node = search(index, body);
        for (String step : spec.path("data").path("format").path("property").asText().split("\\.")) {
            node = node.path(step);
        }
        soft.assertThat(node.isArray() && !node.isEmpty()).as("%s: buckets at %s", vega,
                spec.path("data").path("format").path("property").asText()).isTrue();
        long alerts = 0;
        double fund = 0;
        for (JsonNode bucket : node) {
            soft.assertThat(bucket.path("alerts").path("doc_count").asLong()).as("%s: alerts of %s", vega, bucket.path("key")).isPositive();
            alerts += bucket.path("alerts").path("doc_count").asLong();
            fund += bucket.path("alerts").path("fund").path("value").asDouble();
        }
        soft.assertThat(fund).as("%s: fund at risk", vega).isPositive();
        return new String[] {index + " · nested `evidence` filtered to PRICE-ABOVE-MEDIAN",
                "filter > nested(evidence) > terms(evidence.fields.drugCode,15) > reverse_nested > sum(fundAtRiskFen), cardinality(pharmacyId)",
                String.format("%d drugs, %,d alerts, ¥%,.2f", node.size(), alerts, fund / 100)};
    }

    private String[] checkSearch(SoftAssertions soft, SavedObject search) throws IOException {
        SavedObject view = objects.dataView(search, "kibanaSavedObjectMeta.searchSourceJSON.index");
        String index = view.attributes().path("title").asText();
        String kql = search.jsonAttribute("kibanaSavedObjectMeta", "searchSourceJSON").path("query").path("query").asText("");
        ObjectNode body = JSON.createObjectNode().put("size", 10).put("track_total_hits", true);
        body.set("query", DashboardKql.toQuery(kql));
        ArrayNode sort = body.putArray("sort");
        search.attributes().path("sort").forEach(s -> sort.addObject().put(s.path(0).asText(), s.path(1).asText()));
        ArrayNode includes = body.putObject("_source").putArray("includes");
        search.attributes().path("columns").forEach(includes::add);
        JsonNode hits = search(index, body).path("hits");
        soft.assertThat(hits.path("total").path("value").asLong()).as("%s: hits", search).isPositive();
        soft.assertThat(hits.path("hits").isEmpty()).as("%s: rows", search).isFalse();
        String latest = hits.path("hits").path(0).path("sort").path(0).asText();
        return new String[] {index + (kql.isBlank() ? "" : " · `" + kql + "`"),
                "documents sorted " + search.attributes().path("sort") + ", columns " + search.attributes().path("columns").size(),
                String.format("%,d hits, latest %s", hits.path("total").path("value").asLong(),
                        latest.isEmpty() ? "?" : Instant.ofEpochMilli(Long.parseLong(latest)))};
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String row(String dashboard, SavedObject o, String[] cells) {
        return "| " + dashboard + " | " + o.title() + " | " + String.join(" | ", cells) + " |";
    }

    private static String describe(DashboardLens layer, TimeRange range) {
        List<String> parts = new ArrayList<>();
        for (Column b : layer.buckets()) {
            if (b.op().equals("terms")) {
                parts.add("terms(" + b.field() + "," + b.params().path("size").asInt() + ")");
            } else {
                String interval = b.params().path("interval").asText();
                parts.add("date_histogram(" + b.field() + "," + (range == null ? interval
                        : interval + "=" + Duration.ofMillis(layer.interval(b, range)).toString().substring(2).toLowerCase()) + ")");
            }
        }
        List<String> metrics = new ArrayList<>();
        for (Column c : layer.columns) {
            if (c.bucketed() || c.op().equals("math") || layer.columns.stream().anyMatch(o -> o.references().contains(c.id()))) {
                continue;
            }
            String m = switch (c.op()) {
                case "formula" -> c.params().path("formula").asText();
                case "count" -> "count";
                case "average" -> "avg(" + c.field() + ")";
                case "unique_count" -> "cardinality(" + c.field() + ")";
                case "percentile" -> "percentiles(" + c.field() + "," + c.params().path("percentile").asInt() + ")";
                default -> c.op() + "(" + c.field() + ")";
            };
            metrics.add(c.filterKql() == null ? m : m + "[" + c.filterKql() + "]");
        }
        return (parts.isEmpty() ? "" : String.join(" > ", parts) + " → ") + String.join(", ", metrics);
    }

    private static String summary(DashboardLens layer, Result result) {
        List<String> parts = new ArrayList<>();
        parts.add(String.format("%,d docs", result.hits()));
        for (Column b : layer.buckets()) {
            parts.add(result.keys().get(b.id()).size() + " " + b.field() + (b.op().equals("terms") ? " keys" : " bars"));
        }
        for (Column c : layer.columns) {
            if (c.bucketed() || c.op().equals("math") || layer.columns.stream().anyMatch(o -> o.references().contains(c.id()))) {
                continue;
            }
            List<Double> values = result.rows().stream().map(r -> (Double) r.get(c.id())).filter(Objects::nonNull).toList();
            if (values.isEmpty()) {
                parts.add(c.id().substring(c.id().lastIndexOf('-') + 1) + " —");
                continue;
            }
            String name = c.id().substring(c.id().lastIndexOf('-') + 1);
            double sum = values.stream().mapToDouble(Double::doubleValue).sum();
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            parts.add(switch (c.op()) {
                case "formula" -> String.format("%s Σ¥%,.2f", name, sum);
                case "count", "sum" -> String.format("%s Σ%,.0f", name, sum);
                case "max" -> c.json().path("dataType").asText().equals("date")
                        ? name + " ≤" + Instant.ofEpochMilli((long) max) : String.format("%s max %,.0f", name, max);
                default -> String.format("%s max %,.1f", name, max);
            });
        }
        return String.join(", ", parts);
    }

    private static Set<String> accessors(String visualizationType, JsonNode visualization) {
        Set<String> ids = new LinkedHashSet<>();
        switch (visualizationType) {
            case "lnsMetric" -> ids.add(visualization.path("metricAccessor").asText());
            case "lnsDatatable" -> visualization.path("columns").forEach(c -> ids.add(c.path("columnId").asText()));
            case "lnsXY" -> visualization.path("layers").forEach(l -> {
                ids.add(l.path("xAccessor").asText());
                l.path("accessors").forEach(a -> ids.add(a.asText()));
                if (l.has("splitAccessor")) {
                    ids.add(l.path("splitAccessor").asText());
                }
            });
            default -> throw new AssertionError("unsupported Lens visualization " + visualizationType);
        }
        ids.remove("");
        return ids;
    }

    private static void checkField(SoftAssertions soft, String where, Map<String, JsonNode> caps, String field) {
        JsonNode cap = caps.get(field);
        soft.assertThat(cap).as("%s: field %s in the mapping", where, field).isNotNull();
        if (cap == null) {
            return;
        }
        cap.fields().forEachRemaining(t -> soft.assertThat(t.getValue().path("aggregatable").asBoolean())
                .as("%s: %s (%s) aggregatable", where, field, t.getKey()).isTrue());
        String[] parts = field.split("\\.");
        for (int i = 1; i < parts.length; i++) {
            JsonNode parent = caps.get(String.join(".", List.of(parts).subList(0, i)));
            soft.assertThat(parent != null && parent.has("nested")).as("%s: %s lies in a nested field, which Lens cannot use", where, field)
                    .isFalse();
        }
    }

    private static Set<String> typesOf(JsonNode cap) {
        Set<String> types = new HashSet<>();
        cap.fieldNames().forEachRemaining(types::add);
        return types;
    }

    private static List<SavedObject> vegaVisualizations() {
        return objects.ofType("visualization").stream()
                .filter(v -> v.jsonAttribute("visState").path("type").asText().equals("vega")).toList();
    }

    private static JsonNode vegaSpec(SavedObject vega) {
        try {
            return JSON.readTree(vega.jsonAttribute("visState").path("params").path("spec").asText());
        } catch (IOException e) {
            throw new AssertionError(vega + ": the Vega spec is not JSON", e);
        }
    }

    private static void collectVegaFields(JsonNode node, Set<String> fields, Set<String> nestedPaths) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("field") && e.getValue().isTextual()) {
                    fields.add(e.getValue().asText());
                } else if (e.getKey().equals("nested")) {
                    nestedPaths.add(e.getValue().path("path").asText());
                } else if (e.getKey().equals("term") && e.getValue().isObject()) {
                    e.getValue().fieldNames().forEachRemaining(fields::add);
                }
                collectVegaFields(e.getValue(), fields, nestedPaths);
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectVegaFields(n, fields, nestedPaths));
        }
    }

    private static boolean hasCjk(String text) {
        return text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    private static double sum(String index, String field, JsonNode query) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("size", 0);
        body.set("query", query);
        body.putObject("aggs").putObject("sum").putObject("sum").put("field", field);
        return search(index, body).path("aggregations").path("sum").path("value").asDouble();
    }

    private static long[] minMax(String index, String field, JsonNode query) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("size", 0);
        body.set("query", query);
        ObjectNode aggs = body.putObject("aggs");
        aggs.putObject("min").putObject("min").put("field", field);
        aggs.putObject("max").putObject("max").put("field", field);
        JsonNode a = search(index, body).path("aggregations");
        return new long[] {a.path("min").path("value").asLong(), a.path("max").path("value").asLong()};
    }

    private static JsonNode search(String index, JsonNode body) throws IOException {
        Request request = new Request("POST", "/" + index + "*/_search");
        request.setJsonEntity(body.toString());
        try {
            return JSON.readTree(es.performRequest(request).getEntity().getContent());
        } catch (ResponseException e) {
            throw new AssertionError("search on " + index + " failed: " + body + "\n"
                    + new String(e.getResponse().getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8), e);
        }
    }

    private static JsonNode get(String path) throws IOException {
        return JSON.readTree(es.performRequest(new Request("GET", path)).getEntity().getContent());
    }

    private static long count(String index) throws IOException {
        return get("/" + index + "*/_count").path("count").asLong();
    }

    private static void refresh() throws IOException {
        es.performRequest(new Request("POST", "/" + String.join("*,", INDICES) + "*/_refresh?ignore_unavailable=true"));
    }

    private static void bulk(String index, List<ObjectNode> documents, String idField) throws IOException {
        for (int from = 0; from < documents.size(); from += 2000) {
            StringBuilder body = new StringBuilder();
            for (ObjectNode doc : documents.subList(from, Math.min(documents.size(), from + 2000))) {
                ObjectNode action = JSON.createObjectNode();
                ObjectNode meta = action.putObject("index").put("_index", index);
                if (idField != null) {
                    meta.put("_id", doc.path(idField).asText());
                }
                body.append(action).append('\n').append(doc).append('\n');
            }
            Request request = new Request("POST", "/_bulk");
            request.setJsonEntity(body.toString());
            JsonNode answer = JSON.readTree(es.performRequest(request).getEntity().getContent());
            if (answer.path("errors").asBoolean()) {
                List<String> reasons = new ArrayList<>();
                answer.path("items").forEach(i -> {
                    if (i.path("index").has("error") && reasons.size() < 3) {
                        reasons.add(i.path("index").path("error").toString());
                    }
                });
                throw new AssertionError("bulk into " + index + " rejected documents: " + reasons);
            }
        }
    }
}
