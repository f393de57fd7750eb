package org.insurwatch.jobs.rules.identity;

import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.IdentityVerification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.ChainFixture.T0;
import static org.insurwatch.jobs.rules.RuleTesting.PSEUDONYMISER;
import static org.insurwatch.jobs.rules.RuleTesting.alerts;

class UnverifiedIdentityRuleTest {
    private final UnverifiedIdentityRule rule = new UnverifiedIdentityRule(PSEUDONYMISER);

    @ParameterizedTest
    @EnumSource(value = IdentityVerification.class, names = {"INSURANCE_E_VOUCHER", "FACE_RECOGNITION"})
    void eVoucherAndFaceRecognitionProveTheIdentity(IdentityVerification how) throws Exception {
        Consultation c = new ChainFixture("1").consultation(T0);
        c.setIdentityVerification(how);
        assertThat(alerts(rule, c)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = IdentityVerification.class, names = {"ID_NUMBER_ONLY", "NONE"})
    void anythingElseIsReportedWithHowTheIdentityWasChecked(IdentityVerification how) throws Exception {
        Consultation c = new ChainFixture("2").consultation(T0);
        c.setIdentityVerification(how);
        assertThat(alerts(rule, c)).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("ID-UNVERIFIED");
            assertThat(alert.getEvidence().get(0).getFields()).containsEntry("identityVerification", how.name());
            assertThat(alert.toString()).doesNotContain(ChainFixture.PATIENT_ID_NUMBER).doesNotContain(ChainFixture.PATIENT_NAME);
        });
    }
}
