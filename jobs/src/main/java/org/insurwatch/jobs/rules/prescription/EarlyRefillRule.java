package org.insurwatch.jobs.rules.prescription;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.alerts.AlertBuilder;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.ExpiringEntries;
import org.insurwatch.jobs.rules.InEventTimeOrder;
import org.insurwatch.jobs.rules.OrderedRule;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.jobs.rules.settings.SettingsInForce;
import org.insurwatch.jobs.rules.settings.SettingsSelection;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.PrescriptionLine;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.Evidence;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;
import org.insurwatch.schema.internal.ReferenceVersions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * RX-EARLY-REFILL: the same insured person is prescribed the same drug again long before the last supply of it
 * can have run out, by default with less than half of it used (001 §4; 003 art.23). Keyed by insured person,
 * prescriptions in event-time order (upload time); each drug's last supply is remembered until it runs out, not
 * only until half of it is used, so that a refill signed early but uploaded a little later is still judged by
 * its signing; the state is the drugs a person currently holds a supply of.
 */
public final class EarlyRefillRule implements OrderedRule<Prescription> {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition RULE = new RuleDefinition("RX-EARLY-REFILL", "1", Severity.MEDIUM, RuleCategory.PRESCRIPTION,
            "同一药品提前重复开药 Same drug prescribed again long before the supply runs out", "001 §4; 003 art.23; 000 art.7");
    private static final String PRESCRIPTION = "prescriptionId";
    private static final String DRUG = "drugCode";
    private static final String DAYS = "daysOfSupply";

    private final Pseudonymiser pseudonymiser;
    private transient MapState<String, Evidence> supplies;

    public EarlyRefillRule(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    /** Judges each insured person's prescriptions, in event-time order, by the share of the rule settings in force. */
    public static DataStream<Alert> apply(DataStream<Prescription> prescriptions, BroadcastStream<ReferenceVersions> reference,
                                          SettingsSelection settings, Pseudonymiser pseudonymiser) {
        return InEventTimeOrder.apply(prescriptions.keyBy(Prescription::getInsuredPersonId, Types.STRING), reference,
                new InEventTimeOrder<>(LiveStream.PRESCRIPTION, Prescription::getEventId, List.of(new EarlyRefillRule(pseudonymiser)), settings),
                "early-refill-per-insured-person");
    }

    @Override
    public void open(RuntimeContext runtime) {
        supplies = runtime.getMapState(new MapStateDescriptor<>("drug-supplies", Types.STRING, new AvroTypeInfo<>(Evidence.class)));
    }

    @Override
    public void onRecord(Prescription p, long time, SettingsInForce settings, TimerService timers, Collector<Alert> out) throws Exception {
        // one alert per earlier prescription refilled early, naming every drug of it refilled
        Map<String, List<Evidence>> earlyByPrevious = new TreeMap<>();
        for (PrescriptionLine line : p.getLines()) {
            Evidence last = supplies.get(line.getDrugCode());
            if (last != null && !last.getFields().get(PRESCRIPTION).equals(p.getPrescriptionId())
                    && p.getSignedAt().isBefore(earlyUntil(last, settings.earlyRefillUsedShare()))) {
                earlyByPrevious.computeIfAbsent(last.getEventId(), id -> new ArrayList<>()).add(last);
            }
        }
        for (PrescriptionLine line : p.getLines()) {
            Evidence supply = supplyOf(p, line);
            supplies.put(line.getDrugCode(), supply);
            timers.registerEventTimeTimer(runsOut(supply).toEpochMilli());
        }
        for (List<Evidence> refilled : earlyByPrevious.values()) {
            out.collect(alert(p, refilled));
        }
    }

    @Override
    public void onTime(String insuredPersonId, long time, TimerService timers, Collector<Alert> out) throws Exception {
        ExpiringEntries.remove(supplies, supply -> runsOut(supply).toEpochMilli() <= time);
    }

    /** Until when a refill of this supply is early: its signing plus the share of its days that must be used first. */
    private static Instant earlyUntil(Evidence supply, double usedShare) {
        long days = Long.parseLong(supply.getFields().get(DAYS));
        return supply.getEventTime().plus(Duration.ofMillis(Math.round(days * usedShare * Duration.ofDays(1).toMillis())));
    }

    private static Instant runsOut(Evidence supply) {
        return supply.getEventTime().plus(Duration.ofDays(Long.parseLong(supply.getFields().get(DAYS))));
    }

    /** The supply as cited: timed at signing, when the drug was prescribed. */
    private static Evidence supplyOf(Prescription p, PrescriptionLine line) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(PRESCRIPTION, p.getPrescriptionId());
        fields.put(DRUG, line.getDrugCode());
        fields.put(DAYS, Integer.toString(line.getDaysOfSupply()));
        return new Evidence("prescription", p.getEventId(), p.getSignedAt(), fields);
    }

    /** Cites the earlier prescription (its first drug refilled early) and the refill, with how much had been used. */
    private Alert alert(Prescription p, List<Evidence> refilled) {
        Evidence last = refilled.get(0);
        long days = Long.parseLong(last.getFields().get(DAYS));
        double used = (p.getSignedAt().toEpochMilli() - last.getEventTime().toEpochMilli()) / (double) Duration.ofDays(days).toMillis();
        String drugs = refilled.stream().map(e -> e.getFields().get(DRUG)).sorted().collect(Collectors.joining(","));
        return AlertBuilder.of(RULE, p.getUploadedAt().toEpochMilli())
                .evidence(last)
                .evidence("prescription", p.getEventId(), p.getUploadedAt(), PRESCRIPTION, p.getPrescriptionId(),
                        "drugsRefilledEarly", drugs, "signedAt", p.getSignedAt().toString(),
                        "previousSupplyUsed", String.format(Locale.ROOT, "%.0f%%", used * 100))
                .institution(p.getInstitutionId(), p.getInternetHospitalId(), null)
                .doctor(p.getDoctorId())
                .poolingRegion(p.getPoolingRegion())
                .patientPseudonym(pseudonymiser.pseudonym(p.getInsuredPersonId()))
                .chain(p.getConsultationId(), p.getPrescriptionId())
                .build();
    }
}
