package org.insurwatch.jobs.rules.price;

/** One pharmacy's prices of one drug in one refresh window as a serialized KLL sketch, to merge per province. A Flink POJO. */
public class PharmacySketch {
    /** {@code province|drugCode}. */
    public String provinceDrug;
    public String pharmacyId;
    /** {@code KllDoublesSketch.toByteArray()}: the sketch travels and rests in state as its own bytes, so no Kryo. */
    public byte[] sketch;

    public PharmacySketch() {
    }

    PharmacySketch(String provinceDrug, String pharmacyId, byte[] sketch) {
        this.provinceDrug = provinceDrug;
        this.pharmacyId = pharmacyId;
        this.sketch = sketch;
    }
}
