package org.insurwatch.jobs.rules.delivery;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.schema.DeliveredDrug;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.alert.Alert;

/** The traceability codes of every dispensed pack, keyed by code, judged for reuse. */
public final class TraceCodes {
    private TraceCodes() {
    }

    public static DataStream<Alert> reuse(DataStream<Logistics> logistics, JobConfig.DeliveryRules config, Pseudonymiser pseudonymiser) {
        return logistics
                .filter(DispensedDrugs::isDispensing).name("dispensing")
                .flatMap((Logistics l, Collector<Tuple2<String, Logistics>> out) -> {
                    for (DeliveredDrug drug : l.getItems()) {
                        for (String code : drug.getTraceabilityCodes()) {
                            out.collect(Tuple2.of(code, l));
                        }
                    }
                }, Types.TUPLE(Types.STRING, new AvroTypeInfo<>(Logistics.class))).name("trace-codes")
                .keyBy(codeAndDispensing -> codeAndDispensing.f0, Types.STRING)
                .process(new TraceCodeReuseRule(config.traceCodeRetention, pseudonymiser), new AvroTypeInfo<>(Alert.class))
                .name("dlv-trace-code-reused").uid("dlv-trace-code-reused");
    }
}
