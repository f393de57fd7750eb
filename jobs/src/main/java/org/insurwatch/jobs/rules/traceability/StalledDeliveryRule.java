package org.insurwatch.jobs.rules.traceability;

import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.insurwatch.schema.alert.Alert;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * TRACE-STALLED as a Flink CEP pattern per prescription: a settlement that chose delivery or pick-up must be
 * followed by the hand-over of the drugs within the window; a partial match that times out is the alert.
 */
public final class StalledDeliveryRule {
    private static final OutputTag<Alert> STALLED = new OutputTag<>("trace-stalled", new AvroTypeInfo<>(Alert.class));

    private StalledDeliveryRule() {
    }

    static Pattern<ChainEvent, ChainEvent> pattern(Duration window) {
        // skip past the hand-over so one delivery closes one settlement, not every earlier partial match
        return Pattern.<ChainEvent>begin("settled", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(e -> e.stage == ChainStage.SETTLED && e.handOverExpected))
                .followedBy("handedOver")
                .where(SimpleCondition.of(e -> e.stage.handsOverDrugs()))
                .within(window);
    }

    public static DataStream<Alert> apply(KeyedStream<ChainEvent, String> byPrescription, Duration window) {
        return CEP.pattern(byPrescription, pattern(window))
                .process(new TimeoutAlerts(window.toMillis()), new AvroTypeInfo<>(Alert.class))
                .name("trace-stalled").uid("trace-stalled")
                .getSideOutput(STALLED);
    }

    private static final class TimeoutAlerts extends PatternProcessFunction<ChainEvent, Alert>
            implements TimedOutPartialMatchHandler<ChainEvent> {
        private static final long serialVersionUID = 1L;
        private final long windowMillis;

        TimeoutAlerts(long windowMillis) {
            this.windowMillis = windowMillis;
        }

        @Override
        public void processMatch(Map<String, List<ChainEvent>> match, Context ctx, Collector<Alert> out) {
            // a complete chain is what we hope for: nothing to report
        }

        @Override
        public void processTimedOutMatch(Map<String, List<ChainEvent>> match, Context ctx) {
            ChainEvent settled = match.get("settled").get(0);
            ctx.output(STALLED, ChainAlerts.alert(TraceabilityRules.STALLED, settled.eventTime + windowMillis, settled));
        }
    }
}
