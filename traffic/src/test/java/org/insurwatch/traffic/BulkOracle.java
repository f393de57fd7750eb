package org.insurwatch.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.Diagnosis;
import org.insurwatch.schema.Prescription;

/**
 * The bulk rules of RULES.md §3 as the job judges them: over each doctor's records in event-time order
 * (prescriptions by uploadedAt, consultations by eventTime; ties by eventId), one alert per burst or cluster,
 * citing every event of it in that order, raised on the first.
 * <ul>
 *   <li>BULK-RATE: a burst opens at the first prescription with more than 20 of the doctor's in the 10 minutes
 *       up to it (the window (t - 10 min, t]), citing those 21, and takes each next one that keeps the count
 *       above 20; the first that does not closes it. (So does 10 minutes without a prescription, which leaves
 *       the next one alone in its window.)</li>
 *   <li>BULK-MULTI-SITE: consultations are intervals [startedAt, endedAt); a cluster is a run of them each
 *       starting strictly before the latest end of the cluster so far; one spanning two or more internet
 *       hospitals alerts.</li>
 *   <li>BULK-MACHINE-CADENCE: a window of the last 10 prescriptions qualifies when they are for 10 insured
 *       persons, within an hour first to last, and either the 9 gaps between their uploads vary by less than
 *       0.1 (population standard deviation over mean) or all 10 are alike (same drug lines with quantity and
 *       days, same diagnosis codes). A burst opens at the first qualifying window, citing its 10, takes each
 *       next prescription whose window qualifies, and closes at the first that does not (an hour without a
 *       prescription stretches the next window beyond the hour).</li>
 * </ul>
 */
final class BulkOracle {

    private static final Duration RATE_WINDOW = Duration.ofMinutes(10);
    private static final int MOST_IN_RATE_WINDOW = 20;
    private static final int CADENCE_RUN = 10;
    private static final Duration CADENCE_SPAN = Duration.ofHours(1);
    private static final double CADENCE_MAX_VARIATION = 0.1;

    private BulkOracle() {
    }

    static void judge(List<SpecificRecord> live, Map<String, List<RuleOracle.Alert>> alerts) {
        Map<String, List<Prescription>> prescriptions = new TreeMap<>();
        Map<String, List<Consultation>> consultations = new TreeMap<>();
        for (SpecificRecord record : live) {
            if (record instanceof Prescription p) {
                prescriptions.computeIfAbsent(p.getDoctorId(), d -> new ArrayList<>()).add(p);
            } else if (record instanceof Consultation c) {
                consultations.computeIfAbsent(c.getDoctorId(), d -> new ArrayList<>()).add(c);
            }
        }
        for (List<Prescription> byDoctor : prescriptions.values()) {
            byDoctor.sort(Comparator.comparing(Prescription::getUploadedAt).thenComparing(Prescription::getEventId));
            rate(byDoctor).forEach(burst -> raise("BULK-RATE", ids(burst, Prescription::getEventId), alerts));
            cadence(byDoctor).forEach(burst -> raise("BULK-MACHINE-CADENCE", ids(burst, Prescription::getEventId),
                    alerts));
        }
        for (List<Consultation> byDoctor : consultations.values()) {
            byDoctor.sort(Comparator.comparing(Consultation::getEventTime).thenComparing(Consultation::getEventId));
            multiSite(byDoctor).forEach(cluster -> raise("BULK-MULTI-SITE", ids(cluster, Consultation::getEventId),
                    alerts));
        }
    }

    private static List<List<Prescription>> rate(List<Prescription> byDoctor) {
        List<List<Prescription>> bursts = new ArrayList<>();
        Deque<Prescription> window = new ArrayDeque<>();
        List<Prescription> burst = null;
        for (Prescription p : byDoctor) {
            window.addLast(p);
            Instant from = p.getUploadedAt().minus(RATE_WINDOW);
            while (!window.getFirst().getUploadedAt().isAfter(from)) {
                window.removeFirst();
            }
            if (window.size() > MOST_IN_RATE_WINDOW) {
                if (burst == null) {
                    burst = new ArrayList<>(window);
                    bursts.add(burst);
                } else {
                    burst.add(p);
                }
            } else {
                burst = null;
            }
        }
        return bursts;
    }

