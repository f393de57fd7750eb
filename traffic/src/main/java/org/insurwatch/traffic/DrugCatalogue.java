package org.insurwatch.traffic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/** The drugs the world prescribes, all in the insurance list, and a few outside it ({@link #NOT_COVERED}). */
public final class DrugCatalogue {

    public static final List<Drug> DRUGS = List.of(
            new Drug("XC08CAA001A001", "氨氯地平片", "5mg×28片", "盒", 380, 28, "8100101", Disease.HYPERTENSION),
            new Drug("XC08CAN005A002", "硝苯地平控释片", "30mg×7片", "盒", 1_020, 7, "8100102", Disease.HYPERTENSION),
            new Drug("XC09CAX003A001", "缬沙坦胶囊", "80mg×14粒", "盒", 890, 14, "8100103", Disease.HYPERTENSION),
            new Drug("XA10BAE002A001", "二甲双胍片", "0.5g×60片", "盒", 650, 20, "8100201", Disease.TYPE_2_DIABETES),
            new Drug("XA10BFA001A003", "阿卡波糖片", "50mg×30片", "盒", 1_480, 10, "8100202", Disease.TYPE_2_DIABETES),
            new Drug("XA10BBG012A001", "格列美脲片", "2mg×30片", "盒", 920, 30, "8100203", Disease.TYPE_2_DIABETES),
            new Drug("XC10AAA005A001", "阿托伐他汀钙片", "20mg×7片", "盒", 560, 7, "8100301", Disease.CORONARY_HEART_DISEASE),
            new Drug("XB01ACA006A001", "阿司匹林肠溶片", "100mg×30片", "盒", 1_550, 30, "8100302", Disease.CORONARY_HEART_DISEASE),
            new Drug("XC07ABM002A001", "酒石酸美托洛尔片", "25mg×20片", "盒", 420, 10, "8100303", Disease.CORONARY_HEART_DISEASE),
            new Drug("XR06AXL013A001", "氯雷他定片", "10mg×6片", "盒", 1_800, 6, "8100401", Disease.UPPER_RESPIRATORY_INFECTION),
            new Drug("XM01AEB001A002", "布洛芬缓释胶囊", "0.3g×20粒", "盒", 1_350, 10, "8100402", Disease.UPPER_RESPIRATORY_INFECTION),
            new Drug("XA02BCA001A001", "奥美拉唑肠溶胶囊", "20mg×14粒", "盒", 1_120, 14, "8100501", Disease.GASTRITIS),
            new Drug("XA03FAM004A001", "枸橼酸莫沙必利片", "5mg×24片", "盒", 2_650, 8, "8100502", Disease.GASTRITIS),
            new Drug("XM01AHS001A001", "塞来昔布胶囊", "0.2g×6粒", "盒", 2_380, 6, "8100601", Disease.LOW_BACK_PAIN),
            new Drug("XM01ABS005A002", "双氯芬酸钠缓释片", "75mg×10片", "盒", 1_260, 10, "8100602", Disease.LOW_BACK_PAIN));

    /**
     * Drugs the catalogue lists outside the insurance list (inInsuranceList false): only
     * {@link Scenario#PAY_NOT_COVERED} prescribes one, and has the fund pay a share of it.
     */
    public static final List<Drug> NOT_COVERED = List.of(
            new Drug("XC09DXS001A001", "沙库巴曲缬沙坦钠片", "100mg×14片", "盒", 6_480, 14, "8109101", Disease.HYPERTENSION),
            new Drug("XA10BKD001A001", "达格列净片", "10mg×14片", "盒", 5_260, 14, "8109201", Disease.TYPE_2_DIABETES),
            new Drug("XB01ACT004A001", "替格瑞洛片", "90mg×14片", "盒", 4_830, 7, "8109301", Disease.CORONARY_HEART_DISEASE),
            new Drug("XJ05AXM006A001", "玛巴洛沙韦片", "20mg×2片", "盒", 22_260, 5, "8109401", Disease.UPPER_RESPIRATORY_INFECTION),
            new Drug("XA02BCV001A001", "伏诺拉生片", "20mg×7片", "盒", 5_880, 7, "8109501", Disease.GASTRITIS),
            new Drug("XM01AHE001A001", "艾瑞昔布片", "0.1g×10片", "盒", 3_960, 5, "8109601", Disease.LOW_BACK_PAIN));

    private static final int MAX_LINES = 3;
    private static final Map<Disease, List<Drug>> BY_INDICATION = DRUGS.stream().collect(Collectors.groupingBy(
            Drug::indication, () -> new EnumMap<>(Disease.class), Collectors.toUnmodifiableList()));

    private DrugCatalogue() {
    }

    static List<Drug> prescribedFor(Disease disease) {
        return BY_INDICATION.get(disease);
    }

    /** One to three of the disease's drugs, all for {@code days}, boxed to last that long. */
    static List<PrescribedDrug> prescription(Disease disease, int days, SplittableRandom random) {
        List<Drug> candidates = new ArrayList<>(prescribedFor(disease));
        int lines = 1 + random.nextInt(Math.min(MAX_LINES, candidates.size()));
        List<PrescribedDrug> drugs = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            Drug drug = candidates.remove(random.nextInt(candidates.size()));
            drugs.add(new PrescribedDrug(drug, drug.boxesFor(days), days));
        }
        return List.copyOf(drugs);
    }

    /** The traceability prefix of the catalogue's drug {@code code}, "" for a drug not in the catalogue. */
    static String traceabilityPrefixOf(String code) {
        return java.util.stream.Stream.concat(DRUGS.stream(), NOT_COVERED.stream()).filter(d -> d.code().equals(code))
                .map(Drug::traceabilityPrefix).findFirst().orElse("");
    }

    /** The drug outside the insurance list that a doctor might prescribe for {@code disease}. */
    static Drug notCoveredFor(Disease disease) {
        return NOT_COVERED.stream().filter(d -> d.indication() == disease).findFirst().orElseThrow();
    }
}
