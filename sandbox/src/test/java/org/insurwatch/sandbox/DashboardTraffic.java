package org.insurwatch.sandbox;

import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.alerts.AlertIds;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.traceability.ChainEvent;
import org.insurwatch.jobs.rules.traceability.ChainEvents;
import org.insurwatch.jobs.rules.traceability.ChainStage;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.FeeItem;
import org.insurwatch.schema.FeeKind;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.Evidence;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;
import org.insurwatch.traffic.GroundTruth;
import org.insurwatch.traffic.TrafficOptions;
import org.insurwatch.traffic.World;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Generated traffic written to a test's topics (for the real job to read), with every event also kept here,
 * reduced to chain steps by the job's own {@link ChainEvents}. From them the test works out, independently of
 * the job's windows and of Elasticsearch, what the summary panels must show (chain steps, fund settled, each
 * doctor's hours), and makes stand-in alerts of the rule families the job does not raise yet (bulk prescribing,
 * price), shaped exactly as the job's alert writer shapes alerts. Nothing here is a hard-coded count: every
 * figure comes from the generated events.
 */
final class DashboardTraffic {
    private static final long HOUR = Duration.ofHours(1).toMillis();

    /** RULES.md PRICE-ABOVE-MEDIAN needs 30 samples of a drug before it judges a price. */
    static final int PRICE_MIN_SAMPLES = 30;
    /**
     * RULES.md says 1.5 × median; the generator's pharmacies never price that far out (95–108 % of reference), so
     * the stand-in uses a factor the clean world reaches. The dashboards do not depend on the factor.
     */
    static final double STAND_IN_PRICE_FACTOR = 1.05;

    final World world;
    final List<GroundTruth> groundTruth = new ArrayList<>();
    final List<ChainEvent> steps = new ArrayList<>();
    final List<Settlement> settlements = new ArrayList<>();
    final long events;
    private final Pseudonymiser pseudonymiser;

    private DashboardTraffic(World world, long events, Pseudonymiser pseudonymiser) {
        this.world = world;
        this.events = events;
        this.pseudonymiser = pseudonymiser;
    }

    static DashboardTraffic write(JobConfig config, TrafficOptions options, long chains, Path groundTruthFile) {
        Pseudonymiser pseudonymiser = new Pseudonymiser(config.pseudonymKey());
        ChainEvents chainEvents = new ChainEvents(pseudonymiser);
        List<ChainEvent> steps = new ArrayList<>();
        List<Settlement> settlements = new ArrayList<>();
        GeneratedRun run = GeneratedRun.write(config, options, chains, groundTruthFile, event -> {
            Object record = event.record();
            if (record instanceof Consultation c) {
                steps.add(chainEvents.of(c));
            } else if (record instanceof Prescription p) {
                steps.add(chainEvents.of(p));
            } else if (record instanceof Settlement s) {
                steps.add(chainEvents.of(s));
                settlements.add(s);
            } else if (record instanceof Logistics l) {
                chainEvents.of(l).ifPresent(steps::add);
            }
            // anything else (reference data arriving during the run, e.g. offline visits) is no chain step
        });
        DashboardTraffic traffic = new DashboardTraffic(run.world, run.events, pseudonymiser);
        traffic.groundTruth.addAll(run.groundTruth);
        traffic.steps.addAll(steps);
        traffic.settlements.addAll(settlements);
        return traffic;
    }

    // ------------------------------------------------------------------------------------------ doctor activity

    /** Chain steps by stage, as the chain-health documents must add up to. */
    Map<ChainStage, Long> stepsByStage() {
        Map<ChainStage, Long> byStage = new java.util.EnumMap<>(ChainStage.class);
        steps.forEach(s -> byStage.merge(s.stage, 1L, Long::sum));
        return byStage;
    }

    /** One doctor in one clock hour, across every internet hospital. */
    record DoctorHour(String doctorId, long hour, List<ChainEvent> consultations, List<ChainEvent> prescriptions,
                      Set<String> internetHospitals) {
    }