    private static List<List<Prescription>> cadence(List<Prescription> byDoctor) {
        List<List<Prescription>> bursts = new ArrayList<>();
        List<Prescription> burst = null;
        for (int last = CADENCE_RUN - 1; last < byDoctor.size(); last++) {
            List<Prescription> window = byDoctor.subList(last - CADENCE_RUN + 1, last + 1);
            if (machineLike(window)) {
                if (burst == null) {
                    burst = new ArrayList<>(window);
                    bursts.add(burst);
                } else {
                    burst.add(byDoctor.get(last));
                }
            } else {
                burst = null;
            }
        }
        return bursts;
    }

    private static boolean machineLike(List<Prescription> window) {
        Set<String> persons = window.stream().map(Prescription::getInsuredPersonId).collect(Collectors.toSet());
        Instant first = window.get(0).getUploadedAt();
        Instant last = window.get(window.size() - 1).getUploadedAt();
        if (persons.size() < CADENCE_RUN || Duration.between(first, last).compareTo(CADENCE_SPAN) > 0) {
            return false;
        }
        double[] gaps = new double[window.size() - 1];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = Duration.between(window.get(i).getUploadedAt(), window.get(i + 1).getUploadedAt()).toMillis();
        }
        double mean = Arrays.stream(gaps).average().orElseThrow();
        double variance = Arrays.stream(gaps).map(g -> (g - mean) * (g - mean)).average().orElseThrow();
        // all at one instant is as constant as it gets
        boolean constant = mean == 0 || Math.sqrt(variance) / mean < CADENCE_MAX_VARIATION;
        return constant || window.stream().map(BulkOracle::content).distinct().count() == 1;
    }

    /** What a template fixes: the drug lines as a multiset and the diagnosis codes as a set. */
    private static List<Object> content(Prescription p) {
        Map<String, Long> lines = p.getLines().stream().collect(Collectors.groupingBy(
                l -> l.getDrugCode() + "|" + l.getQuantity() + "|" + l.getDaysOfSupply(), TreeMap::new,
                Collectors.counting()));
        Set<String> diagnoses = p.getDiagnoses().stream().map(Diagnosis::getIcd10Code).collect(Collectors.toSet());
        return List.of(lines, diagnoses);
    }

    private static List<List<Consultation>> multiSite(List<Consultation> byDoctor) {
        List<List<Consultation>> clusters = new ArrayList<>();
        List<Consultation> cluster = new ArrayList<>();
        Instant latestEnd = null;
        for (Consultation c : byDoctor) {
            Instant end = c.getEndedAt() != null ? c.getEndedAt() : c.getStartedAt();
            if (!cluster.isEmpty() && c.getStartedAt().isBefore(latestEnd)) {
                cluster.add(c);
                latestEnd = end.isAfter(latestEnd) ? end : latestEnd;
            } else {
                clusters.add(cluster);
                cluster = new ArrayList<>(List.of(c));
                latestEnd = end;
            }
        }
        clusters.add(cluster);
        return clusters.stream().filter(c -> new HashSet<>(c.stream().map(Consultation::getInternetHospitalId).toList())
                .size() >= 2).toList();
    }

    private static <T> List<String> ids(List<T> events, Function<T, String> eventId) {
        return events.stream().map(eventId).toList();
    }

    private static void raise(String ruleId, List<String> evidence, Map<String, List<RuleOracle.Alert>> alerts) {
        alerts.get(evidence.get(0)).add(new RuleOracle.Alert(ruleId, String.join(",", evidence)));
    }
}
