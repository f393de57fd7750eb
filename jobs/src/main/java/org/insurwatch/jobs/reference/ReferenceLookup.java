package org.insurwatch.jobs.reference;

import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.insurwatch.jobs.rules.settings.SettingsInForce;
import org.insurwatch.jobs.rules.settings.SettingsSelection;
import org.insurwatch.schema.internal.ReferenceVersions;
import org.insurwatch.schema.reference.ChronicDisease;
import org.insurwatch.schema.reference.DoctorRegistration;
import org.insurwatch.schema.reference.DrugCatalogueEntry;
import org.insurwatch.schema.reference.PriceCap;
import org.insurwatch.schema.reference.InstitutionAgreement;
import org.insurwatch.schema.reference.InsuredPersonStatus;

import java.time.Instant;
import java.util.Optional;

/** What a rule may ask of the reference data, each answer as of a point in event time. */
public final class ReferenceLookup {
    private final ReadOnlyBroadcastState<String, ReferenceVersions> state;
    private final SettingsSelection settings;

    public ReferenceLookup(ReadOnlyBroadcastState<String, ReferenceVersions> state, SettingsSelection settings) {
        this.state = state;
        this.settings = settings;
    }

    /** The thresholds and switches of the rules. */
    public SettingsInForce ruleSettings(Instant at) throws Exception {
        return settings.at(state, at);
    }

    public Optional<DoctorRegistration> doctor(String doctorId, Instant at) throws Exception {
        return ReferenceState.at(state, ReferenceKind.DOCTOR, doctorId, at);
    }

    public Optional<InstitutionAgreement> institution(String institutionId, Instant at) throws Exception {
        return ReferenceState.at(state, ReferenceKind.INSTITUTION, institutionId, at);
    }

    /** The chronic disease an ICD-10 code belongs to (its category, the part before the dot), if it is on the list. */
    public Optional<ChronicDisease> chronicDisease(String icd10Code, Instant at) throws Exception {
        int dot = icd10Code.indexOf('.');
        return ReferenceState.at(state, ReferenceKind.CHRONIC_DISEASE, dot < 0 ? icd10Code : icd10Code.substring(0, dot), at);
    }

    public Optional<DrugCatalogueEntry> drug(String drugCode, Instant at) throws Exception {
        return ReferenceState.at(state, ReferenceKind.DRUG, drugCode, at);
    }

    public Optional<PriceCap> priceCap(String poolingRegion, String itemCode, Instant at) throws Exception {
        return ReferenceState.at(state, ReferenceKind.PRICE_CAP, poolingRegion + "/" + itemCode, at);
    }

    public Optional<InsuredPersonStatus> insuredPerson(String insuredPersonId, Instant at) throws Exception {
        return ReferenceState.at(state, ReferenceKind.INSURED_PERSON, insuredPersonId, at);
    }
}