    List<DoctorHour> doctorHours() {
        Map<String, DoctorHour> hours = new TreeMap<>();
        for (ChainEvent step : steps) {
            if (step.stage != ChainStage.CONSULTED && step.stage != ChainStage.PRESCRIBED) {
                continue;
            }
            long hour = Math.floorDiv(step.eventTime, HOUR) * HOUR;
            DoctorHour dh = hours.computeIfAbsent(hour + "/" + step.doctorId,
                    k -> new DoctorHour(step.doctorId, hour, new ArrayList<>(), new ArrayList<>(), new TreeSet<>()));
            (step.stage == ChainStage.CONSULTED ? dh.consultations() : dh.prescriptions()).add(step);
            dh.internetHospitals().add(step.internetHospitalId);
        }
        return List.copyOf(hours.values());
    }

    // ------------------------------------------------------------------------------------------ stand-in alerts

    /**
     * Alerts of the families the job does not raise yet, so that the doctor-capacity and price dashboards have
     * something real to show: BULK-RATE for the busiest doctor-hours, BULK-MULTI-SITE for doctor-hours spread
     * over two or more internet hospitals, PRICE-ABOVE-MEDIAN for drug lines priced above the running median
     * of the drug. Thresholds are lowered (the generator injects no such violations); the shape is the job's.
     * A family the job already raises ({@code jobRules}) gets no stand-ins.
     */
    List<Alert> standInAlerts(Set<String> jobRules) {
        List<Alert> alerts = new ArrayList<>();
        if (jobRules.stream().noneMatch(r -> r.startsWith("BULK-"))) {
            alerts.addAll(bulkAlerts());
        }
        if (!jobRules.contains("PRICE-ABOVE-MEDIAN")) {
            alerts.addAll(priceAlerts());
        }
        return alerts;
    }

    private List<Alert> bulkAlerts() {
        Map<String, Long> fundByPrescription = new HashMap<>();
        for (ChainEvent step : steps) {
            if (step.stage == ChainStage.SETTLED && step.prescriptionId != null) {
                fundByPrescription.merge(step.prescriptionId, step.fundFen, Long::sum);
            }
        }
        List<DoctorHour> hours = doctorHours();
        List<DoctorHour> busiest = new ArrayList<>(hours);
        busiest.sort(Comparator.comparingInt((DoctorHour dh) -> dh.prescriptions().size()).reversed()
                .thenComparing(DoctorHour::doctorId).thenComparingLong(DoctorHour::hour));
        List<Alert> alerts = new ArrayList<>();
        for (DoctorHour dh : busiest.subList(0, Math.max(5, busiest.size() / 100))) {
            if (!dh.prescriptions().isEmpty()) {
                alerts.add(bulkAlert("BULK-RATE", Severity.HIGH,
                        "单人处方量超出接诊能力 More prescriptions than one doctor can sign", dh, dh.prescriptions(),
                        fundByPrescription));
            }
        }
        for (DoctorHour dh : hours) {
            if (dh.internetHospitals().size() >= 2) {
                List<ChainEvent> evidence = new ArrayList<>(dh.consultations());
                evidence.addAll(dh.prescriptions());
                alerts.add(bulkAlert("BULK-MULTI-SITE", Severity.HIGH,
                        "同一医生同时在多家互联网医院接诊 One doctor at several internet hospitals at once", dh, evidence,
                        fundByPrescription));
            }
        }
        return alerts;
    }

