package org.insurwatch.jobs.summaries;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.rules.traceability.ChainEvent;
import org.insurwatch.jobs.rules.traceability.ChainStage;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The summaries the dashboards chart besides alerts: chain steps per minute by pooling region and stage, and
 * each doctor's work per hour. Event-time tumbling windows, so a replay gives the same figures.
 */
public final class Summaries {
    static final String UNKNOWN_REGION = "unknown";

    private Summaries() {
    }

    public static DataStream<ChainHealth> chainHealth(DataStream<ChainEvent> chain) {
        return chain
                // an enum's hash code differs between JVMs, so the stage keys by its name
                .keyBy(e -> Tuple2.of(e.poolingRegion == null ? UNKNOWN_REGION : e.poolingRegion, e.stage.name()),
                        Types.TUPLE(Types.STRING, Types.STRING))
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .aggregate(new CountAndFund(), new ToChainHealth(), TypeInformation.of(long[].class), TypeInformation.of(long[].class),
                        TypeInformation.of(ChainHealth.class))
                .name("chain-health").uid("chain-health");
    }

    public static DataStream<DoctorActivity> doctorActivity(DataStream<ChainEvent> chain) {
        return chain
                .filter(e -> (e.stage == ChainStage.CONSULTED || e.stage == ChainStage.PRESCRIBED) && e.doctorId != null)
                .name("doctor-steps")
                .keyBy(e -> e.doctorId, Types.STRING)
                .window(TumblingEventTimeWindows.of(Duration.ofHours(1)))
                .process(new ToDoctorActivity(), TypeInformation.of(DoctorActivity.class))
                .name("doctor-activity").uid("doctor-activity");
    }

    /** Accumulates {events, fund in fen}. */
    private static final class CountAndFund implements AggregateFunction<ChainEvent, long[], long[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public long[] createAccumulator() {
            return new long[2];
        }

        @Override
        public long[] add(ChainEvent event, long[] acc) {
            acc[0]++;
            acc[1] += event.fundFen;
            return acc;
        }

        @Override
        public long[] getResult(long[] acc) {
            return acc;
        }

        @Override
        public long[] merge(long[] a, long[] b) {
            return new long[]{a[0] + b[0], a[1] + b[1]};
        }
    }

    private static final class ToChainHealth
            extends ProcessWindowFunction<long[], ChainHealth, Tuple2<String, String>, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(Tuple2<String, String> key, Context ctx, Iterable<long[]> counts, Collector<ChainHealth> out) {
            long[] acc = counts.iterator().next();
            out.collect(new ChainHealth(ctx.window().getStart(), ctx.window().getEnd(), key.f0, ChainStage.valueOf(key.f1),
                    acc[0], acc[1]));
        }
    }

    /** A doctor's steps of one hour are few, so the window keeps them and counts the distinct hospitals at the end. */
    private static final class ToDoctorActivity extends ProcessWindowFunction<ChainEvent, DoctorActivity, String, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(String doctorId, Context ctx, Iterable<ChainEvent> steps, Collector<DoctorActivity> out) {
            long consultations = 0;
            long prescriptions = 0;
            Set<String> hospitals = new HashSet<>();
            for (ChainEvent step : steps) {
                if (step.stage == ChainStage.CONSULTED) {
                    consultations++;
                } else {
                    prescriptions++;
                }
                if (step.internetHospitalId != null) {
                    hospitals.add(step.internetHospitalId);
                }
            }
            out.collect(new DoctorActivity(ctx.window().getStart(), ctx.window().getEnd(), doctorId, consultations,
                    prescriptions, hospitals.size()));
        }
    }
}
