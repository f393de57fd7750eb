package org.insurwatch.jobs.rules;

import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.identity.UnverifiedIdentityRule;
import org.insurwatch.jobs.rules.prescription.MissingPharmacistReviewRule;
import org.insurwatch.jobs.rules.prescription.MissingSignatureRule;
import org.insurwatch.jobs.rules.settlement.AmountMismatchRule;
import org.insurwatch.jobs.rules.settlement.DeliveryFeePaidByFundRule;
import org.insurwatch.jobs.rules.delivery.MissingTraceCodeRule;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.alert.Alert;

/** The rules one event proves on its own, without state: each is a flat map from the event to its alerts. */
public final class EventChecks {
    private EventChecks() {
    }

    public static DataStream<Alert> apply(DataStream<Consultation> consultations, DataStream<Prescription> prescriptions,
                                          DataStream<Settlement> settlements, DataStream<Logistics> logistics,
                                          Pseudonymiser pseudonymiser) {
        AvroTypeInfo<Alert> alert = new AvroTypeInfo<>(Alert.class);
        return consultations.flatMap(new UnverifiedIdentityRule(pseudonymiser), alert).name("id-unverified").uid("id-unverified")
                .union(prescriptions.flatMap(new MissingSignatureRule(pseudonymiser), alert).name("rx-no-signature").uid("rx-no-signature"),
                        prescriptions.flatMap(new MissingPharmacistReviewRule(pseudonymiser), alert).name("rx-no-pharmacist").uid("rx-no-pharmacist"),
                        settlements.flatMap(new DeliveryFeePaidByFundRule(pseudonymiser), alert).name("pay-delivery-fee").uid("pay-delivery-fee"),
                        settlements.flatMap(new AmountMismatchRule(pseudonymiser), alert).name("pay-amount-mismatch").uid("pay-amount-mismatch"),
                        logistics.flatMap(new MissingTraceCodeRule(pseudonymiser), alert).name("dlv-trace-code-missing").uid("dlv-trace-code-missing"));
    }
}
