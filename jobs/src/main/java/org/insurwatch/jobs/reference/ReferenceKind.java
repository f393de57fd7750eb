package org.insurwatch.jobs.reference;

import org.apache.avro.specific.SpecificRecordBase;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.rules.settings.RuleSettingsCheck;
import org.insurwatch.schema.control.RuleSettings;
import org.insurwatch.schema.reference.ChronicDisease;
import org.insurwatch.schema.reference.DoctorRegistration;
import org.insurwatch.schema.reference.DrugCatalogueEntry;
import org.insurwatch.schema.reference.InstitutionAgreement;
import org.insurwatch.schema.reference.InsuredPersonStatus;
import org.insurwatch.schema.reference.OfflineVisit;
import org.insurwatch.schema.reference.PriceCap;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * A kind of reference data the rules judge by: its topic, how its records decode, which entity a record
 * describes, and from when to when that version holds. Most kinds are small registries broadcast to every
 * rule; offline visits are a history of every insured person, far too large to broadcast, so they are keyed
 * by insured person instead ({@link #broadcast()}). The rule settings are read the same way as the registries, so a
 * replay finds the settings of its time as it finds the doctors of its time.
 */
public enum ReferenceKind {
    DOCTOR("doctor", t -> t.reference.doctors, DoctorRegistration.class, b -> DoctorRegistration.getDecoder().decode(b),
            r -> ((DoctorRegistration) r).getDoctorId(), r -> ((DoctorRegistration) r).getValidFrom(), r -> ((DoctorRegistration) r).getValidTo()),
    INSTITUTION("institution", t -> t.reference.institutions, InstitutionAgreement.class, b -> InstitutionAgreement.getDecoder().decode(b),
            r -> ((InstitutionAgreement) r).getInstitutionId(), r -> ((InstitutionAgreement) r).getValidFrom(),
            r -> ((InstitutionAgreement) r).getValidTo()),
    INSURED_PERSON("insured-person", t -> t.reference.insuredPersons, InsuredPersonStatus.class, b -> InsuredPersonStatus.getDecoder().decode(b),
            r -> ((InsuredPersonStatus) r).getInsuredPersonId(), r -> ((InsuredPersonStatus) r).getValidFrom(),
            r -> ((InsuredPersonStatus) r).getValidTo()),
    PRICE_CAP("price-cap", t -> t.reference.priceCaps, PriceCap.class, b -> PriceCap.getDecoder().decode(b),
            r -> ((PriceCap) r).getPoolingRegion() + "/" + ((PriceCap) r).getItemCode(), r -> ((PriceCap) r).getValidFrom(),
            r -> ((PriceCap) r).getValidTo()),
    DRUG("drug", t -> t.reference.drugs, DrugCatalogueEntry.class, b -> DrugCatalogueEntry.getDecoder().decode(b),
            r -> ((DrugCatalogueEntry) r).getDrugCode(), r -> ((DrugCatalogueEntry) r).getValidFrom(),
            r -> ((DrugCatalogueEntry) r).getValidTo()),
    CHRONIC_DISEASE("chronic-disease", t -> t.reference.chronicDiseases, ChronicDisease.class, b -> ChronicDisease.getDecoder().decode(b),
            r -> ((ChronicDisease) r).getIcd10Prefix(), r -> ((ChronicDisease) r).getValidFrom(), r -> ((ChronicDisease) r).getValidTo()),
    OFFLINE_VISIT("offline-visit", t -> t.reference.offlineVisits, OfflineVisit.class, b -> OfflineVisit.getDecoder().decode(b),
            r -> ((OfflineVisit) r).getInsuredPersonId(), r -> ((OfflineVisit) r).getVisitedAt(), r -> null),
    /** The versions of the live rule settings: one entity, each version in force until the next one starts. */
    RULE_SETTINGS("rule-settings", t -> t.ruleSettings, RuleSettings.class, b -> RuleSettings.getDecoder().decode(b),
            r -> ReferenceKind.RULE_SETTINGS_ID, r -> ((RuleSettings) r).getValidFrom(), r -> null, r -> RuleSettingsCheck.problem((RuleSettings) r));

    /** The one entity all rule settings versions belong to. */
    public static final String RULE_SETTINGS_ID = "rules";

    interface Part<R> extends Function<SpecificRecordBase, R>, Serializable {
    }

    /** What keeps a record that decoded from taking effect, in one line. */
    interface Check extends Function<SpecificRecordBase, Optional<String>>, Serializable {
    }

    interface Decoder extends Serializable {
        SpecificRecordBase decode(ByteBuffer bytes) throws IOException;
    }

    private final String prefix;
    private final Function<JobConfig.Topics, String> topic;
    private final Class<? extends SpecificRecordBase> recordClass;
    private final Decoder decoder;
    private final Part<String> id;
    private final Part<Instant> validFrom;
    private final Part<Instant> validTo;
    private final Check check;

    ReferenceKind(String prefix, Function<JobConfig.Topics, String> topic, Class<? extends SpecificRecordBase> recordClass,
                  Decoder decoder, Part<String> id, Part<Instant> validFrom, Part<Instant> validTo) {
        this(prefix, topic, recordClass, decoder, id, validFrom, validTo, r -> Optional.empty());
    }

    ReferenceKind(String prefix, Function<JobConfig.Topics, String> topic, Class<? extends SpecificRecordBase> recordClass,
                  Decoder decoder, Part<String> id, Part<Instant> validFrom, Part<Instant> validTo, Check check) {
        this.prefix = prefix;
        this.topic = topic;
        this.recordClass = recordClass;
        this.decoder = decoder;
        this.id = id;
        this.validFrom = validFrom;
        this.validTo = validTo;
        this.check = check;
    }

    public String topic(JobConfig.Topics topics) {
        return topic.apply(topics);
    }

    /** Whether every rule instance gets all of this kind (a registry), rather than only its key's share (a history). */
    public boolean broadcast() {
        return this != OFFLINE_VISIT;
    }

    public Class<? extends SpecificRecordBase> recordClass() {
        return recordClass;
    }

    SpecificRecordBase decode(byte[] bytes) throws IOException {
        return decoder.decode(ByteBuffer.wrap(bytes));
    }

    /** The broadcast-state key of an entity of this kind. */
    public String key(String entityId) {
        return prefix + ":" + entityId;
    }

    String keyOf(SpecificRecordBase record) {
        return key(id.apply(record));
    }

    Instant validFrom(SpecificRecordBase record) {
        return validFrom.apply(record);
    }

    Optional<String> problem(SpecificRecordBase record) {
        return check.apply(record);
    }

    /** End of validity, exclusive; null while open. */
    Instant validTo(SpecificRecordBase record) {
        return validTo.apply(record);
    }

    static ReferenceKind of(SpecificRecordBase record) {
        for (ReferenceKind kind : values()) {
            if (kind.recordClass.isInstance(record)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("not reference data: " + record.getSchema().getFullName());
    }
}
