package org.insurwatch.jobs.ingest;

import org.apache.avro.specific.SpecificRecordBase;
import org.insurwatch.jobs.AvroBytes;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.Settlement;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of the four live streams: how its records decode (Avro single-object encoding, so a record of another
 * schema is told apart by its fingerprint), which instant is its event time, and which fields it cannot do
 * without.
 */
public final class LiveStream<T extends SpecificRecordBase> implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final LiveStream<Consultation> CONSULTATION = new LiveStream<>("consultation", Consultation.class,
            bytes -> Consultation.getDecoder().decode(bytes), Consultation::toByteBuffer, Consultation::getEventTime,
            c -> ids("eventId", c.getEventId(), "consultationId", c.getConsultationId(), "doctorId", c.getDoctorId(),
                    "internetHospitalId", c.getInternetHospitalId(), "insuredPersonId", c.getInsuredPersonId()),
            c -> List.of(c.getEventTime(), c.getStartedAt()));

    public static final LiveStream<Prescription> PRESCRIPTION = new LiveStream<>("prescription", Prescription.class,
            bytes -> Prescription.getDecoder().decode(bytes), Prescription::toByteBuffer, Prescription::getUploadedAt,
            p -> ids("eventId", p.getEventId(), "prescriptionId", p.getPrescriptionId(),
                    "consultationId", p.getConsultationId(), "doctorId", p.getDoctorId(),
                    "insuredPersonId", p.getInsuredPersonId()),
            p -> List.of(p.getUploadedAt(), p.getSignedAt()));

    public static final LiveStream<Settlement> SETTLEMENT = new LiveStream<>("settlement", Settlement.class,
            bytes -> Settlement.getDecoder().decode(bytes), Settlement::toByteBuffer, Settlement::getSettledAt,
            s -> ids("eventId", s.getEventId(), "settlementId", s.getSettlementId(),
                    "insuredPersonId", s.getInsuredPersonId(), "settlingInstitutionId", s.getSettlingInstitutionId()),
            s -> List.of(s.getSettledAt()));

    public static final LiveStream<Logistics> LOGISTICS = new LiveStream<>("logistics", Logistics.class,
            bytes -> Logistics.getDecoder().decode(bytes), Logistics::toByteBuffer, Logistics::getEventTime,
            l -> ids("eventId", l.getEventId(), "shipmentId", l.getShipmentId(), "prescriptionId", l.getPrescriptionId(),
                    "pharmacyId", l.getPharmacyId()),
            l -> List.of(l.getEventTime()));

    /** The oldest instant a live record can carry; anything earlier is a broken clock or a unit error. */
    static final Instant EARLIEST_PLAUSIBLE = Instant.parse("2015-01-01T00:00:00Z");

    @FunctionalInterface
    interface Decoder<T> extends Serializable {
        T decode(ByteBuffer bytes) throws IOException;
    }

    @FunctionalInterface
    interface Encoder<T> extends Serializable {
        ByteBuffer encode(T record) throws IOException;
    }

    @FunctionalInterface
    interface Extractor<T, R> extends Serializable {
        R apply(T record);
    }

    private final String name;
    private final Class<T> recordClass;
    private final Decoder<T> decoder;
    private final Encoder<T> encoder;
    private final Extractor<T, Instant> eventTime;
    private final Extractor<T, Map<String, String>> requiredIds;
    private final Extractor<T, List<Instant>> timestamps;

    private LiveStream(String name, Class<T> recordClass, Decoder<T> decoder, Encoder<T> encoder,
                       Extractor<T, Instant> eventTime,
                       Extractor<T, Map<String, String>> requiredIds, Extractor<T, List<Instant>> timestamps) {
        this.name = name;
        this.recordClass = recordClass;
        this.decoder = decoder;
        this.encoder = encoder;
        this.eventTime = eventTime;
        this.requiredIds = requiredIds;
        this.timestamps = timestamps;
    }

    public String name() {
        return name;
    }

    public Class<T> recordClass() {
        return recordClass;
    }

    T decode(byte[] bytes) throws IOException {
        return decoder.decode(ByteBuffer.wrap(bytes));
    }

    /** The record in single-object encoding, as it travels on Kafka. */
    byte[] encode(T record) {
        return AvroBytes.of(() -> encoder.encode(record));
    }

    public long eventTimeMillis(T record) {
        return eventTime.apply(record).toEpochMilli();
    }

    /** The problems that make the record unusable, empty when it is valid. */
    List<String> problems(T record, Instant latestPlausible) {
        List<String> problems = new ArrayList<>();
        requiredIds.apply(record).forEach((field, value) -> {
            if (value == null || value.isBlank()) {
                problems.add("missing " + field);
            }
        });
        for (Instant t : timestamps.apply(record)) {
            if (t == null) {
                problems.add("missing timestamp");
            } else if (t.isBefore(EARLIEST_PLAUSIBLE)) {
                problems.add("impossible timestamp " + t + " (before " + EARLIEST_PLAUSIBLE + ")");
            } else if (t.isAfter(latestPlausible)) {
                problems.add("impossible timestamp " + t + " (in the future)");
            }
        }
        return problems;
    }

    private static Map<String, String> ids(String... namesAndValues) {
        Map<String, String> ids = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            ids.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return ids;
    }

    @Override
    public String toString() {
        return name;
    }
}
