package org.insurwatch.jobs.rules.price;

/** A new median version of a drug in a province, as broadcast to the judging of settlements. A Flink POJO. */
public class ProvinceMedian {
    /** {@code province|drugCode}. */
    public String provinceDrug;
    public MedianVersion version;

    public ProvinceMedian() {
    }

    ProvinceMedian(String provinceDrug, MedianVersion version) {
        this.provinceDrug = provinceDrug;
        this.version = version;
    }
}
