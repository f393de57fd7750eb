package org.insurwatch.jobs.rules.bulk;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.InEventTimeOrder;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.jobs.rules.settings.SettingsSelection;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;
import org.insurwatch.schema.internal.ReferenceVersions;

import java.util.List;

/**
 * RULES.md §3: prescribing no person can do, judged per doctor across all internet hospitals (002 §4(10)).
 * Each rule follows one doctor's records in event-time order and raises one alert per burst.
 */
public final class BulkPrescribingRules {
    private static final String CITATION = "002 §4(10); 000 art.3(三)";
    public static final RuleDefinition RATE = new RuleDefinition("BULK-RATE", "1", Severity.HIGH, RuleCategory.BULK_PRESCRIBING,
            "医生开方速度超出人力所能 Prescriptions faster than a person can write", CITATION);
    public static final RuleDefinition MULTI_SITE = new RuleDefinition("BULK-MULTI-SITE", "1", Severity.CRITICAL,
            RuleCategory.BULK_PRESCRIBING, "医生同时在多家互联网医院接诊 Overlapping consultations at several internet hospitals", CITATION);
    public static final RuleDefinition MACHINE_CADENCE = new RuleDefinition("BULK-MACHINE-CADENCE", "1", Severity.CRITICAL,
            RuleCategory.BULK_PRESCRIBING, "处方呈机器节律或模板化 Prescriptions at machine cadence or from a template", CITATION);

    private BulkPrescribingRules() {
    }

    public static DataStream<Alert> apply(DataStream<Consultation> consultations, DataStream<Prescription> prescriptions,
                                          BroadcastStream<ReferenceVersions> reference, SettingsSelection settings,
                                          JobConfig.BulkPrescribing config, Pseudonymiser pseudonymiser) {
        DataStream<Alert> byPrescriptions = InEventTimeOrder.apply(prescriptions.keyBy(Prescription::getDoctorId, Types.STRING), reference,
                new InEventTimeOrder<>(LiveStream.PRESCRIPTION, Prescription::getEventId,
                        List.of(new PrescribingRateRule(config, pseudonymiser), new MachineCadenceRule(config, pseudonymiser)), settings),
                "bulk-prescribing-per-doctor");
        DataStream<Alert> byConsultations = InEventTimeOrder.apply(consultations.keyBy(Consultation::getDoctorId, Types.STRING), reference,
                new InEventTimeOrder<>(LiveStream.CONSULTATION, Consultation::getEventId, List.of(new MultiSiteRule(config, pseudonymiser)),
                        settings),
                "multi-site-per-doctor");
        return byPrescriptions.union(byConsultations);
    }
}
