package org.insurwatch.jobs.reference;

import org.apache.avro.specific.SpecificRecordBase;
import org.insurwatch.jobs.JobConfig;
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
import java.util.function.Function;

/**
 * A kind of reference data the rules judge by: its topic, how its records decode, which entity a record
 * describes, and from when to when that version holds. Most kinds are small registries broadcast to every
 * rule; offline visits are a history of every insured person, far too large to broadcast, so they are keyed
 * by insured person instead ({@link #broadcast()}).
 */
public enum ReferenceKind {
    DOCTOR("doctor", t -> t.doctors, DoctorRegistration.class, b -> DoctorRegistration.getDecoder().decode(b),
            r -> ((DoctorRegistration) r).getDoctorId(), r -> ((DoctorRegistration) r).getValidFrom(), r -> ((DoctorRegistration) r).getValidTo()),
    INSTITUTION("institution", t -> t.institutions, InstitutionAgreement.class, b -> InstitutionAgreement.getDecoder().decode(b),
            r -> ((InstitutionAgreement) r).getInstitutionId(), r -> ((InstitutionAgreement) r).getValidFrom(),
            r -> ((InstitutionAgreement) r).getValidTo()),
    INSURED_PERSON("insured-person", t -> t.insuredPersons, InsuredPersonStatus.class, b -> InsuredPersonStatus.getDecoder().decode(b),
            r -> ((InsuredPersonStatus) r).getInsuredPersonId(), r -> ((InsuredPersonStatus) r).getValidFrom(),
            r -> ((InsuredPersonStatus) r).getValidTo()),
    PRICE_CAP("price-cap", t -> t.priceCaps, PriceCap.class, b -> PriceCap.getDecoder().decode(b),
            r -> ((PriceCap) r).getPoolingRegion() + "/" + ((PriceCap) r).getItemCode(), r -> ((PriceCap) r).getValidFrom(),
            r -> ((PriceCap) r).getValidTo()),
    DRUG("drug", t -> t.drugs, DrugCatalogueEntry.class, b -> DrugCatalogueEntry.getDecoder().decode(b),
            r -> ((DrugCatalogueEntry) r).getDrugCode(), r -> ((DrugCatalogueEntry) r).getValidFrom(),
            r -> ((DrugCatalogueEntry) r).getValidTo()),
    CHRONIC_DISEASE("chronic-disease", t -> t.chronicDiseases, ChronicDisease.class, b -> ChronicDisease.getDecoder().decode(b),
            r -> ((ChronicDisease) r).getIcd10Prefix(), r -> ((ChronicDisease) r).getValidFrom(), r -> ((ChronicDisease) r).getValidTo()),
    OFFLINE_VISIT("offline-visit", t -> t.offlineVisits, OfflineVisit.class, b -> OfflineVisit.getDecoder().decode(b),
            r -> ((OfflineVisit) r).getInsuredPersonId(), r -> ((OfflineVisit) r).getVisitedAt(), r -> null);

    interface Part<R> extends Function<SpecificRecordBase, R>, Serializable {
    }

    interface Decoder extends Serializable {
        SpecificRecordBase decode(ByteBuffer bytes) throws IOException;
    }

    private final String prefix;
    private final Function<JobConfig.ReferenceTopics, String> topic;
    private final Class<? extends SpecificRecordBase> recordClass;
    private final Decoder decoder;
    private final Part<String> id;
    private final Part<Instant> validFrom;
    private final Part<Instant> validTo;

    ReferenceKind(String prefix, Function<JobConfig.ReferenceTopics, String> topic, Class<? extends SpecificRecordBase> recordClass,
                  Decoder decoder, Part<String> id, Part<Instant> validFrom, Part<Instant> validTo) {
        this.prefix = prefix;
        this.topic = topic;
        this.recordClass = recordClass;
        this.decoder = decoder;
        this.id = id;
        this.validFrom = validFrom;
        this.validTo = validTo;
    }

    public String topic(JobConfig.ReferenceTopics topics) {
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