    private static Alert bulkAlert(String ruleId, Severity severity, String title, DoctorHour dh,
                                   List<ChainEvent> evidence, Map<String, Long> fundByPrescription) {
        List<Evidence> items = new ArrayList<>();
        long latest = Long.MIN_VALUE;
        long fund = 0;
        for (ChainEvent e : evidence) {
            Evidence item = e.evidence();
            Map<String, String> fields = new LinkedHashMap<>(item.getFields());
            fields.put("internetHospitalId", e.internetHospitalId);
            item.setFields(fields);
            items.add(item);
            latest = Math.max(latest, e.eventTime);
            if (e.stage == ChainStage.PRESCRIBED) {
                fund += fundByPrescription.getOrDefault(e.prescriptionId, 0L);
            }
        }
        ChainEvent first = evidence.get(0);
        return Alert.newBuilder()
                .setAlertId(AlertIds.of(ruleId, evidence.stream().map(e -> e.eventId).toArray(String[]::new)))
                .setRuleId(ruleId).setRuleVersion("0-stand-in").setSeverity(severity)
                .setCategory(RuleCategory.BULK_PRESCRIBING).setTitle(title).setCitation("002 §4(10)")
                .setEventTime(Instant.ofEpochMilli(latest)).setDetectedAt(Instant.ofEpochMilli(latest))
                .setInstitutionId(first.institutionId).setInternetHospitalId(first.internetHospitalId)
                .setPharmacyId(null).setDoctorId(dh.doctorId()).setPoolingRegion(first.poolingRegion)
                .setPatientPseudonym(null).setPrescriptionId(null).setConsultationId(null)
                .setFundAtRiskFen(fund).setEvidence(items).build();
    }

    private List<Alert> priceAlerts() {
        List<Settlement> byTime = new ArrayList<>(settlements);
        byTime.sort(Comparator.comparing(Settlement::getSettledAt).thenComparing(Settlement::getEventId));
        Map<String, List<Long>> pricesByDrug = new HashMap<>();
        List<Alert> alerts = new ArrayList<>();
        for (Settlement s : byTime) {
            for (FeeItem item : s.getFeeItems()) {
                if (item.getKind() != FeeKind.DRUG) {
                    continue;
                }
                List<Long> seen = pricesByDrug.computeIfAbsent(item.getItemCode(), k -> new ArrayList<>());
                Optional<Long> median = seen.size() >= PRICE_MIN_SAMPLES ? Optional.of(seen.get(seen.size() / 2))
                        : Optional.empty();
                int at = Collections.binarySearch(seen, item.getUnitPriceFen());
                seen.add(at >= 0 ? at : -at - 1, item.getUnitPriceFen());
                if (median.isPresent() && item.getUnitPriceFen() > STAND_IN_PRICE_FACTOR * median.get()) {
                    alerts.add(priceAlert(s, item, median.get(), seen.size() - 1));
                }
            }
        }
        return alerts;
    }

    private Alert priceAlert(Settlement s, FeeItem item, long medianFen, int samples) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("drugCode", item.getItemCode());
        fields.put("unitPriceFen", Long.toString(item.getUnitPriceFen()));
        fields.put("medianUnitPriceFen", Long.toString(medianFen));
        fields.put("samples", Integer.toString(samples));
        fields.put("quantity", Integer.toString(item.getQuantity()));
        fields.put("pharmacyId", s.getPharmacyId());
        fields.put("settlementId", s.getSettlementId());
        Evidence evidence = Evidence.newBuilder().setStream("settlement").setEventId(s.getEventId())
                .setEventTime(s.getSettledAt()).setFields(fields).build();
        long excessFund = item.getFundFen() * (item.getUnitPriceFen() - medianFen) / item.getUnitPriceFen();
        return Alert.newBuilder()
                .setAlertId(AlertIds.of("PRICE-ABOVE-MEDIAN", s.getEventId() + "/" + item.getItemCode()))
                .setRuleId("PRICE-ABOVE-MEDIAN").setRuleVersion("0-stand-in").setSeverity(Severity.MEDIUM)
                .setCategory(RuleCategory.PRICE)
                .setTitle("药店单价远高于全省中位数 Unit price far above the province median")
                .setCitation("002 §4(10)")
                .setEventTime(s.getSettledAt()).setDetectedAt(s.getSettledAt())
                .setInstitutionId(s.getSettlingInstitutionId()).setInternetHospitalId(s.getInternetHospitalId())
                .setPharmacyId(s.getPharmacyId()).setDoctorId(null).setPoolingRegion(s.getPoolingRegion())
                .setPatientPseudonym(pseudonymiser.pseudonym(s.getInsuredPersonId()))
                .setPrescriptionId(s.getPrescriptionId()).setConsultationId(s.getConsultationId())
                .setFundAtRiskFen(Math.max(0, excessFund)).setEvidence(List.of(evidence)).build();
    }
}
