package org.insurwatch.traffic;

import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.Settlement;

/** The four live streams and the record class each carries. */
public enum TrafficStream {
    CONSULTATION(Consultation.class),
    PRESCRIPTION(Prescription.class),
    SETTLEMENT(Settlement.class),
    LOGISTICS(Logistics.class);

    private final Class<? extends SpecificRecord> recordClass;

    TrafficStream(Class<? extends SpecificRecord> recordClass) {
        this.recordClass = recordClass;
    }

    /** The stream's name, which is also its default topic and file name. */
    public String streamName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Schema schema() {
        return model().getSchema(recordClass);
    }

    /** The generated class to decode this stream's records with. */
    public Class<? extends SpecificRecord> recordClass() {
        return recordClass;
    }

    /** The record class's own model, which knows its logical-type conversions (timestamps as Instant). */
    SpecificData model() {
        return SpecificData.getForClass(recordClass);
    }
}
