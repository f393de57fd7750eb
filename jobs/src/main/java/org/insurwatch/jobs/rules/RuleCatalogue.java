package org.insurwatch.jobs.rules;

import org.insurwatch.jobs.rules.bulk.BulkPrescribingRules;
import org.insurwatch.jobs.rules.delivery.MissingTraceCodeRule;
import org.insurwatch.jobs.rules.delivery.OutOfRegionCheck;
import org.insurwatch.jobs.rules.delivery.TraceCodeReuseRule;
import org.insurwatch.jobs.rules.followup.FollowUpAlerts;
import org.insurwatch.jobs.rules.identity.DoctorMismatchCheck;
import org.insurwatch.jobs.rules.identity.DoctorRegistrationRule;
import org.insurwatch.jobs.rules.identity.PatientMismatchCheck;
import org.insurwatch.jobs.rules.identity.UnverifiedIdentityRule;
import org.insurwatch.jobs.rules.prescription.DuplicateDispenseRule;
import org.insurwatch.jobs.rules.prescription.EarlyRefillRule;
import org.insurwatch.jobs.rules.prescription.LongSupplyRule;
import org.insurwatch.jobs.rules.prescription.MissingPharmacistReviewRule;
import org.insurwatch.jobs.rules.prescription.MissingSignatureRule;
import org.insurwatch.jobs.rules.price.PriceAboveMedianRule;
import org.insurwatch.jobs.rules.settlement.AgreementRule;
import org.insurwatch.jobs.rules.settlement.AmountMismatchRule;
import org.insurwatch.jobs.rules.settlement.ConsultationFeeCapRule;
import org.insurwatch.jobs.rules.settlement.DeliveryFeePaidByFundRule;
import org.insurwatch.jobs.rules.settlement.InsuredPersonSuspendedRule;
import org.insurwatch.jobs.rules.settlement.NotCoveredDrugRule;
import org.insurwatch.jobs.rules.traceability.TraceabilityRules;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Every rule the job runs, so that what names a rule from outside (the rule settings) can be checked against it. */
public final class RuleCatalogue {
    public static final List<RuleDefinition> ALL = List.of(
            TraceabilityRules.NO_CONSULTATION, TraceabilityRules.NO_PRESCRIPTION, TraceabilityRules.NO_SETTLEMENT,
            TraceabilityRules.STALLED, TraceabilityRules.OUT_OF_ORDER, TraceabilityRules.LATE_UPLOAD,
            UnverifiedIdentityRule.RULE, DoctorRegistrationRule.UNREGISTERED, DoctorRegistrationRule.SUSPENDED,
            DoctorMismatchCheck.RULE, PatientMismatchCheck.RULE,
            BulkPrescribingRules.RATE, BulkPrescribingRules.MULTI_SITE, BulkPrescribingRules.MACHINE_CADENCE,
            FollowUpAlerts.FIRST_VISIT, FollowUpAlerts.DIAGNOSIS_CHANGED, FollowUpAlerts.WINDOW_EXPIRED,
            MissingSignatureRule.RULE, MissingPharmacistReviewRule.RULE, LongSupplyRule.RULE, DuplicateDispenseRule.RULE,
            EarlyRefillRule.RULE,
            DeliveryFeePaidByFundRule.RULE, ConsultationFeeCapRule.RULE, AgreementRule.RULE, InsuredPersonSuspendedRule.RULE,
            AmountMismatchRule.RULE, NotCoveredDrugRule.RULE,
            PriceAboveMedianRule.RULE,
            OutOfRegionCheck.RULE, TraceCodeReuseRule.RULE, MissingTraceCodeRule.RULE);

    private static final Set<String> IDS = ALL.stream().map(RuleDefinition::ruleId).collect(Collectors.toUnmodifiableSet());

    private RuleCatalogue() {
    }

    public static boolean has(String ruleId) {
        return IDS.contains(ruleId);
    }
}
