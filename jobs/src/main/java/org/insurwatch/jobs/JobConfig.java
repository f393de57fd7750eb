package org.insurwatch.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.flink.configuration.MemorySize;
import org.insurwatch.jobs.alerts.webhook.WebhookConfig;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The job's whole configuration: one typed object, read from YAML and validated in one place, so a bad
 * value stops the start with a one-line message that names the key to fix.
 */
public final class JobConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public Kafka kafka = new Kafka();
    public Elasticsearch elasticsearch = new Elasticsearch();
    public Checkpoint checkpoint = new Checkpoint();
    public EventTime eventTime = new EventTime();
    public Privacy privacy = new Privacy();
    public Rules rules = new Rules();
    public WebhookConfig webhooks = new WebhookConfig();
    public int parallelism = 1;

    public static final class Kafka implements Serializable {
        private static final long serialVersionUID = 1L;
        public String bootstrapServers = "127.0.0.1:9092";
        public String groupId = "insurwatch-supervision";
        public Topics topics = new Topics();
    }

    public static final class Topics implements Serializable {
        private static final long serialVersionUID = 1L;
        public String consultation = "consultation";
        public String prescription = "prescription";
        public String settlement = "settlement";
        public String logistics = "logistics";
        public String alerts = "alerts";
        public String deadLetters = "dead-letters";
        /** The control topic: versions of the live rule settings, keyed by version, kept for ever (compacted). */
        public String ruleSettings = "control.rule-settings";
        public ReferenceTopics reference = new ReferenceTopics();
    }

    /** The compacted reference-data topics, one per kind, keyed by the entity's id. */
    public static final class ReferenceTopics implements Serializable {
        private static final long serialVersionUID = 1L;
        public String doctors = "ref.doctors";
        public String institutions = "ref.institutions";
        public String insuredPersons = "ref.insured-persons";
        public String priceCaps = "ref.price-caps";
        public String drugs = "ref.drugs";
        public String chronicDiseases = "ref.chronic-diseases";
        public String offlineVisits = "ref.offline-visits";
    }

    public static final class Elasticsearch implements Serializable {
        private static final long serialVersionUID = 1L;
        public List<String> hosts = List.of("http://127.0.0.1:9200");
        public String alertsIndex = "insurwatch-alerts";
        /** Chain steps per minute by pooling region and stage, for the traceability dashboard. */
        public String chainHealthIndex = "insurwatch-chain-health";
        /** Each doctor's consultations and prescriptions per hour, for the doctor capacity dashboard. */
        public String doctorActivityIndex = "insurwatch-doctor-activity";
        /** Replicas of each index; 0 suits a single node, a cluster wants at least 1. */
        public int replicas = 0;
        public int bulkMaxActions = 1000;
        public int maxRetries = 8;
        public Duration initialBackoff = Duration.ofMillis(200);
    }

    public static final class Checkpoint implements Serializable {
        private static final long serialVersionUID = 1L;
        public Duration interval = Duration.ofSeconds(10);
        /** Where checkpoints are kept; empty keeps them in the JobManager's memory (local runs only). */
        public String directory = "";
        /**
         * Where keyed state lives between checkpoints. A national day's state (open chains, supplies, visit histories,
         * trace codes) outgrows any heap, so production runs {@code rocksdb}, which keeps it on local disk; the heap is
         * faster while the state is small. The job's choice overrides the cluster's {@code state.backend.type}.
         */
        public StateBackend stateBackend = StateBackend.HASHMAP;
        /** {@code rocksdb} only: a checkpoint uploads the files written since the last one, not the whole state again. */
        public boolean incremental = true;
        /**
         * {@code rocksdb} in a local cluster (the demo, a replay or back-test from the command line, the tests) only:
         * Flink's managed memory, RocksDB's block cache and write buffers. A local cluster otherwise gets 128 MB, shared
         * by every stateful operator of a slot, and RocksDB spends its time flushing and compacting. A Flink cluster's own
         * {@code taskmanager.memory.managed.*} governs there.
         */
        public String localManagedMemory = "2g";

        public MemorySize localManagedMemory() {
            return MemorySize.parse(localManagedMemory);
        }
    }

    /** Flink's state backends, by the names of {@code state.backend.type}. */
    public enum StateBackend {
        HASHMAP, ROCKSDB;

        /** Null for a name Flink does not know, so that {@link #validate()} names the key in its usual words. */
        @JsonCreator
        public static StateBackend of(String name) {
            for (StateBackend backend : values()) {
                if (backend.flinkName().equals(name)) {
                    return backend;
                }
            }
            return null;
        }

        @JsonValue
        public String flinkName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final class EventTime implements Serializable {
        private static final long serialVersionUID = 1L;
        /** How far out of order events may arrive; an event behind the watermark goes to the dead-letter topic. */
        public Duration maxOutOfOrderness = Duration.ofSeconds(30);
        /** A partition silent this long stops holding back the watermark. */
        public Duration idleness = Duration.ofMinutes(1);
        /** An event time further than this ahead of the wall clock is impossible and rejected. */
        public Duration maxFutureSkew = Duration.ofMinutes(10);
    }

    public static final class Privacy implements Serializable {
        private static final long serialVersionUID = 1L;
        /** Environment variable holding the pseudonymisation key. */
        public String pseudonymKeyEnv = "INSURWATCH_PSEUDONYM_KEY";
        /** Alternatively a file holding the key; used when set. */
        public String pseudonymKeyFile = "";
    }

    public static final class Rules implements Serializable {
        private static final long serialVersionUID = 1L;
        /** No version: the one in force at the time. */
        public static final String SETTINGS_BY_TIME = "";
        /** Not the control topic's settings at all: this file's values alone. */
        public static final String SETTINGS_OF_FILE = "none";
        /**
         * Which rule settings of the control topic judge: {@value #SETTINGS_BY_TIME} the version in force at each
         * event's time (live, and a replay "as it was"), {@value #SETTINGS_OF_FILE} none (this file's values alone, as
         * a back-test candidate wants), or a version name, which judges the whole range by that version.
         */
        public String settingsVersion = SETTINGS_BY_TIME;
        public Traceability traceability = new Traceability();
        public PrescriptionRules prescription = new PrescriptionRules();
        public DeliveryRules delivery = new DeliveryRules();
        public BulkPrescribing bulk = new BulkPrescribing();
        public FollowUp followUp = new FollowUp();
        public PriceRules price = new PriceRules();
    }

    /** RULES.md §7: PRICE-ABOVE-MEDIAN. */
    public static final class PriceRules implements Serializable {
        private static final long serialVersionUID = 1L;
        /** A unit price above this multiple of the province median is far above it. */
        public double ratio = 1.5;
        /** A median judges no price until it rests on this many drug lines sold in the province. */
        public int minSamples = 30;
        /** How often the province medians take in the latest sales: the event-time window of each new median. */
        public Duration medianRefresh = Duration.ofMinutes(10);
        /** The KLL sketch's k: the median is exact up to k samples per drug and province, and its rank error shrinks as k grows. */
        public int sketchK = 200;
    }

    /** RULES.md §3 thresholds. */
    public static final class BulkPrescribing implements Serializable {
        private static final long serialVersionUID = 1L;
        /** BULK-RATE: more prescriptions than this by one doctor within {@link #rateWindow} is more than a person writes. */
        public int maxPrescriptionsPerWindow = 20;
        public Duration rateWindow = Duration.ofMinutes(10);
        /** BULK-MACHINE-CADENCE: how many prescriptions in a row make a run. */
        public int cadenceRun = 10;
        /** BULK-MACHINE-CADENCE: a run's gaps vary less than this (stddev / mean) when a machine paces them. */
        public double maxIntervalVariation = 0.1;
        /** BULK-MACHINE-CADENCE: a run lies within this time, first to last. */
        public Duration cadenceWithin = Duration.ofHours(1);
        /**
         * BULK-MULTI-SITE: how long after its start a consultation may be recorded; an overlap is judged final
         * once event time is this far past the latest end.
         */
        public Duration consultationRecordingLag = Duration.ofMinutes(5);
        /** A burst cites at most this many events; the alert counts them all. */
        public int maxEvidence = 100;
    }

    /** RULES.md §4: the follow-up window, by default and per pooling region. */
    public static final class FollowUp implements Serializable {
        private static final long serialVersionUID = 1L;
        public Period window = Period.ofMonths(3);
        /** Pooling regions (6-digit codes) whose window differs from the default. */
        public Map<String, Period> windowByPoolingRegion = new HashMap<>();
        /** How long an offline visit is remembered: a visit older than this counts as none, so FU-FIRST-VISIT. */
        public Period history = Period.ofYears(1);
        /** The calendar in which "3 months" is counted. */
        public String timeZone = "Asia/Shanghai";

        public Period windowFor(String poolingRegion) {
            return windowByPoolingRegion.getOrDefault(poolingRegion, window);
        }
    }

    /** RULES.md §8. */
    public static final class DeliveryRules implements Serializable {
        private static final long serialVersionUID = 1L;
        /** How long a sold traceability code is remembered: as long as a pack can still be on the market. */
        public Duration traceCodeRetention = Duration.ofDays(3 * 365);
    }

    /** RULES.md §5 thresholds; the chronic-disease limit comes with each disease on the reference list. */
    public static final class PrescriptionRules implements Serializable {
        private static final long serialVersionUID = 1L;
        /** Days of supply allowed for a disease not on the chronic disease list. */
        public int maxDaysOfSupply = 30;
        /** RX-EARLY-REFILL: a new prescription of a drug is early while less than this share of the last supply is used. */
        public double earlyRefillUsedShare = 0.5;
    }

    /** RULES.md §1 thresholds. */
    public static final class Traceability implements Serializable {
        private static final long serialVersionUID = 1L;
        public Duration noConsultationWindow = Duration.ofHours(24);
        public Duration noPrescriptionWindow = Duration.ofHours(24);
        public Duration noSettlementWindow = Duration.ofHours(24);
        public Duration stalledDeliveryWindow = Duration.ofHours(72);
        public Duration lateUploadThreshold = Duration.ofMinutes(30);
    }

    /** What a rule settings version may be called. */
    public static final String SETTINGS_VERSION = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public static JobConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigException("config file " + file + " does not exist");
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
    }

    public static JobConfig parse(String yaml) {
        JobConfig config;
        try {
            config = yaml.isBlank() ? new JobConfig() : YAML.readValue(yaml, JobConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidConfigException("unknown config key '" + path(e) + "'");
        } catch (JsonMappingException e) {
            throw new InvalidConfigException("bad value for config key '" + path(e) + "': " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidConfigException("config is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return config.validate();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Checks every value and returns this config; throws {@link InvalidConfigException} naming the first bad key. */
    public JobConfig validate() {
        require(kafka != null && kafka.topics != null && elasticsearch != null && checkpoint != null
                && eventTime != null && privacy != null && rules != null && webhooks != null,
                "config", "a section is empty; remove it to take the defaults");
        notBlank(kafka.bootstrapServers, "kafka.bootstrapServers");
        notBlank(kafka.groupId, "kafka.groupId");
        notBlank(kafka.topics.consultation, "kafka.topics.consultation");
        notBlank(kafka.topics.prescription, "kafka.topics.prescription");
        notBlank(kafka.topics.settlement, "kafka.topics.settlement");
        notBlank(kafka.topics.logistics, "kafka.topics.logistics");
        notBlank(kafka.topics.alerts, "kafka.topics.alerts");
        notBlank(kafka.topics.deadLetters, "kafka.topics.deadLetters");
        notBlank(kafka.topics.ruleSettings, "kafka.topics.ruleSettings");
        JobConfig.ReferenceTopics ref = kafka.topics.reference;
        require(ref != null, "kafka.topics.reference", "is empty; remove it to take the defaults");
        notBlank(ref.doctors, "kafka.topics.reference.doctors");
        notBlank(ref.institutions, "kafka.topics.reference.institutions");
        notBlank(ref.insuredPersons, "kafka.topics.reference.insuredPersons");
        notBlank(ref.priceCaps, "kafka.topics.reference.priceCaps");
        notBlank(ref.drugs, "kafka.topics.reference.drugs");
        notBlank(ref.chronicDiseases, "kafka.topics.reference.chronicDiseases");
        notBlank(ref.offlineVisits, "kafka.topics.reference.offlineVisits");
        require(elasticsearch.hosts != null && !elasticsearch.hosts.isEmpty(), "elasticsearch.hosts", "give at least one http://host:port");
        for (String host : elasticsearch.hosts) {
            require(host != null && host.matches("https?://[^/]+(:\\d+)?/?"), "elasticsearch.hosts",
                    "'" + host + "' is not of the form http://host:port");
        }
        indexName(elasticsearch.alertsIndex, "elasticsearch.alertsIndex");
        indexName(elasticsearch.chainHealthIndex, "elasticsearch.chainHealthIndex");
        indexName(elasticsearch.doctorActivityIndex, "elasticsearch.doctorActivityIndex");
        List<String> indices = List.of(elasticsearch.alertsIndex, elasticsearch.chainHealthIndex, elasticsearch.doctorActivityIndex);
        for (String a : indices) {
            for (String b : indices) {
                // each index's template also covers "<name>-*" (time-based indices); two templates must not overlap
                require(a.equals(b) ? indices.indexOf(a) == indices.lastIndexOf(a) : !b.startsWith(a + "-"), "elasticsearch",
                        "index names must differ and none may start with another followed by '-' ('" + a + "', '" + b + "')");
            }
        }
        require(elasticsearch.replicas >= 0, "elasticsearch.replicas", "must not be negative");
        require(elasticsearch.bulkMaxActions >= 1, "elasticsearch.bulkMaxActions", "must be at least 1");
        require(elasticsearch.maxRetries >= 0, "elasticsearch.maxRetries", "must not be negative");
        positive(elasticsearch.initialBackoff, "elasticsearch.initialBackoff");
        positive(checkpoint.interval, "checkpoint.interval");
        require(checkpoint.directory != null, "checkpoint.directory", "use \"\" for none");
        require(checkpoint.stateBackend != null, "checkpoint.stateBackend", "must be hashmap or rocksdb");
        require(isMemorySize(checkpoint.localManagedMemory), "checkpoint.localManagedMemory", "must be a size such as 512m or 2g");
        notNegative(eventTime.maxOutOfOrderness, "eventTime.maxOutOfOrderness");
        positive(eventTime.idleness, "eventTime.idleness");
        notNegative(eventTime.maxFutureSkew, "eventTime.maxFutureSkew");
        require(!blank(privacy.pseudonymKeyEnv) || !blank(privacy.pseudonymKeyFile), "privacy",
                "set pseudonymKeyEnv or pseudonymKeyFile");
        validate(rules);
        webhooks.validate();
        require(parallelism >= 1, "parallelism", "must be at least 1");
        return this;
    }

    /** Checks the rules section alone: the config file's, or the file's overlaid by a version of the rule settings. */
    public static void validate(Rules rules) {
        require(rules.settingsVersion != null && (rules.settingsVersion.isEmpty() || rules.settingsVersion.matches(SETTINGS_VERSION)),
                "rules.settingsVersion", "must be empty (the version in force at each event's time), none, or a version name");
        require(rules.prescription != null, "rules.prescription", "is empty; remove it to take the defaults");
        require(rules.prescription.maxDaysOfSupply >= 1, "rules.prescription.maxDaysOfSupply", "must be at least 1 day");
        require(rules.prescription.earlyRefillUsedShare > 0 && rules.prescription.earlyRefillUsedShare <= 1,
                "rules.prescription.earlyRefillUsedShare", "must lie above 0 and at most 1, such as 0.5");
        require(rules.delivery != null, "rules.delivery", "is empty; remove it to take the defaults");
        positive(rules.delivery.traceCodeRetention, "rules.delivery.traceCodeRetention");
        validateBulk(rules.bulk);
        validateFollowUp(rules.followUp);
        validatePrice(rules.price);
        Traceability t = rules.traceability;
        require(t != null, "rules.traceability", "is empty; remove it to take the defaults");
        positive(t.noConsultationWindow, "rules.traceability.noConsultationWindow");
        positive(t.noPrescriptionWindow, "rules.traceability.noPrescriptionWindow");
        positive(t.noSettlementWindow, "rules.traceability.noSettlementWindow");
        positive(t.stalledDeliveryWindow, "rules.traceability.stalledDeliveryWindow");
        notNegative(t.lateUploadThreshold, "rules.traceability.lateUploadThreshold");
    }

    private static void validateBulk(BulkPrescribing b) {
        require(b != null, "rules.bulk", "is empty; remove it to take the defaults");
        require(b.maxPrescriptionsPerWindow >= 1, "rules.bulk.maxPrescriptionsPerWindow", "must be at least 1");
        positive(b.rateWindow, "rules.bulk.rateWindow");
        require(b.cadenceRun >= 3, "rules.bulk.cadenceRun", "must be at least 3 (a run needs two gaps to compare)");
        require(b.maxIntervalVariation > 0 && b.maxIntervalVariation < 1, "rules.bulk.maxIntervalVariation",
                "must lie between 0 and 1, such as 0.1");
        positive(b.cadenceWithin, "rules.bulk.cadenceWithin");
        notNegative(b.consultationRecordingLag, "rules.bulk.consultationRecordingLag");
        require(b.maxEvidence >= Math.max(b.cadenceRun, b.maxPrescriptionsPerWindow + 1), "rules.bulk.maxEvidence",
                "must be able to cite a whole run: at least cadenceRun and maxPrescriptionsPerWindow + 1");
    }

    private static void validateFollowUp(FollowUp f) {
        require(f != null, "rules.followUp", "is empty; remove it to take the defaults");
        positive(f.window, "rules.followUp.window");
        require(f.windowByPoolingRegion != null, "rules.followUp.windowByPoolingRegion", "use {} for none");
        f.windowByPoolingRegion.forEach((region, window) -> {
            require(region.matches("\\d{6}"), "rules.followUp.windowByPoolingRegion." + region, "is not a 6-digit pooling region code");
            positive(window, "rules.followUp.windowByPoolingRegion." + region);
        });
        positive(f.history, "rules.followUp.history");
        try {
            ZoneId.of(f.timeZone);
        } catch (RuntimeException e) {
            require(false, "rules.followUp.timeZone", "must be a time zone id such as Asia/Shanghai");
        }
        LocalDate day = LocalDate.of(2000, 1, 1);
        require(!day.plus(f.history).isBefore(day.plus(f.window))
                        && f.windowByPoolingRegion.values().stream().noneMatch(w -> day.plus(f.history).isBefore(day.plus(w))),
                "rules.followUp.history", "must be at least as long as every follow-up window");
    }

    private static void validatePrice(PriceRules p) {
        require(p != null, "rules.price", "is empty; remove it to take the defaults");
        require(p.ratio > 1 && Double.isFinite(p.ratio), "rules.price.ratio", "must be a number above 1, such as 1.5");
        require(p.minSamples >= 1, "rules.price.minSamples", "must be at least 1");
        positive(p.medianRefresh, "rules.price.medianRefresh");
        require(p.sketchK >= 8 && p.sketchK <= 65535, "rules.price.sketchK", "must lie between 8 and 65535 (the KLL sketch's k), such as 200");
    }

    /** The pseudonymisation key, from the file or the environment variable the config names. */
    public byte[] pseudonymKey() {
        String key;
        if (!blank(privacy.pseudonymKeyFile)) {
            try {
                key = Files.readString(Path.of(privacy.pseudonymKeyFile), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new InvalidConfigException("privacy.pseudonymKeyFile: cannot read " + privacy.pseudonymKeyFile);
            }
        } else {
            key = System.getenv(privacy.pseudonymKeyEnv);
            if (blank(key)) {
                throw new InvalidConfigException("set the environment variable " + privacy.pseudonymKeyEnv
                        + " to the pseudonymisation key (privacy.pseudonymKeyEnv)");
            }
        }
        if (key.length() < 16) {
            throw new InvalidConfigException("the pseudonymisation key must have at least 16 characters");
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void notBlank(String value, String key) {
        require(!blank(value), key, "must not be empty");
    }

    private static void indexName(String name, String key) {
        require(name != null && name.matches("[a-z0-9][a-z0-9._-]*"), key, "must be a lower-case Elasticsearch index name");
    }

    private static void positive(Duration d, String key) {
        require(d != null && !d.isNegative() && !d.isZero(), key, "must be a positive ISO-8601 duration such as PT30S");
    }

    private static void positive(Period p, String key) {
        require(p != null && !p.isNegative() && !p.isZero(), key, "must be a positive ISO-8601 period such as P3M");
    }

    private static void notNegative(Duration d, String key) {
        require(d != null && !d.isNegative(), key, "must be a non-negative ISO-8601 duration such as PT30S");
    }

    private static boolean isMemorySize(String text) {
        try {
            return text != null && MemorySize.parse(text).getBytes() > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void require(boolean ok, String key, String what) {
        if (!ok) {
            throw new InvalidConfigException("config key '" + key + "' " + what);
        }
    }
}
