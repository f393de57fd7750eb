package org.insurwatch.jobs.rules.followup;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.types.Either;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.settings.SettingsSelection;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.internal.ReferenceVersions;
import org.insurwatch.schema.reference.OfflineVisit;

import java.util.List;

/** RULES.md §4: an online visit is payable only as a follow-up of an offline diagnosis, checked per insured person. */
public final class FollowUpRules {
    private FollowUpRules() {
    }

    public static DataStream<Alert> apply(DataStream<Consultation> consultations, DataStream<OfflineVisit> offlineVisits,
                                          BroadcastStream<ReferenceVersions> reference, SettingsSelection settings,
                                          JobConfig.FollowUp config, Pseudonymiser pseudonymiser) {
        // one keyed input of both, since the rule settings take the broadcast side
        TypeInformation<Either<Consultation, OfflineVisit>> either = new EitherTypeInfo<>(new AvroTypeInfo<>(Consultation.class),
                new AvroTypeInfo<>(OfflineVisit.class));
        return consultations.map(Either::<Consultation, OfflineVisit>Left, either).name("consultations-to-follow-up").uid("consultations-to-follow-up")
                .union(offlineVisits.map(Either::<Consultation, OfflineVisit>Right, either).name("offline-visits-to-follow-up")
                        .uid("offline-visits-to-follow-up"))
                .keyBy(r -> r.isLeft() ? r.left().getInsuredPersonId() : r.right().getInsuredPersonId(), Types.STRING)
                .connect(reference)
                .process(new FollowUpEligibility(config, List.of(new FirstVisitRule(pseudonymiser),
                        new DiagnosisChangedRule(pseudonymiser), new WindowExpiredRule(config, pseudonymiser)), settings),
                        new AvroTypeInfo<>(Alert.class))
                .name("follow-up-eligibility").uid("follow-up-eligibility");
    }
}
