package org.insurwatch.traffic;

import java.util.List;
import java.util.SplittableRandom;
import org.insurwatch.schema.Diagnosis;

/**
 * The diseases the world's insured persons were diagnosed with offline and follow up online.
 * Only follow-up visits of common and chronic diseases may be held online, hence this short list.
 */
public enum Disease {
    HYPERTENSION("I10", "原发性高血压", true, 35),
    TYPE_2_DIABETES("E11.9", "2型糖尿病不伴有并发症", true, 25),
    CORONARY_HEART_DISEASE("I25.1", "动脉粥样硬化性心脏病", true, 15),
    UPPER_RESPIRATORY_INFECTION("J06.9", "急性上呼吸道感染", false, 10),
    GASTRITIS("K29.7", "胃炎", false, 8),
    LOW_BACK_PAIN("M54.5", "下背痛", false, 7);

    // Refills of a chronic disease run for weeks, acute ones for days; both stay within every supply limit.
    private static final int[] CHRONIC_SUPPLY_DAYS = {14, 28, 30};
    private static final int[] ACUTE_SUPPLY_DAYS = {3, 5, 7};
    private static final WeightedChoice<Disease> BY_PREVALENCE =
            new WeightedChoice<>(List.of(values()), Disease::prevalenceWeight);

    private final String icd10Code;
    private final String displayName;
    private final boolean chronic;
    private final int prevalenceWeight;

    Disease(String icd10Code, String displayName, boolean chronic, int prevalenceWeight) {
        this.icd10Code = icd10Code;
        this.displayName = displayName;
        this.chronic = chronic;
        this.prevalenceWeight = prevalenceWeight;
    }

    public String icd10Code() {
        return icd10Code;
    }

    public String displayName() {
        return displayName;
    }

    /** A chronic stable disease, for which the catalogue allows a supply of up to three months. */
    public boolean chronic() {
        return chronic;
    }

    /** The code's category (I25.1 → I25), the granularity at which the chronic disease list is kept. */
    public String icd10Category() {
        int dot = icd10Code.indexOf('.');
        return dot < 0 ? icd10Code : icd10Code.substring(0, dot);
    }

    int prevalenceWeight() {
        return prevalenceWeight;
    }

    /** A disease drawn as common as it is among the world's persons. */
    static Disease drawByPrevalence(SplittableRandom random) {
        return BY_PREVALENCE.draw(random);
    }

    /** A disease of another ICD-10 category than {@code disease}, drawn as common as it is. */
    static Disease drawOtherThan(Disease disease, SplittableRandom random) {
        Disease other;
        do {
            other = BY_PREVALENCE.draw(random);
        } while (other.icd10Category().equals(disease.icd10Category()));
        return other;
    }

    /** A supply a doctor usually prescribes for the disease, in days. */
    int usualSupplyDays(SplittableRandom random) {
        int[] choices = chronic ? CHRONIC_SUPPLY_DAYS : ACUTE_SUPPLY_DAYS;
        return choices[random.nextInt(choices.length)];
    }

    /** A fresh record each time: Avro records are mutable and must not be shared between events. */
    Diagnosis diagnosis() {
        return new Diagnosis(icd10Code, displayName);
    }
}
