package org.insurwatch.jobs.rules.followup;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.reference.OfflineVisit;

import java.util.List;

/** RULES.md §4: an online visit is payable only as a follow-up of an offline diagnosis, checked per insured person. */
public final class FollowUpRules {
    private FollowUpRules() {
    }

    public static DataStream<Alert> apply(DataStream<Consultation> consultations, DataStream<OfflineVisit> offlineVisits,
                                          JobConfig.FollowUp config, Pseudonymiser pseudonymiser) {
        return consultations.keyBy(Consultation::getInsuredPersonId, Types.STRING)
                .connect(offlineVisits.keyBy(OfflineVisit::getInsuredPersonId, Types.STRING))
                .process(new FollowUpEligibility(config, List.of(new FirstVisitRule(pseudonymiser),
                        new DiagnosisChangedRule(pseudonymiser), new WindowExpiredRule(config, pseudonymiser))),
                        new AvroTypeInfo<>(Alert.class))
                .name("follow-up-eligibility").uid("follow-up-eligibility");
    }
}
