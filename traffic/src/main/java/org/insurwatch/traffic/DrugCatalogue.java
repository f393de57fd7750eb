package org.insurwatch.traffic;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The drugs the world prescribes, all in the insurance list. */
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

    private static final Map<Disease, List<Drug>> BY_INDICATION = DRUGS.stream().collect(Collectors.groupingBy(
            Drug::indication, () -> new EnumMap<>(Disease.class), Collectors.toUnmodifiableList()));

    private DrugCatalogue() {
    }

    static List<Drug> prescribedFor(Disease disease) {
        return BY_INDICATION.get(disease);
    }
}
